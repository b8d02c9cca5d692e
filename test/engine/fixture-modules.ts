// The modules of /work/shared/tlc-fixtures (and the copies the TLC reader tests use) rebuilt
// as TlaModule trees with their configs, for agreement tests. Type invariants that use sets
// outside credspec's fragment (`[S -> T]`, `Seq(S)`, `Nat`) are left out: they hold in every
// recorded run, so they change no count. Returns data only.

import type { TlaModule, TlcConfig } from '../../src/tla/tla-ast.js';
import {
  AT,
  action,
  and,
  app,
  at,
  bin,
  boxAction,
  builtin,
  choose,
  config,
  def,
  dot,
  eq,
  eventually,
  except,
  exists,
  fcn,
  forall,
  inSet,
  ite,
  leadsTo,
  module,
  neq,
  not,
  or,
  pcIs,
  pcTo,
  primed,
  rec,
  set,
  setMap,
  str,
  terminating,
  unchanged,
  wf,
} from './tla-builders.js';

export interface Fixture {
  readonly module: TlaModule;
  readonly config: TlcConfig;
}

const threadSpec = (fairAction = 'Thread') =>
  def(
    'Spec',
    [],
    and('Init', boxAction('Next'), forall('self', 'Threads', wf(app(fairAction, 'self')))),
  );

/** 01-success (Mutex) and 13-coverage (MutexCov, with a never-enabled A_recover). */
export function mutex(opts: { recover?: boolean } = {}): Fixture {
  const vars = ['pc', 'lock', 'rounds', 'counter', 'history'];
  const threadParts = [
    'A_acquire',
    'A_critical',
    'A_release',
    ...(opts.recover ? ['A_recover'] : []),
  ];
  const m = module({
    name: opts.recover ? 'MutexCov' : 'Mutex',
    constants: ['Threads', 'NoThread', 'Rounds'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('acquire'))),
          eq('lock', 'NoThread'),
          eq('rounds', fcn('t', 'Threads', 0)),
          eq('counter', 0),
          eq('history', { kind: 'TlaTuple', elements: [] }),
        ),
      ),
      def(
        'A_acquire',
        ['self'],
        and(
          pcIs('acquire'),
          eq('lock', 'NoThread'),
          eq(primed('lock'), 'self'),
          pcTo('critical'),
          unchanged('rounds', 'counter', 'history'),
        ),
      ),
      def(
        'A_critical',
        ['self'],
        and(
          pcIs('critical'),
          eq(primed('counter'), bin('+', 'counter', 1)),
          eq(
            primed('history'),
            builtin('Append', 'history', rec({ thread: 'self', round: at('rounds', 'self') })),
          ),
          pcTo('release'),
          unchanged('lock', 'rounds'),
        ),
      ),
      def(
        'A_release',
        ['self'],
        and(
          pcIs('release'),
          eq(primed('lock'), 'NoThread'),
          eq(primed('rounds'), except('rounds', [['self'], bin('+', AT, 1)])),
          pcTo(
            ite(bin('<', bin('+', at('rounds', 'self'), 1), 'Rounds'), str('acquire'), str('Done')),
          ),
          unchanged('counter', 'history'),
        ),
      ),
      def(
        'A_recover',
        ['self'],
        and(
          pcIs('acquire'),
          eq('lock', 'self'),
          eq(primed('lock'), 'NoThread'),
          unchanged('pc', 'rounds', 'counter', 'history'),
        ),
      ),
      def('Thread', ['self'], or(...threadParts.map((p) => app(p, 'self')))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
      def(
        'MutualExclusion',
        [],
        forall(
          ['a', 'b'],
          'Threads',
          bin(
            '=>',
            neq('a', 'b'),
            not(
              and(
                inSet(at('pc', 'a'), set(str('critical'), str('release'))),
                inSet(at('pc', 'b'), set(str('critical'), str('release'))),
              ),
            ),
          ),
        ),
      ),
      def('CounterMatchesHistory', [], eq('counter', builtin('Len', 'history'))),
      def('Termination', [], eventually(forall('self', 'Threads', pcIs('Done')))),
      def('CounterMonotonic', [], boxAction(bin('>=', primed('counter'), 'counter'))),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({
      constants: { Threads: ['t1', 't2', 't3'], NoThread: 'mv:NoThread', Rounds: 2 },
      invariants: ['MutualExclusion', 'CounterMatchesHistory'],
      properties: opts.recover ? ['Termination'] : ['Termination', 'CounterMonotonic'],
    }),
  };
}

