// Each invalid spec of cases.ts gets its diagnostic: code, message, exact line and column, hint
// and related location where the case names them, and no error of any other code.
import { INVALID_CASES } from './cases.js';
import { check, message, show } from './helpers.js';

describe('invalid specs', () => {
  test.each(INVALID_CASES.map((c) => [`${c.code} ${c.name}`, c] as const))('%s', (_, c) => {
    const result = check(c.src, c.others ?? {});
    const found = result.diagnostics.find((d) => d.code === c.code);
    if (found === undefined)
      throw new Error(`no ${c.code}; got:\n${result.diagnostics.map(show).join('\n')}`);
    expect({
      file: found.span.file,
      line: found.span.start.line,
      column: found.span.start.column,
      message: message(found),
    }).toEqual({
      file: c.file ?? 'test.cred',
      line: c.line,
      column: c.column,
      message: c.message,
    });
    if (c.hint !== undefined) expect(found.hint).toBe(c.hint);
    if (c.related !== undefined) {
      const r = found.related?.[0];
      expect({
        file: r?.span.file,
        line: r?.span.start.line,
        column: r?.span.start.column,
      }).toEqual({
        file: c.related.file ?? 'test.cred',
        line: c.related.line,
        column: c.related.column,
      });
    }
    const otherErrors = result.diagnostics
      .filter((d) => d.severity === 'error' && d.code !== c.code)
      .map(show);
    expect(otherErrors).toEqual([]);
  });
});
