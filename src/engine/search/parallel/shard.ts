// One worker's part of a level-synchronous parallel search: takes the module and the ports,
// owns the states whose fingerprint maps to it (fingerprint set, parent links, invariants) with
// the least (parent rank, successor index) each was reached by, expands the frontier it owns,
// sends successors to their owners, and returns level reports. It never reads the clock.

import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { FingerprintSet, IntVec } from '../fingerprint-set.js';
import type { ExecutableModule, State } from '../../evaluation/module-api.js';
import { fingerprintOrbit } from '../../evaluation/symmetry.js';
import { type Finding, findingOfError } from '../stop-result.js';
import { type Value } from '../../values/values.js';
import { FP, FP_SUM, fingerprintSuccessor } from '../../values/fingerprint.js';
import { GuardSkip } from '../guard-skip.js';
import { BranchRecorder, type BranchWatch, noteReached } from '../branch-places.js';
import { LockOrderRecorder, type LockWatch } from '../lock-order.js';
import {
  STOP_MEMORY,
  STOP_WORD,
  bellWord,
  generatedWord,
  newWord,
  type FromWorker,
  type PeerMessage,
  type ShardEdge,
  type WorkerEvent,
} from './protocol.js';
import { StateReader, StateWriter } from './value-codec.js';

const STOP = { stop: true };
/** Words in a batch before it is sent. */
const BATCH_WORDS = 1 << 15;
/** Entries of the per-destination cache of fingerprints already sent (lossy). */
const SENT_BITS = 15;

/** The worker that owns a fingerprint, out of `n`. */
export function ownerOf(h1: number, h2: number, n: number): number {
  return ((Math.imul(h1 ^ h2, 0x9e3779b1) >>> 8) >>> 0) % n;
}

/** Searches one partition; driven by the worker's message loop (worker.ts). */
export class Shard {
  private readonly seen = new FingerprintSet(1 << 14);
  private readonly parentOwner = new IntVec(1 << 12);
  private readonly parentLocal = new IntVec(1 << 12);
  private readonly fpHi = new IntVec(1 << 12);
  private readonly fpLo = new IntVec(1 << 12);
  private nextLocal = 0;

  /** States found in the current level (local index levelBase + k), with their least key. */
  private levelBase = 0;
  private newStates: State[] = [];
  private keyR = new IntVec(1 << 10);
  private keyJ = new IntVec(1 << 10);
  private newS1 = new IntVec(1 << 10);
  private newS2 = new IntVec(1 << 10);
  private ownerEvents: { k: number; ev: Finding }[] = [];
  /** Order of the current level's new states by key, as last reported. */
  private order: Int32Array = new Int32Array(0);

  /** The frontier being expanded, in rank order. */
  private front: State[] = [];
  private frontLocal: Int32Array = new Int32Array(0);
  private frontRank: Int32Array = new Int32Array(0);
  private frontS1: Int32Array = new Int32Array(0);
  private frontS2: Int32Array = new Int32Array(0);

  private readonly writers: StateWriter[];
  private readonly readers: StateReader[];
  private readonly sentHi: Int32Array[];
  private readonly sentLo: Int32Array[];
  private readonly sentOk: Uint8Array[];
  private ends = 0;

  private readonly actionReached: boolean[][];
  private readonly coverReached: boolean[];
  private readonly branchTaken: BranchRecorder | undefined;
  private readonly lockOrder: LockOrderRecorder | undefined;
  /** Order edges this worker saw first in the level under way. */
  private levelEdges: ShardEdge[] = [];
  private readonly guards: GuardSkip;
  private readonly nvars: number;

  // The state being expanded.
  private cur: State = [];
  private curRank = 0;
  private curLocal = 0;
  private curS1 = 0;
  private curS2 = 0;
  private curJ = 0;
  private event: WorkerEvent | null = null;
  private levelGenerated = 0;
  private readonly sink: (t: State, action: number, param: Value | undefined, sub: number) => void;

