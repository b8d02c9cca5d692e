// Hover: the signature or type of the name under the cursor, its doc comment (a prelude
// operation's documentation), and for labels and variants what they are.

import type { Hover } from 'vscode-languageserver';
import { targetAt } from './names.js';
import { rangeOf } from './positions.js';
import { docOf, signatureOf } from './symbol-docs.js';
import type { Analysis } from './workspace.js';

export function hoverAt(a: Analysis, file: string, offset: number): Hover | null {
  const found = targetAt(a, file, offset);
  if (found === undefined) return null;
  const { target, span } = found;
  let code: string;
  let doc: string | undefined;
  if (target.kind === 'symbol') {
    code = signatureOf(a, target.symbol, span);
    doc = docOf(a, target.symbol);
  } else if (target.kind === 'variant') {
    code = `variant ${target.name}`;
  } else {
    code =
      target.owner === undefined
        ? `(step) ${target.name}`
        : `(step) ${target.owner}.${target.name}`;
  }
  const value = ['```credspec', code, '```', ...(doc === undefined ? [] : ['', doc])].join('\n');
  return { contents: { kind: 'markdown', value }, range: rangeOf(span) };
}
