// Takes the full state graph of an exhaustive search (bfs.ts StateGraph) and the module's
// temporal properties and fairness, and finds a fair behaviour violating a property, by the
// strongly-connected-component method TLC uses: the negated property is a two-phase automaton
// (before / after its trigger), a violation is a fair SCC reachable in the product, refined
// Emerson-Lei style for strong fairness. Returns state indices; it never evaluates TLA+.

import { at } from '../../source/checked-index.js';
import type { StateGraph } from './bfs.js';
import type { ExecutableModule, TemporalForm } from '../evaluation/module-api.js';
import { wordAt } from './fingerprint-set.js';

/** A lasso (or a stuttering end) as state indices; consecutive indices are edges of the graph. */
export interface LivenessCounterexample {
  readonly property: string;
  readonly instance: string;
  readonly states: readonly number[];
  /** Index in `states` the last state steps back to, or null for a stuttering end. */
  readonly loopsBackTo: number | null;
  readonly stuttering: boolean;
}

/** What the search must give: the graph, the number of states, and parent links for prefixes. */
export interface LivenessInput {
  readonly graph: StateGraph;
  readonly stateCount: number;
  /** Path of state indices from an initial state to `i` (shortest). */
  readonly pathTo: (i: number) => number[];
  readonly isInitial: (i: number) => boolean;
}

interface Automaton {
  /** Whether the trigger may come after an unconstrained prefix (else: at an initial state). */
  readonly prefix: boolean;
  readonly trigger: (s: number) => boolean;
  readonly region: (s: number) => boolean;
  readonly accept: ((s: number) => boolean) | undefined;
}

/**
 * The first violated instance of the module's temporal properties, in property order, or
 * undefined when all hold.
 */
export function checkLiveness(
  module: ExecutableModule,
  input: LivenessInput,
): LivenessCounterexample | undefined {
  const g = input.graph;
  let bit = 0;
  for (const tp of module.temporalProperties) {
    for (const inst of tp.instances) {
      const pBit = bit++;
      const qBit = inst.form.kind === 'leads-to' ? bit++ : -1;
      const P = (s: number): boolean => predBit(g, s, pBit);
      const Q = (s: number): boolean => predBit(g, s, qBit);
      const aut = automaton(inst.form.kind, P, Q);
      const cx = findViolation(module, input, aut);
      if (cx !== undefined) return { property: tp.name, instance: inst.label, ...cx };
    }
  }
  return undefined;
}

function automaton(
  kind: TemporalForm['kind'],
  P: (s: number) => boolean,
  Q: (s: number) => boolean,
): Automaton {
  const all = (): boolean => true;
  const notP = (s: number): boolean => !P(s);
  switch (kind) {
    case 'eventually': // ~<>P = []~P
      return { prefix: false, trigger: notP, region: notP, accept: undefined };
    case 'always': // ~[]P = <>~P
      return { prefix: true, trigger: notP, region: all, accept: undefined };
    case 'always-eventually': // ~[]<>P = <>[]~P
      return { prefix: true, trigger: notP, region: notP, accept: undefined };
    case 'eventually-always': // ~<>[]P = []<>~P
      return { prefix: true, trigger: all, region: all, accept: notP };
    case 'leads-to': // ~(P ~> Q) = <>(P /\ []~Q)
      return {
        prefix: true,
        trigger: (s) => P(s) && !Q(s),
        region: (s) => !Q(s),
        accept: undefined,
      };
  }
}

function predBit(g: StateGraph, s: number, b: number): boolean {
  return ((g.predBits.get(s * g.predWords + (b >>> 5)) >>> (b & 31)) & 1) === 1;
}

function enabledBit(g: StateGraph, s: number, f: number): boolean {
  return ((g.enabledBits.get(s * g.fairWords + (f >>> 5)) >>> (f & 31)) & 1) === 1;
}

function stepBit(g: StateGraph, e: number, f: number): boolean {
  return ((g.edgeStepBits.get(e * g.fairWords + (f >>> 5)) >>> (f & 31)) & 1) === 1;
}

/**
 * Phase-1 states: reachable from an entry while staying in the region, in BFS order (`queue`),
 * with each one's BFS parent (-1 for an entry).
 */