  constructor(
    private readonly module: ExecutableModule,
    private readonly id: number,
    private readonly n: number,
    private readonly checkDeadlock: boolean,
    private readonly peers: readonly (MessagePort | null)[],
    private readonly control: Int32Array,
    private readonly heapLimit: number,
    branches: BranchWatch | undefined,
    locks: LockWatch | undefined,
  ) {
    this.writers = peers.map(() => new StateWriter());
    this.readers = peers.map(() => new StateReader());
    this.sentHi = peers.map(() => new Int32Array(1 << SENT_BITS));
    this.sentLo = peers.map(() => new Int32Array(1 << SENT_BITS));
    this.sentOk = peers.map(() => new Uint8Array(1 << SENT_BITS));
    this.actionReached = module.actions.map((a) => a.subActions.map(() => false));
    this.coverReached = module.covers.map(() => false);
    this.branchTaken = branches === undefined ? undefined : new BranchRecorder(module, branches);
    this.lockOrder = locks === undefined ? undefined : new LockOrderRecorder(module, locks);
    this.guards = new GuardSkip(module);
    this.nvars = module.variables.length;
    this.sink = (t, action, param, sub) => this.onSuccessor(t, action, param, sub);
  }

  /** Takes the initial states this worker owns: records [h1, h2, s1, s2, rank, state...], rank order. */
  init(words: Int32Array, count: number, reader: StateReader): void {
    reader.reset(words);
    this.front = new Array(count);
    this.frontLocal = new Int32Array(count);
    this.frontRank = new Int32Array(count);
    this.frontS1 = new Int32Array(count);
    this.frontS2 = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const h1 = reader.word();
      const h2 = reader.word();
      this.frontS1[i] = reader.word();
      this.frontS2[i] = reader.word();
      this.frontRank[i] = reader.word();
      const local = this.nextLocal++;
      this.seen.lookupOrInsert(h1, h2, local);
      this.parentOwner.push(-1);
      this.parentLocal.push(-1);
      this.fpHi.push(h1);
      this.fpLo.push(h2);
      this.frontLocal[i] = local;
      this.front[i] = reader.state(this.nvars);
    }
    this.levelBase = this.nextLocal;
  }

  /** The fingerprint and parent link of a state this worker owns. */
  parentOf(local: number): Extract<FromWorker, { t: 'parent' }> {
    return {
      t: 'parent',
      h1: this.fpHi.get(local),
      h2: this.fpLo.get(local),
      owner: this.parentOwner.get(local),
      local: this.parentLocal.get(local),
    };
  }

  /** Makes the states found in the last level the frontier, with the global ranks the coordinator gave. */
  private advance(ranks: Int32Array): void {
    const m = this.order.length;
    const front: State[] = new Array(m);
    const fl = new Int32Array(m);
    const f1 = new Int32Array(m);
    const f2 = new Int32Array(m);
    let i = 0;
    for (const k of this.order) {
      const s = this.newStates[k];
      if (s === undefined) throw new Error(`internal error: new state ${k} is not in its level`);
      front[i] = s;
      fl[i] = this.levelBase + k;
      f1[i] = this.newS1.get(k);
      f2[i] = this.newS2.get(k);
      i++;
    }
    this.front = front;
    this.frontLocal = fl;
    this.frontRank = ranks;
    this.frontS1 = f1;
    this.frontS2 = f2;
    this.levelBase = this.nextLocal;
    this.newStates = [];
    this.keyR = new IntVec(1 << 10);
    this.keyJ = new IntVec(1 << 10);
    this.newS1 = new IntVec(1 << 10);
    this.newS2 = new IntVec(1 << 10);
    this.ownerEvents = [];
    this.order = new Int32Array(0);
  }

  /** Expands this worker's frontier, exchanging successors with the others, and reports the level. */
  expandLevel(ranks: Int32Array | null): Extract<FromWorker, { t: 'level' }> {
    if (ranks !== null) this.advance(ranks);
    this.event = null;
    this.levelGenerated = 0;
    this.ends = 0;
    const ctl = this.control;
    const expandedRanks = new IntVec(Math.max(16, this.front.length));
    const expandedCounts = new IntVec(Math.max(16, this.front.length));
    let stopped = false;
    const front = this.front;
    // Under symmetry one state costs a permuted copy of each successor per permutation: look at the stop word before every state.
    const every = this.module.symmetry === undefined ? 63 : 0;
    for (let i = 0; i < front.length; i++) {
      if ((i & every) === 0) {
        this.pollPeers();
        if (Atomics.load(ctl, STOP_WORD) !== 0) {
          stopped = true;
          break;
        }
        if ((i & 1023) === 0 && i > 0 && process.memoryUsage().heapUsed > this.heapLimit) {
          Atomics.store(ctl, STOP_WORD, STOP_MEMORY);
          stopped = true;
          break;
        }
      }
      const s = front[i];
      if (s === undefined)
        throw new Error(`internal error: frontier state ${i} was expanded twice`);
      front[i] = undefined as unknown as State; // expanded states are not kept
      this.expandOne(s, i);
      Atomics.store(ctl, generatedWord(this.n, this.id), this.levelGenerated);
      if (this.event !== null) break;
      expandedRanks.push(this.curRank);
      expandedCounts.push(this.curJ);
    }
    for (let w = 0; w < this.n; w++) {
      if (w === this.id) continue;
      this.flush(w);
      this.post(w, { t: 'end' });
    }
    while (this.ends < this.n - 1) {
      const bell = Atomics.load(ctl, bellWord(this.id));
      if (!this.pollPeers()) Atomics.wait(ctl, bellWord(this.id), bell, 1000);
    }
    return this.report(
      expandedRanks,
      expandedCounts,
      stopped || Atomics.load(ctl, STOP_WORD) !== 0,
    );
  }

  private report(
    expandedRanks: IntVec,
    expandedCounts: IntVec,
    stopped: boolean,
  ): Extract<FromWorker, { t: 'level' }> {
    const count = this.newStates.length;
    const kr = this.keyR;
    const kj = this.keyJ;
    const order = Int32Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => kr.get(a) - kr.get(b) || kj.get(a) - kj.get(b),
    );
    this.order = order;
    const keys = new Int32Array(2 * count);
    let i = 0;
    for (const k of order) {
      keys[2 * i] = kr.get(k);
      keys[2 * i + 1] = kj.get(k);
      i++;
    }
    let ownerEvent: WorkerEvent | null = null;
    for (const { k, ev } of this.ownerEvents) {
      const r = kr.get(k);
      const j = kj.get(k);
      if (ownerEvent === null || r < ownerEvent.r || (r === ownerEvent.r && j < ownerEvent.j))
        ownerEvent = { ...ev, r, j, phase: 0, local: this.levelBase + k };
    }
    return {
      t: 'level',
      id: this.id,
      expandedRanks: expandedRanks.data.slice(0, expandedRanks.length),
      expandedCounts: expandedCounts.data.slice(0, expandedCounts.length),
      keys,
      event: this.event,
      ownerEvent,
      actionReached: Uint8Array.from(this.actionReached.flat().map((b) => (b ? 1 : 0))),
      coverReached: Uint8Array.from(this.coverReached.map((b) => (b ? 1 : 0))),
      branchTaken: this.branchTaken?.taken.slice() ?? new Uint8Array(0),
      edges: this.takeEdges(),
      heapUsed: process.memoryUsage().heapUsed,
      stopped,
    };
  }

  /** The level's first-seen order edges, handed over once. */
  private takeEdges(): ShardEdge[] {
    const edges = this.levelEdges;
    this.levelEdges = [];
    return edges;
  }

  private expandOne(s: State, i: number): void {
    const m = this.module;
    this.cur = s;
    const rank = this.frontRank[i];
    const local = this.frontLocal[i];
    const s1 = this.frontS1[i];
    const s2 = this.frontS2[i];
    if (rank === undefined || local === undefined || s1 === undefined || s2 === undefined)
      throw new Error(`internal error: frontier state ${i} has no rank, index or sums`);
    this.curRank = rank;
    this.curLocal = local;
    this.curS1 = s1;
    this.curS2 = s2;
    this.curJ = 0;
    const g = this.guards;
    g.look(s);
    try {
      this.branchTaken?.enter();
      for (let a = 0; a < m.actions.length; a++) {
        if (!g.mayRun(a)) continue;
        m.successors(a, s, this.sink);
      }
      this.branchTaken?.leave(s);
    } catch (err) {
      if (err === STOP) return;
      this.event = this.failure(err, {
        r: this.curRank,
        j: this.curJ,
        phase: -1,
        local: this.curLocal,
      });
      return;
    }
    if (this.curJ === 0 && this.checkDeadlock)
      this.event = { kind: 'deadlock', r: this.curRank, j: 0, phase: -1, local: this.curLocal };
  }

  /** An evaluation error or failed assertion as an event; anything else is our bug and is rethrown. */
  private failure(
    err: unknown,
    at: { r: number; j: number; phase: number; local: number },
  ): WorkerEvent {
    return { ...findingOfError(err), ...at };
  }

  private onSuccessor(t: State, action: number, param: Value | undefined, sub: number): void {
    const j = this.curJ++;
    this.levelGenerated++;
    noteReached(this.actionReached, this.branchTaken, t, action, param, sub);
    if (this.lockOrder !== undefined) {
      // This worker expands in (level, rank, successor) order: its first witness is its least.
      const local = this.curLocal;
      for (const w of this.lockOrder.record(this.cur, t, local, action, param, sub))
        this.levelEdges.push({
          held: w.held,
          taken: w.taken,
          kind: w.kind,
          local,
          rank: this.curRank,
          j,
          action,
          sub,
        });
    }
    const m = this.module;
    const sym = m.symmetry;
    if (sym !== undefined) fingerprintOrbit(t, sym);
    else fingerprintSuccessor(this.cur, this.curS1, this.curS2, t);
    const h1 = FP.h1;
    const h2 = FP.h2;
    const s1 = FP_SUM.s1;
    const s2 = FP_SUM.s2;
    const owner = ownerOf(h1, h2, this.n);
    if (owner === this.id) this.offer(h1, h2, s1, s2, this.id, this.curLocal, this.curRank, j, t);
    else this.send(owner, h1, h2, s1, s2, j, t);
    for (const ap of m.actionProperties) {
      let ok: boolean;
      try {
        ok = ap.holds(this.cur, t);
      } catch (err) {
        this.event = this.failure(err, { r: this.curRank, j, phase: 1, local: this.curLocal });
        throw STOP;
      }
      if (!ok) {
        this.event = {
          kind: 'action-property',
          property: ap.name,
          r: this.curRank,
          j,
          phase: 1,
          local: this.curLocal,
        };
        throw STOP;
      }
    }
  }

  private send(
    owner: number,
    h1: number,
    h2: number,
    s1: number,
    s2: number,
    j: number,
    t: State,
  ): void {
    // A fingerprint sent before was sent with a smaller key, or in an earlier level: the owner knows it.
    const slot = Math.imul(h1 ^ Math.imul(h2, 0x85ebca6b), 0x9e3779b1) >>> (32 - SENT_BITS);
    const hi = this.sentHi[owner];
    const lo = this.sentLo[owner];
    const ok = this.sentOk[owner];
    const w = this.writers[owner];
    if (hi === undefined || lo === undefined || ok === undefined || w === undefined)
      throw new Error(`internal error: no worker ${owner} to send to`);
    if (ok[slot] === 1 && hi[slot] === h1 && lo[slot] === h2) return;
    ok[slot] = 1;
    hi[slot] = h1;
    lo[slot] = h2;
    w.word(h1);
    w.word(h2);
    w.word(s1);
    w.word(s2);
    w.word(this.curLocal);
    w.word(this.curRank);
    w.word(j);
    w.state(t);
    if (w.length >= BATCH_WORDS) this.flush(owner);
  }

  private flush(owner: number): void {
    const w = this.writers[owner];
    if (w === undefined) throw new Error(`internal error: no worker ${owner} to send to`);
    if (w.length === 0) return;
    const words = w.take();
    this.post(owner, { t: 'batch', words }, [words.buffer as ArrayBuffer]);
  }

  private post(dest: number, msg: PeerMessage, transfer: ArrayBuffer[] = []): void {
    const port = this.peers[dest];
    if (port === null || port === undefined)
      throw new Error(`internal error: no channel to worker ${dest}`);
    port.postMessage(msg, transfer);
    Atomics.add(this.control, bellWord(dest), 1);
    Atomics.notify(this.control, bellWord(dest));
  }

  /** Handles every message waiting from the other workers; true when there was one. */
  private pollPeers(): boolean {
    let any = false;
    for (let w = 0; w < this.n; w++) {
      const port = this.peers[w];
      if (port === null || port === undefined) continue;
      for (
        let got = receiveMessageOnPort(port);
        got !== undefined;
        got = receiveMessageOnPort(port)
      ) {
        any = true;
        const msg = got.message as PeerMessage;
        if (msg.t === 'end') this.ends++;
        else this.receive(w, msg.words);
      }
    }
    return any;
  }

  private receive(from: number, words: Int32Array): void {
    const r = this.readers[from];
    if (r === undefined) throw new Error(`internal error: no worker ${from} to read from`);
    r.reset(words);
    while (r.pos < words.length) {
      const h1 = r.word();
      const h2 = r.word();
      const s1 = r.word();
      const s2 = r.word();
      const pl = r.word();
      const pr = r.word();
      const j = r.word();
      // Read even when the owner knows the state: the channel's last state moves on.
      this.offer(h1, h2, s1, s2, from, pl, pr, j, r.state(this.nvars));
    }
  }

  /** A successor for this worker to own: new, a better key for a state of this level, or known. */
  private offer(
    h1: number,
    h2: number,
    s1: number,
    s2: number,
    pOwner: number,
    pLocal: number,
    r: number,
    j: number,
    t: State,
  ): void {
    const found = this.seen.lookupOrInsert(h1, h2, this.nextLocal);
    if (found >= 0) {
      if (found >= this.levelBase) {
        const k = found - this.levelBase;
        const kr = this.keyR.get(k);
        if (r < kr || (r === kr && j < this.keyJ.get(k))) {
          this.keyR.data[k] = r;
          this.keyJ.data[k] = j;
          this.parentOwner.data[found] = pOwner;
          this.parentLocal.data[found] = pLocal;
          // Under symmetry, states of one orbit share a fingerprint: keep the one one worker would.
          if (this.module.symmetry !== undefined) {
            this.newStates[k] = t;
            this.newS1.data[k] = s1;
            this.newS2.data[k] = s2;
          }
        }
      }
      return;
    }
    const local = this.nextLocal++;
    this.parentOwner.push(pOwner);
    this.parentLocal.push(pLocal);
    this.fpHi.push(h1);
    this.fpLo.push(h2);
    const s = t;
    const k = this.newStates.length;
    this.newStates.push(s);
    this.keyR.push(r);
    this.keyJ.push(j);
    this.newS1.push(s1);
    this.newS2.push(s2);
    Atomics.store(this.control, newWord(this.n, this.id), k + 1);
    const m = this.module;
    const covers = m.covers;
    const invs = m.invariants;
    try {
      let c = 0;
      for (const cover of covers) {
        if (!this.coverReached[c] && cover.holds(s)) this.coverReached[c] = true;
        c++;
      }
    } catch (err) {
      this.ownerEvents.push({ k, ev: this.failure(err, { r, j, phase: 0, local }) });
      return;
    }
    for (const inv of invs) {
      let ok: boolean;
      try {
        ok = inv.holds(s);
      } catch (err) {
        const ev = this.failure(err, { r, j, phase: 0, local });
        this.ownerEvents.push({ k, ev });
        return;
      }
      if (!ok) {
        this.ownerEvents.push({ k, ev: { kind: 'invariant', property: inv.name } });
        return;
      }
    }
  }
}
