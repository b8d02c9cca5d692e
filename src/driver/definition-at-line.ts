// Which definition of an emitted module holds a line of its text: how an error TLC places in the
// module is named in the spec's terms, from the module text already printed, without printing
// it again. Reads the layout src/tla/print.ts gives every definition: `Name ==` or
// `Name(p, q) ==` at column 1, its body on the same line or on the indented lines below it.

const DEFINITION_HEAD = /^([A-Za-z_][A-Za-z0-9_]*)(?:\([^)]*\))? ==( .*)?$/;

/**
 * The name of the definition whose body holds 1-based `line` of `moduleText`, or undefined
 * (a line between definitions, or the head line of a body printed below it).
 */
export function definitionAtLine(moduleText: string, line: number): string | undefined {
  const lines = moduleText.split('\n');
  const text = (n: number): string => lines[n - 1] ?? '';
  // The body's lines are the head's own, or the indented ones below it: look back from `line`.
  let head = line;
  while (head > 1 && /^\s+\S/.test(text(head))) head--;
  const m = DEFINITION_HEAD.exec(text(head));
  if (m === null) return undefined;
  const bodyOnHeadLine = m[2] !== undefined;
  if (head === line ? !bodyOnHeadLine : bodyOnHeadLine) return undefined;
  return m[1];
}
