// A small source map (process A with steps a and b, over x) and a lasso on it in which t1 loops
// a -> b -> a while t2 never moves: what the tests of the closing step map.

import type { CheckResult } from '../../src/result/check-result.js';
import type { TlaState } from '../../src/result/tla-value.js';
import type { SourceMap } from '../../src/emit/source-map.js';

export const map: SourceMap = {
  version: 1,
  generatedBy: 'test',
  module: 'M',
  spec: 's.cred',
  specName: 's',
  variant: 'base',
  pcValues: {},
  groups: [],
  constants: [],
  variables: [{ name: 'x', dslName: 'x', scope: 'shared', perThread: false, location: null }],
  properties: [],
  actions: [
    {
      name: 'A_a',
      kind: 'step',
      owner: { kind: 'process', name: 'A' },
      label: 'a',
      generatedLabel: false,
      step: 'A.a',
      pc: 'A_a',
      params: ['self'],
      location: { file: 's.cred', line: 3, column: 3, endLine: 3, endColumn: 9 },
      source: 'x := 1',
    },
    {
      name: 'A_b',
      kind: 'step',
      owner: { kind: 'process', name: 'A' },
      label: 'b',
      generatedLabel: false,
      step: 'A.b',
      pc: 'A_b',
      params: ['self'],
      location: { file: 's.cred', line: 4, column: 3, endLine: 4, endColumn: 9 },
      source: 'x := 0',
    },
  ],
};

/** A model value. */
export const mv = (t: string): { '#mv': string } => ({ '#mv': t });

/** The state with x and each thread's pc. */
export const state = (x: number, t1: string, t2: string): TlaState => ({
  x,
  pc: {
    '#map': [
      [mv('t1'), t1],
      [mv('t2'), t2],
    ],
  },
});

/** The trace's two states: t1 loops a -> b -> a; t2 stays at a (it never moves). */
export const trace: NonNullable<CheckResult['trace']> = [
  { action: null, state: state(0, 'A_a', 'A_a') },
  { action: { name: 'A_a', params: { self: mv('t1') } }, state: state(1, 'A_b', 'A_a') },
];
