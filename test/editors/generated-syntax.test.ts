// The editors' highlighting is generated from the lexer's tokens (scripts/gen-editor-syntax.ts):
// the committed files must be what the script writes now, and every keyword must be in each.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEYWORD_WORDS } from '../../grammar/tokens.js';
import {
  EMACS_MODE_PATH,
  generatedEditorFiles,
  TEXTMATE_PATH,
  VIM_SYNTAX_PATH,
} from '../../scripts/gen-editor-syntax.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('generated editor syntax', () => {
  const generated = generatedEditorFiles(REPO);

  test.each([TEXTMATE_PATH, VIM_SYNTAX_PATH, EMACS_MODE_PATH])(
    '%s is what scripts/gen-editor-syntax.ts generates (run `npm run editor-syntax` when this fails)',
    (path) => {
      expect(readFileSync(join(REPO, path), 'utf8')).toBe(generated.get(path));
    },
  );

  test('every keyword of the lexer is highlighted by each editor', () => {
    const vim = generated.get(VIM_SYNTAX_PATH) ?? '';
    const vimWords = new Set(
      vim
        .split('\n')
        .filter((l) => l.startsWith('syn keyword credspec') && !l.includes(' contained '))
        .flatMap((l) => l.split(' ').slice(3)),
    );
    const emacs = generated.get(EMACS_MODE_PATH) ?? '';
    const textMate = JSON.parse(generated.get(TEXTMATE_PATH) ?? '{}') as {
      patterns: { name?: string; match?: string }[];
    };
    const tmWords = new Set(
      textMate.patterns
        .filter((p) => /^(keyword|constant\.language)\./.test(p.name ?? ''))
        .flatMap((p) => /^\\b\(\?:([a-z_|]+)\)\\b$/.exec(p.match ?? '')?.[1]?.split('|') ?? []),
    );
    for (const word of KEYWORD_WORDS) {
      expect(vimWords).toContain(word);
      expect(tmWords).toContain(word);
      expect(emacs).toContain(`"${word}"`);
    }
  });
});