/** 02-invariant (RacyCounter). */
export function racyCounter(): Fixture {
  const vars = ['pc', 'counter', 'regs', 'finished', 'log'];
  const m = module({
    name: 'RacyCounter',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('load'))),
          eq('counter', 0),
          eq('regs', fcn('t', 'Threads', rec({ tmp: 0, stores: 0 }))),
          eq('finished', set()),
          eq('log', { kind: 'TlaTuple', elements: [] }),
        ),
      ),
      def(
        'A_load',
        ['self'],
        and(
          pcIs('load'),
          eq(primed('regs'), except('regs', [['self', '.tmp'], 'counter'])),
          pcTo('store'),
          unchanged('counter', 'finished', 'log'),
        ),
      ),
      def(
        'A_store',
        ['self'],
        and(
          pcIs('store'),
          eq(primed('counter'), bin('+', dot(at('regs', 'self'), 'tmp'), 1)),
          eq(primed('regs'), except('regs', [['self', '.stores'], bin('+', AT, 1)])),
          eq(
            primed('log'),
            builtin(
              'Append',
              'log',
              rec({ thread: 'self', wrote: bin('+', dot(at('regs', 'self'), 'tmp'), 1) }),
            ),
          ),
          eq(primed('finished'), bin('\\cup', 'finished', set('self'))),
          pcTo('Done'),
        ),
      ),
      def('Thread', ['self'], or(app('A_load', 'self'), app('A_store', 'self'))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      def('Spec', [], and('Init', boxAction('Next'), wf('Next'))),
      def('NoLostUpdate', [], eq('counter', builtin('Len', 'log'))),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2', 't3'] }, invariants: ['NoLostUpdate'] }),
  };
}

/** 03-deadlock (BarrierLock). */
export function barrierLock(): Fixture {
  const vars = ['pc', 'lock', 'arrived', 'cred'];
  const m = module({
    name: 'BarrierLock',
    constants: ['Threads', 'NoThread'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('prepare'))),
          eq('lock', 'NoThread'),
          eq('arrived', set()),
          eq('cred', fcn('t', 'Threads', rec({ uid: 1000, committed: false }))),
        ),
      ),
      def(
        'A_prepare',
        ['self'],
        and(
          pcIs('prepare'),
          eq(primed('cred'), except('cred', [['self', '.uid'], 0])),
          pcTo('lock'),
          unchanged('lock', 'arrived'),
        ),
      ),
      def(
        'A_lock',
        ['self'],
        and(
          pcIs('lock'),
          eq('lock', 'NoThread'),
          eq(primed('lock'), 'self'),
          eq(primed('arrived'), bin('\\cup', 'arrived', set('self'))),
          pcTo('wait_all'),
          unchanged('cred'),
        ),
      ),
      def(
        'A_wait_all',
        ['self'],
        and(
          pcIs('wait_all'),
          eq('arrived', 'Threads'),
          eq(primed('cred'), except('cred', [['self', '.committed'], true])),
          pcTo('unlock'),
          unchanged('lock', 'arrived'),
        ),
      ),
      def(
        'A_unlock',
        ['self'],
        and(
          pcIs('unlock'),
          eq(primed('lock'), 'NoThread'),
          pcTo('Done'),
          unchanged('arrived', 'cred'),
        ),
      ),
      def(
        'Thread',
        ['self'],
        or(...['A_prepare', 'A_lock', 'A_wait_all', 'A_unlock'].map((p) => app(p, 'self'))),
      ),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'], NoThread: 'mv:NoThread' } }),
  };
}

/** 04a-liveness-lasso (Spinlock). */
export function spinlock(): Fixture {
  const m = module({
    name: 'Spinlock',
    constants: ['Threads', 'NoThread'],
    variables: ['pc', 'lock', 'last'],
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('ncs'))),
          eq('lock', 'NoThread'),
          eq('last', 'NoThread'),
        ),
      ),
      def('A_ncs', ['self'], and(pcIs('ncs'), pcTo('spin'), unchanged('lock', 'last'))),
      def(
        'A_spin',
        ['self'],
        and(
          pcIs('spin'),
          eq('lock', 'NoThread'),
          eq(primed('lock'), 'self'),
          eq(primed('last'), 'self'),
          pcTo('cs'),
        ),
      ),
      def('A_cs', ['self'], and(pcIs('cs'), pcTo('unlock'), unchanged('lock', 'last'))),
      def(
        'A_unlock',
        ['self'],
        and(pcIs('unlock'), eq(primed('lock'), 'NoThread'), pcTo('ncs'), unchanged('last')),
      ),
      def(
        'Thread',
        ['self'],
        or(...['A_ncs', 'A_spin', 'A_cs', 'A_unlock'].map((p) => app(p, 'self'))),
      ),
      def('Next', [], exists('self', 'Threads', app('Thread', 'self'))),
      threadSpec(),
      def(
        'MutualExclusion',
        [],
        forall(
          ['a', 'b'],
          'Threads',
          bin('=>', neq('a', 'b'), not(and(pcIs('cs', 'a'), pcIs('cs', 'b')))),
        ),
      ),
      def('StarvationFree', [], forall('self', 'Threads', leadsTo(pcIs('spin'), pcIs('cs')))),
    ],
    roles: { actions: [action('Thread', ['self', 'Threads'])] },
  });
  return {
    module: m,
    config: config({
      constants: { Threads: ['t1', 't2'], NoThread: 'mv:NoThread' },
      invariants: ['MutualExclusion'],
      properties: ['StarvationFree'],
    }),
  };
}

