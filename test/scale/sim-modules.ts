// Test helper: small TlaModule trees for the simulation tests, built with the engine's test
// builders. `racyPair` loses an update only under one interleaving (load, load, store, store);
// `atomicPair` increments atomically, so its invariant holds in every behaviour.
import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import {
  action,
  and,
  app,
  bin,
  boxAction,
  config,
  def,
  eq,
  except,
  exists,
  fcn,
  forall,
  module,
  or,
  pcIs,
  pcTo,
  primed,
  at,
  str,
  terminating,
  unchanged,
} from '../engine/tla-builders.js';

export interface SimFixture {
  readonly module: TlaModule;
  readonly config: TlcConfig;
}

const vars = ['pc', 'counter', 'tmp'];

function pair(atomic: boolean, threads: string[], name: string): SimFixture {
  const steps = atomic
    ? [
        def(
          'A_incr',
          ['self'],
          and(
            pcIs('load'),
            eq(primed('counter'), bin('+', 'counter', 1)),
            pcTo('Done'),
            unchanged('tmp'),
          ),
        ),
      ]
    : [
        def(
          'A_load',
          ['self'],
          and(
            pcIs('load'),
            eq(primed('tmp'), except('tmp', [['self'], 'counter'])),
            pcTo('store'),
            unchanged('counter'),
          ),
        ),
        def(
          'A_store',
          ['self'],
          and(
            pcIs('store'),
            eq(primed('counter'), bin('+', at('tmp', 'self'), 1)),
            pcTo('Done'),
            unchanged('tmp'),
          ),
        ),
      ];
  const m = module({
    name,
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('load'))),
          eq('counter', 0),
          eq('tmp', fcn('t', 'Threads', 0)),
        ),
      ),
      ...steps,
      def('Thread', ['self'], or(...steps.map((d) => app(d.name, 'self')))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      def('Spec', [], and('Init', boxAction('Next'))),
      // Once every thread is done, each one's increment is in the counter.
      def(
        'NoLostUpdate',
        [],
        bin(
          '=>',
          forall('t', 'Threads', eq(at('pc', 't'), str('Done'))),
          eq('counter', threads.length),
        ),
      ),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
      invariants: ['NoLostUpdate'],
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: threads }, invariants: ['NoLostUpdate'] }),
  };
}

/** Two or more threads with a non-atomic increment: NoLostUpdate is violated. */
export const racyPair = (threads = ['t1', 't2']): SimFixture => pair(false, threads, 'RacyPair');
/** The same with an atomic increment: NoLostUpdate holds. */
export const atomicPair = (threads = ['t1', 't2', 't3']): SimFixture =>
  pair(true, threads, 'AtomicPair');
