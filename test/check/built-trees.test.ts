// Checker runs on hand-built trees: shapes the parser cannot produce (a broken tree must become
// one internal diagnostic per failing check, not a crash), and the kernel rules on minimal bodies.
import { checkProgram } from '../../src/check/check.js';
import type * as A from '../../src/syntax/ast.js';
import * as b from './builders.js';

function codes(p: ReturnType<typeof b.program>): string[] {
  return checkProgram(p).diagnostics.map(
    (d) => `${d.code}@${d.span.start.line}:${d.span.start.column}`,
  );
}

describe('checker on hand-built trees', () => {
  test('a malformed body becomes CS9001 and the other checks still report', () => {
    const broken = {
      ...b.procedure(b.id('p', 3, 11), b.block()),
      body: undefined,
    } as unknown as A.ProcedureDecl;
    const p = b.program(
      b.file('test.cred', [
        broken,
        b.invariant(b.id('inv', 5, 11), b.bin('==', b.name('cuont', 5, 16), b.int(0))),
      ]),
    );
    const result = checkProgram(p);
    const internal = result.diagnostics.filter((d) => d.code === 'CS9001');
    expect(internal.length).toBeGreaterThanOrEqual(1);
    expect(internal[0]!.args['phase']).toMatch(/^checker \(/);
    const unknown = result.diagnostics.find((d) => d.code === 'CS2001');
    expect(unknown?.span.start).toMatchObject({ line: 5, column: 16 });
  });

  test('spin_lock then a plain await: sleeping under a spinlock (CS4101)', () => {
    const lockTy = b.named('bool');
    const p = b.program(
      b.file('test.cred', [
        b.sharedVar(b.id('lock', 1, 12), lockTy),
        b.sharedVar(b.id('ready', 2, 12), b.named('bool')),
        b.macro(
          b.id('spin_lock', 3, 7),
          [b.id('l', 3, 17)],
          b.block(
            b.atomic(
              b.awaitS(b.bin('==', b.name('l'), b.bool(false))),
              b.assign(b.name('l'), b.bool(true)),
            ),
          ),
        ),
        b.macro(
          b.id('spin_unlock', 4, 7),
          [b.id('l', 4, 19)],
          b.block(b.assign(b.name('l'), b.bool(false))),
        ),
        b.process(
          b.id('W', 5, 9),
          b.block(
            b.callS(b.id('spin_lock', 6, 3), [b.name('lock', 6, 13)]),
            b.awaitS(b.name('ready', 7, 9), 7, 3),
            b.callS(b.id('spin_unlock', 8, 3), [b.name('lock', 8, 15)]),
          ),
        ),
      ]),
    );
    expect(codes(p)).toEqual(['CS4101@7:3']);
  });

  test('exit with a spinlock held (CS4102) and the unreachable step after it (CS4012)', () => {
    const p = b.program(
      b.file('test.cred', [
        b.sharedVar(b.id('lock', 1, 12), b.named('bool')),
        b.macro(
          b.id('spin_lock', 3, 7),
          [b.id('l', 3, 17)],
          b.block(b.assign(b.name('l'), b.bool(true))),
        ),
        b.process(
          b.id('W', 5, 9),
          b.block(
            b.callS(b.id('spin_lock', 6, 3), [b.name('lock', 6, 13)]),
            b.exit(7, 3),
            b.skip(8, 3),
          ),
        ),
      ]),
    );
    expect(codes(p)).toEqual(['CS4102@7:3', 'CS4012@8:3']);
  });
});

describe('expectations on hand-built trees', () => {
  test('`violates deadlock` is refused with CS5011 and a hint', () => {
    const expectDecl: A.ExpectDecl = {
      kind: 'ExpectDecl',
      id: 9001,
      span: b.span(4, 1, 6),
      tag: undefined,
      variant: b.id('base', 4, 8),
      params: [],
      verdict: { kind: 'violates', property: b.id('deadlock', 4, 23) },
      search: undefined,
    };
    const result = checkProgram(
      b.program(b.file('test.cred', [b.invariant(b.id('i', 2, 11), b.bool(true)), expectDecl])),
    );
    // The tree has no process, which is CS5021 of its own (it expects a verdict); not the point here.
    expect(
      result.diagnostics
        .filter((d) => d.code !== 'CS5021')
        .map((d) => [d.code, d.span.start.line, d.span.start.column, d.hint]),
    ).toEqual([['CS5011', 4, 23, 'write `expect <variant>: deadlock`']]);
  });
});
