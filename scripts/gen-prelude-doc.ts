// Generates the reference part of docs/prelude.md from prelude/kernel.cred: every declaration of
// the prelude, under the prelude's own section comments, with the signature and the doc comment
// the language server's hover shows for it (src/lsp/symbol-docs.ts reads both). So the page and
// the hover say the same thing from one source: edit the doc comment, then run
//   npm run prelude-doc
// which rewrites the part between the markers below (and nothing else) only if it changed.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInfo } from '../src/check/scopes.js';
import { docOf, signatureOf } from '../src/lsp/symbol-docs.js';
import { type Analysis, Workspace } from '../src/lsp/workspace.js';

/** Where the page lives, relative to the repository root. */
export const PRELUDE_DOC_PATH = 'docs/prelude.md';
const PRELUDE_FILE = 'kernel.cred';

export const BEGIN_MARKER =
  '<!-- BEGIN prelude reference: generated from prelude/kernel.cred by scripts/gen-prelude-doc.ts (npm run prelude-doc). Edit the doc comments there, not this part. -->';
export const END_MARKER = '<!-- END prelude reference -->';

/** A line of dashes in a `//` comment starts a section of the prelude; its comment names it. */
const DIVIDER = /^\/\/ -{20,}$/;

const LISTED = new Set<SymbolInfo['kind']>([
  'enum',
  'const',
  'type',
  'sharedVar',
  'threadVar',
  'def',
  'macro',
  'procedure',
]);

interface Section {
  readonly offset: number;
  readonly title: string;
  readonly text: string;
}

/** The prelude's sections: where each starts, its title (the comment's first sentence) and the rest. */
function sections(text: string): Section[] {
  const out: Section[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (DIVIDER.test(line)) {
      const comment: string[] = [];
      for (let j = i + 1; lines[j]?.startsWith('//') === true; j++)
        comment.push((lines[j] ?? '').replace(/^\/\/ ?/, ''));
      const joined = comment.join(' ').trim();
      const end = joined.search(/\.(\s|$)/);
      const title = end < 0 ? joined : joined.slice(0, end);
      out.push({ offset, title, text: end < 0 ? '' : joined.slice(end + 1).trim() });
    }
    offset += line.length + 1;
  }
  return out;
}

/** `<` outside code spans would start HTML in Markdown. */
function markdownText(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;') : part))
    .join('`');
}

/** A doc comment as one Markdown paragraph per paragraph of the comment. */
function paragraphs(doc: string): string[] {
  return doc
    .split(/\n\s*\n/)
    .map((p) => markdownText(p.replace(/\s*\n\s*/g, ' ').trim()))
    .filter((p) => p !== '');
}

/**
 * How a declaration is listed: a routine by the signature hover shows; state, constants and
 * types as written (their value or shape is the point), on one line.
 */
function shownSignature(a: Analysis, sym: SymbolInfo): string {
  if (['def', 'macro', 'procedure'].includes(sym.kind) || sym.decl === undefined)
    return signatureOf(a, sym);
  const text = a.texts.get(sym.decl.span.file) ?? '';
  return text
    .slice(sym.decl.span.start.offset, sym.decl.span.end.offset)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The generated reference: every prelude declaration, in file order, under its section. */
export function renderPreludeReference(preludeDir: string): string {
  const ws = new Workspace(preludeDir);
  const a = ws.analyze(join(preludeDir, PRELUDE_FILE));
  const root = a.checked.program.root;
  const symbols = [...a.checked.declarations.values()]
    .filter((s) => LISTED.has(s.kind) && s.owner === undefined && s.nameSpan?.file === root.path)
    .sort((x, y) => (x.nameSpan?.start.offset ?? 0) - (y.nameSpan?.start.offset ?? 0));
  const lines: string[] = [
    BEGIN_MARKER,
    '',
    '## Reference',
    '',
    'Every declaration of `prelude/kernel.cred`, in the order of the file, under its section. The',
    "text of each is the doc comment above it, which is also what an editor's hover shows for it",
    '(`credspec lsp`).',
  ];
  let current: Section | undefined;
  const all = sections(root.text);
  for (const sym of symbols) {
    const at = sym.decl?.span.start.offset ?? 0;
    const section = all.filter((s) => s.offset <= at).at(-1);
    if (section !== undefined && section !== current) {
      current = section;
      lines.push('', `### ${markdownText(section.title)}`, '');
      if (section.text !== '') lines.push(markdownText(section.text), '');
    }
    const [first, ...rest] = paragraphs(docOf(a, sym) ?? '');
    const signature = `\`${shownSignature(a, sym)}\``;
    lines.push(first === undefined ? `- ${signature}` : `- ${signature}: ${first}`);
    for (const p of rest) lines.push('', `  ${p}`);
  }
  lines.push('', END_MARKER);
  return lines.join('\n');
}

/** `page` with its reference part replaced by `reference` (added at the end when it has none). */
export function withReference(page: string, reference: string): string {
  const begin = page.indexOf(BEGIN_MARKER);
  const end = page.indexOf(END_MARKER);
  if (begin < 0 || end < begin) return `${page.trimEnd()}\n\n${reference}\n`;
  return page.slice(0, begin) + reference + page.slice(end + END_MARKER.length);
}

function main(): void {
  const page = readFileSync(PRELUDE_DOC_PATH, 'utf8');
  const text = withReference(page, renderPreludeReference('prelude'));
  if (text === page) return;
  writeFileSync(PRELUDE_DOC_PATH, text);
  console.log(`wrote ${PRELUDE_DOC_PATH}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main();