function phase1States(
  input: LivenessInput,
  aut: Automaton,
): { inV1: Uint8Array; bfsParent: Int32Array; queue: number[] } {
  const n = input.stateCount;
  const es = input.graph.edgeStart;
  const et = input.graph.edgeTarget;
  const inV1 = new Uint8Array(n);
  const bfsParent = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let s = 0; s < n; s++) {
    if ((aut.prefix || input.isInitial(s)) && aut.trigger(s) && aut.region(s)) {
      inV1[s] = 1;
      queue.push(s);
    }
  }
  // The queue grows while it is walked: the loop reaches the states it appends.
  for (const u of queue) {
    for (let e = es.get(u); e < es.get(u + 1); e++) {
      const v = et.get(e);
      if (!inV1[v] && aut.region(v)) {
        inV1[v] = 1;
        bfsParent[v] = u;
        queue.push(v);
      }
    }
  }
  return { inV1, bfsParent, queue };
}

function findViolation(
  module: ExecutableModule,
  input: LivenessInput,
  aut: Automaton,
): Omit<LivenessCounterexample, 'property' | 'instance'> | undefined {
  const g = input.graph;
  const n = input.stateCount;
  const { inV1, bfsParent, queue } = phase1States(input, aut);
  const nodes: number[] = [];
  for (let s = 0; s < n; s++) if (inV1[s]) nodes.push(s);
  const scc = findFairScc(module, g, nodes, aut.accept);
  if (scc === undefined) return undefined;

  // Prefix: to the entry of the phase-1 path, then along it to the SCC.
  const inC = new Uint8Array(n);
  for (const s of scc) inC[s] = 1;
  // The first node of the SCC in phase-1 BFS order is reached by the shortest phase-1 path.
  let c = -1;
  for (const s of queue) {
    if (inC[s]) {
      c = s;
      break;
    }
  }
  const phase1: number[] = [];
  for (let s = c; s >= 0; s = wordAt(bfsParent, s)) phase1.push(s);
  phase1.reverse();
  const [entry] = phase1;
  if (entry === undefined) throw new Error('internal: a fair component not reached in phase 1');
  const states = [...input.pathTo(entry).slice(0, -1), ...phase1];
  const start = states.length - 1;

  // The cycle inside the SCC: visit what fairness and acceptance need, then return to c.
  const targets: ({ kind: 'state'; s: number } | { kind: 'edge'; from: number; to: number })[] = [];
  const nf = module.fairness.length;
  const accept = aut.accept;
  let stutterOk = accept === undefined || accept(c);
  if (accept !== undefined && !accept(c)) {
    const a = scc.find((s) => accept(s));
    if (a === undefined)
      throw new Error('internal: an accepting component with no accepting state');
    targets.push({ kind: 'state', s: a });
  }
  for (let f = 0; f < nf; f++) {
    const weak = at(module.fairness, f, 'a fairness instance').strength === 'WF';
    if (enabledBit(g, c, f)) stutterOk = false;
    // The cycle passes c, so weak fairness matters only when enabled at c; strong fairness
    // matters when enabled anywhere the cycle may pass, i.e. anywhere in the component.
    if (weak ? !enabledBit(g, c, f) : !scc.some((s) => enabledBit(g, s, f))) continue;
    const disabled = scc.find((s) => !enabledBit(g, s, f));
    if (disabled !== undefined && weak) {
      targets.push({ kind: 'state', s: disabled });
      continue;
    }
    const edge = findStepEdge(g, scc, inC, f);
    if (edge !== undefined) targets.push({ kind: 'edge', ...edge });
    else if (disabled !== undefined) targets.push({ kind: 'state', s: disabled });
  }
  if (stutterOk) return { states, loopsBackTo: null, stuttering: true };
  // walk starts at c and ends back at c.
  const walk: number[] = [c];
  const go = (to: number): void => {
    walk.push(...pathWithin(g, inC, at(walk, walk.length - 1, 'the cycle so far'), to).slice(1));
  };
  for (const t of targets) {
    if (t.kind === 'state') go(t.s);
    else {
      go(t.from);
      walk.push(t.to);
    }
  }
  if (walk.length === 1) {
    // Every requirement holds at c but stuttering there is not fair: leave c and come back.
    const next = firstEdgeWithin(g, inC, c);
    if (next === undefined) return { states, loopsBackTo: null, stuttering: true };
    walk.push(next);
  }
  go(c);
  return { states: [...states, ...walk.slice(1, -1)], loopsBackTo: start, stuttering: false };
}

function firstEdgeWithin(g: StateGraph, inC: Uint8Array, u: number): number | undefined {
  for (let e = g.edgeStart.get(u); e < g.edgeStart.get(u + 1); e++) {
    const v = g.edgeTarget.get(e);
    if (inC[v] && v !== u) return v;
  }
  return undefined;
}

function findStepEdge(
  g: StateGraph,
  scc: readonly number[],
  inC: Uint8Array,
  f: number,
): { from: number; to: number } | undefined {
  for (const u of scc) {
    for (let e = g.edgeStart.get(u); e < g.edgeStart.get(u + 1); e++) {
      const v = g.edgeTarget.get(e);
      if (inC[v] && stepBit(g, e, f)) return { from: u, to: v };
    }
  }
  return undefined;
}