/** 04b-liveness-stuttering (CommitFairness). */
export function commitFairness(): Fixture {
  const vars = ['pc', 'prepared', 'committed'];
  const m = module({
    name: 'CommitFairness',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('prepare'))),
          eq('prepared', fcn('t', 'Threads', rec({ uid: 1000, gen: 0 }))),
          eq('committed', set()),
        ),
      ),
      def(
        'A_prepare',
        ['self'],
        and(
          pcIs('prepare'),
          eq(
            primed('prepared'),
            except('prepared', [['self'], rec({ uid: 0, gen: bin('+', dot(AT, 'gen'), 1) })]),
          ),
          pcTo('commit'),
          unchanged('committed'),
        ),
      ),
      def(
        'A_commit',
        ['self'],
        and(
          pcIs('commit'),
          eq(primed('committed'), bin('\\cup', 'committed', set('self'))),
          pcTo('Done'),
          unchanged('prepared'),
        ),
      ),
      def('Thread', ['self'], or(app('A_prepare', 'self'), app('A_commit', 'self'))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec('A_prepare'),
      def('AllCommitted', [], eventually(eq('committed', 'Threads'))),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'] }, properties: ['AllCommitted'] }),
  };
}

/** 04c-action-property (SeccompTsync); IsPrefix without SubSeq. */
export function seccompTsync(): Fixture {
  const vars = ['pc', 'filters'];
  const m = module({
    name: 'SeccompTsync',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('install'))),
          eq('filters', fcn('t', 'Threads', { kind: 'TlaTuple', elements: [] })),
        ),
      ),
      def(
        'A_install',
        ['self'],
        and(
          pcIs('install'),
          eq(
            primed('filters'),
            except('filters', [
              ['self'],
              builtin('Append', AT, rec({ owner: 'self', rule: str('deny_write') })),
            ]),
          ),
          pcTo('tsync'),
        ),
      ),
      def(
        'A_tsync',
        ['self'],
        and(
          pcIs('tsync'),
          eq(primed('filters'), fcn('t', 'Threads', at('filters', 'self'))),
          pcTo('Done'),
        ),
      ),
      def('Thread', ['self'], or(app('A_install', 'self'), app('A_tsync', 'self'))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
      def(
        'IsPrefix',
        ['s', 't'],
        and(
          bin('<=', builtin('Len', 's'), builtin('Len', 't')),
          forall('i', bin('..', 1, builtin('Len', 's')), eq(at('s', 'i'), at('t', 'i'))),
        ),
      ),
      def(
        'ChainOnlyGrows',
        [],
        boxAction(
          forall('t', 'Threads', app('IsPrefix', at('filters', 't'), at(primed('filters'), 't'))),
        ),
      ),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'] }, properties: ['ChainOnlyGrows'] }),
  };
}

/** 05-assert (CredRefcount). */
export function credRefcount(): Fixture {
  const vars = ['pc', 'usage', 'tmp', 'holders'];
  const m = module({
    name: 'CredRefcount',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('get_load'))),
          eq('usage', 1),
          eq('tmp', fcn('t', 'Threads', 0)),
          eq('holders', set()),
        ),
      ),
      def(
        'A_get_load',
        ['self'],
        and(
          pcIs('get_load'),
          eq(primed('tmp'), except('tmp', [['self'], 'usage'])),
          pcTo('get_store'),
          unchanged('usage', 'holders'),
        ),
      ),
      def(
        'A_get_store',
        ['self'],
        and(
          pcIs('get_store'),
          eq(primed('usage'), bin('+', at('tmp', 'self'), 1)),
          eq(primed('holders'), bin('\\cup', 'holders', set('self'))),
          pcTo('put'),
          unchanged('tmp'),
        ),
      ),
      def(
        'A_put',
        ['self'],
        and(
          pcIs('put'),
          builtin(
            'Assert',
            bin('>', 'usage', 1),
            str('Failure of assertion at cred.cred:14:5: put_cred: usage > 1'),
          ),
          eq(primed('usage'), bin('-', 'usage', 1)),
          eq(primed('holders'), bin('\\', 'holders', set('self'))),
          pcTo('Done'),
          unchanged('tmp'),
        ),
      ),
      def(
        'Thread',
        ['self'],
        or(app('A_get_load', 'self'), app('A_get_store', 'self'), app('A_put', 'self')),
      ),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return { module: m, config: config({ constants: { Threads: ['t1', 't2'] } }) };
}