/** Shortest path from `from` to `to` inside the marked set (inclusive of both ends). */
function pathWithin(g: StateGraph, inC: Uint8Array, from: number, to: number): number[] {
  if (from === to) return [from];
  const parent = new Map<number, number>();
  parent.set(from, -1);
  const q = [from];
  for (const u of q) {
    for (let e = g.edgeStart.get(u); e < g.edgeStart.get(u + 1); e++) {
      const v = g.edgeTarget.get(e);
      if (!inC[v] || parent.has(v)) continue;
      parent.set(v, u);
      if (v === to) {
        const out = [v];
        for (let x: number | undefined = u; x !== -1; x = parent.get(x)) {
          if (x === undefined) throw new Error(`internal: state ${v} has a path with no parent`);
          out.push(x);
        }
        return out.reverse();
      }
      q.push(v);
    }
  }
  throw new Error(`internal: no path inside a strongly connected component from ${from} to ${to}`);
}

/**
 * The first SCC of the subgraph on `nodes` that is fair (every WF/SF instance satisfied by
 * visiting all of it) and accepting; SCCs failing only strong fairness are searched again
 * without the states where that action is enabled.
 */
function findFairScc(
  module: ExecutableModule,
  g: StateGraph,
  nodes: readonly number[],
  accept: ((s: number) => boolean) | undefined,
): number[] | undefined {
  const nf = module.fairness.length;
  const sccs = tarjan(g, nodes);
  for (const C of sccs) {
    if (accept !== undefined && !C.some(accept)) continue;
    const inC = new Set(C);
    let wfFails = false;
    const sfFails: number[] = [];
    for (let f = 0; f < nf; f++) {
      const anyEnabled = C.some((s) => enabledBit(g, s, f));
      if (!anyEnabled) continue;
      const allEnabled = C.every((s) => enabledBit(g, s, f));
      let hasStep = false;
      for (const u of C) {
        for (let e = g.edgeStart.get(u); e < g.edgeStart.get(u + 1) && !hasStep; e++) {
          if (inC.has(g.edgeTarget.get(e)) && stepBit(g, e, f)) hasStep = true;
        }
        if (hasStep) break;
      }
      if (hasStep) continue;
      if (at(module.fairness, f, 'a fairness instance').strength === 'WF') {
        if (allEnabled) wfFails = true;
      } else sfFails.push(f);
    }
    if (wfFails) continue;
    if (sfFails.length === 0) return C;
    const rest = C.filter((s) => sfFails.every((f) => !enabledBit(g, s, f)));
    if (rest.length > 0 && rest.length < C.length) {
      const sub = findFairScc(module, g, rest, accept);
      if (sub !== undefined) return sub;
    }
  }
  return undefined;
}

/** Strongly connected components of the subgraph induced by `nodes` (iterative Tarjan). */
function tarjan(g: StateGraph, nodes: readonly number[]): number[][] {
  const member = new Map<number, number>();
  nodes.forEach((s, i) => member.set(s, i));
  const node = Int32Array.from(nodes);
  const n = nodes.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const callStack: { v: number; e: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callStack.push({ v: root, e: g.edgeStart.get(wordAt(node, root)) });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    for (let frame = callStack.at(-1); frame !== undefined; frame = callStack.at(-1)) {
      const v = frame.v;
      const end = g.edgeStart.get(wordAt(node, v) + 1);
      let pushed = false;
      while (frame.e < end) {
        const w = member.get(g.edgeTarget.get(frame.e++));
        if (w === undefined) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callStack.push({ v: w, e: g.edgeStart.get(wordAt(node, w)) });
          pushed = true;
          break;
        } else if (onStack[w]) {
          low[v] = Math.min(wordAt(low, v), wordAt(index, w));
        }
      }
      if (pushed) continue;
      callStack.pop();
      const caller = callStack.at(-1);
      if (caller !== undefined) low[caller.v] = Math.min(wordAt(low, caller.v), wordAt(low, v));
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          const top = stack.pop();
          if (top === undefined) throw new Error('internal: Tarjan stack emptied before its root');
          w = top;
          onStack[w] = 0;
          comp.push(wordAt(node, w));
        } while (w !== v);
        comp.sort((a, b) => a - b);
        out.push(comp);
      }
    }
  }
  // Deterministic order: by smallest state index.
  out.sort((a, b) => at(a, 0, 'a component') - at(b, 0, 'a component'));
  return out;
}