/** 06-init-violation (NnpDomain); `[Threads -> S]` written as a set of functions over SUBSET. */
export function nnpDomain(): Fixture {
  const vars = ['pc', 'nnp', 'domain'];
  // [Threads -> BOOLEAN] = { [t \in Threads |-> t \in X] : X \in SUBSET Threads } (two threads)
  const boolFns = setMap(fcn('t', 'Threads', inSet('t', 'X')), 'X', builtin('SUBSET', 'Threads'));
  const domVals = bin('\\cup', 'Domains', set(str('none')));
  const first = choose('x', 'Threads', true);
  const m = module({
    name: 'NnpDomain',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def('Domains', [], set(str('d1'), str('d2'))),
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('restrict'))),
          inSet('nnp', boolFns),
          exists(
            ['a', 'b'],
            domVals,
            eq('domain', fcn('t', 'Threads', ite(eq('t', first), 'a', 'b'))),
          ),
        ),
      ),
      def(
        'A_restrict',
        ['self'],
        and(
          pcIs('restrict'),
          eq(primed('nnp'), except('nnp', [['self'], true])),
          eq(primed('domain'), except('domain', [['self'], str('d1')])),
          pcTo('Done'),
        ),
      ),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('A_restrict', 'self')), 'Terminating')),
      def('Spec', [], and('Init', boxAction('Next'))),
      def(
        'DomainNeedsNnp',
        [],
        forall('t', 'Threads', bin('=>', neq(at('domain', 't'), str('none')), at('nnp', 't'))),
      ),
    ],
    roles: {
      actions: [action('A_restrict', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'] }, invariants: ['DomainNeedsNnp'] }),
  };
}

/** 09a-eval-error-domain (PeerCopy). */
export function peerCopy(): Fixture {
  const vars = ['pc', 'peer', 'cred'];
  const m = module({
    name: 'PeerCopy',
    constants: ['Threads', 'NoThread'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('prepare'))),
          eq('peer', fcn('t', 'Threads', 'NoThread')),
          eq('cred', fcn('t', 'Threads', rec({ uid: 1000, gen: 0 }))),
        ),
      ),
      def(
        'A_prepare',
        ['self'],
        and(
          pcIs('prepare'),
          eq(primed('cred'), except('cred', [['self', '.gen'], bin('+', AT, 1)])),
          pcTo('choose'),
          unchanged('peer'),
        ),
      ),
      def(
        'A_pick',
        ['self'],
        and(
          pcIs('choose'),
          exists(
            'p',
            bin('\\', 'Threads', set('self')),
            eq(primed('peer'), except('peer', [['self'], 'p'])),
          ),
          pcTo('copy'),
          unchanged('cred'),
        ),
      ),
      def('A_skip', ['self'], and(pcIs('choose'), pcTo('copy'), unchanged('peer', 'cred'))),
      def(
        'A_copy',
        ['self'],
        and(
          pcIs('copy'),
          eq(primed('cred'), except('cred', [['self'], at('cred', at('peer', 'self'))])),
          pcTo('Done'),
          unchanged('peer'),
        ),
      ),
      def(
        'Thread',
        ['self'],
        or(...['A_prepare', 'A_pick', 'A_skip', 'A_copy'].map((p) => app(p, 'self'))),
      ),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'], NoThread: 'mv:NoThread' } }),
  };
}

/** 09b-eval-error-compare (Errno). */
export function errno(): Fixture {
  const vars = ['pc', 'result'];
  const m = module({
    name: 'Errno',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('call'))),
          eq('result', fcn('t', 'Threads', str('EINPROGRESS'))),
        ),
      ),
      def(
        'A_call',
        ['self'],
        and(
          pcIs('call'),
          or(
            eq(primed('result'), except('result', [['self'], 0])),
            eq(primed('result'), except('result', [['self'], str('ENOMEM')])),
          ),
          pcTo('Done'),
        ),
      ),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('A_call', 'self')), 'Terminating')),
      def('Spec', [], and('Init', boxAction('Next'))),
      def('NoENOMEM', [], forall('t', 'Threads', neq(at('result', 't'), str('ENOMEM')))),
    ],
    roles: {
      actions: [action('A_call', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({ constants: { Threads: ['t1', 't2'] }, invariants: ['NoENOMEM'] }),
  };
}

/**
 * 10-symmetry-view (TsyncSym) without VIEW: the step counter is dropped from the module
 * instead, which is what the VIEW does to fingerprints.
 */
export function tsyncSym(opts: { symmetry: boolean }): Fixture {
  const vars = ['pc', 'domain', 'synced'];
  const m = module({
    name: 'TsyncSym',
    constants: ['Threads'],
    variables: vars,
    defs: [
      def('Perms', [], builtin('Permutations', 'Threads')),
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('restrict'))),
          eq('domain', fcn('t', 'Threads', set())),
          eq('synced', set()),
        ),
      ),
      def(
        'A_restrict',
        ['self'],
        and(
          pcIs('restrict'),
          eq(primed('domain'), except('domain', [['self'], bin('\\cup', AT, set('self'))])),
          pcTo('tsync'),
          unchanged('synced'),
        ),
      ),
      def(
        'A_tsync',
        ['self'],
        and(
          pcIs('tsync'),
          eq(primed('domain'), fcn('t', 'Threads', at('domain', 'self'))),
          eq(primed('synced'), bin('\\cup', 'synced', set('self'))),
          pcTo('Done'),
        ),
      ),
      def('Thread', ['self'], or(app('A_restrict', 'self'), app('A_tsync', 'self'))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
      def(
        'NoLayerLost',
        [],
        forall(
          't',
          'Threads',
          bin('=>', neq(at('pc', 't'), str('restrict')), inSet('t', at('domain', 't'))),
        ),
      ),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
      symmetry: opts.symmetry ? 'Perms' : undefined,
    },
  });
  return {
    module: m,
    config: config({
      constants: { Threads: ['t1', 't2', 't3'] },
      invariants: ['NoLayerLost'],
      ...(opts.symmetry ? { symmetry: 'Perms' } : {}),
    }),
  };
}

/** 12-multiworker-progress (LostUpdates): 771,668 states with 3 threads and 5 rounds. */
export function lostUpdates(opts: { rounds?: number; liveness?: boolean } = {}): Fixture {
  const vars = ['pc', 'counter', 'regs', 'lastWriter'];
  const m = module({
    name: 'LostUpdates',
    constants: ['Threads', 'Rounds'],
    variables: vars,
    defs: [
      def(
        'Init',
        [],
        and(
          eq('pc', fcn('t', 'Threads', str('load'))),
          eq('counter', 0),
          eq('regs', fcn('t', 'Threads', rec({ tmp: 0, round: 0 }))),
          eq('lastWriter', set()),
        ),
      ),
      def(
        'A_load',
        ['self'],
        and(
          pcIs('load'),
          eq(primed('regs'), except('regs', [['self', '.tmp'], 'counter'])),
          pcTo('store'),
          unchanged('counter', 'lastWriter'),
        ),
      ),
      def(
        'A_store',
        ['self'],
        and(
          pcIs('store'),
          eq(primed('counter'), bin('+', dot(at('regs', 'self'), 'tmp'), 1)),
          eq(primed('regs'), except('regs', [['self', '.round'], bin('+', AT, 1)])),
          eq(primed('lastWriter'), set('self')),
          pcTo(
            ite(
              bin('<', bin('+', dot(at('regs', 'self'), 'round'), 1), 'Rounds'),
              str('load'),
              str('Done'),
            ),
          ),
        ),
      ),
      def('Thread', ['self'], or(app('A_load', 'self'), app('A_store', 'self'))),
      terminating('Threads', vars),
      def('Next', [], or(exists('self', 'Threads', app('Thread', 'self')), 'Terminating')),
      threadSpec(),
      def(
        'CounterBounded',
        [],
        bin('<=', 'counter', bin('*', 'Rounds', builtin('Cardinality', 'Threads'))),
      ),
      def('Termination', [], eventually(forall('self', 'Threads', pcIs('Done')))),
    ],
    roles: {
      actions: [action('Thread', ['self', 'Threads']), action('Terminating')],
      terminating: 'Terminating',
    },
  });
  return {
    module: m,
    config: config({
      constants: { Threads: ['t1', 't2', 't3'], Rounds: opts.rounds ?? 5 },
      invariants: ['CounterBounded'],
      properties: opts.liveness === false ? [] : ['Termination'],
    }),
  };
}

export { str, primed, dot };
