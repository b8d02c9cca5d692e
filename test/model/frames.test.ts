// Frames with identity across calls: a stored reference to a call that returned stays dead when
// the same thread calls the procedure again. Checks the emitted module with the embedded engine
// (interpreted) and what the lowering writes; TLC's counts for the same modules are in comments.

import { explore } from '../../src/engine/search/explore.js';
import { interpretModule } from '../../src/engine/evaluation/interpret.js';
import { emitText } from './helpers.js';

/** A work queued by the first call of `post` runs while the second call is at `hold`. */
const reuse = `spec frame_reuse

shared var works: set<frame<post>> = {}

procedure post(first: bool) {
  var data: 0..1 = 0
  queue: if first {
    add: works := works union { frame }
  }
  hold: skip
}

procedure run_work(ctx: frame<post>) {
  touch: atomic {
    await exists p in Poster: at(p, post.hold)
    ctx->data := 1
  }
}

process Poster[1] {
  call1: post(true)
  call2: post(false)
}

process Runner[1] {
  var w: frame<post>
  take: atomic {
    w := any works
    works := works \\ { w }
  }
  run: run_work(w)
}
`;

async function check(text: string): Promise<Awaited<ReturnType<typeof explore>>> {
  const e = emitText(text);
  return explore(interpretModule(e.module, e.config), e.config);
}

describe('frames with identity across calls', () => {
  test("a stale work run during the poster's next call violates frame_use_after_return (TLC: 30 distinct states)", async () => {
    const r = await check(reuse);
    expect(r.verdict).toBe('violated');
    expect(r.property).toBe('frame_use_after_return');
    expect(r.stats.distinctStates).toBe(30);
    const actions = (r.trace ?? []).map((s) => s.action?.name ?? null);
    // The poster returned from its first call and entered its second before the work ran.
    expect(actions.indexOf('post_return')).toBeGreaterThan(-1);
    expect(actions.indexOf('Poster_call2')).toBeGreaterThan(actions.indexOf('post_return'));
    expect(actions[actions.length - 1]).toBe('run_work_touch');
  });

  test('a work that runs while its call waits for it is fine, and a stale one nobody runs too', async () => {
    const waits = `spec frame_wait

shared var works: set<frame<post>> = {}
shared var ran: bool = false

procedure post() {
  var data: 0..1 = 0
  add: works := works union { frame }
  hold: await ran
}

procedure run_work(ctx: frame<post>) {
  touch: atomic {
    ctx->data := 1
    ran := true
  }
}

process Poster[1] {
  call1: post()
  call2: post()
}

process Runner[1] {
  var w: frame<post>
  take: atomic {
    w := any works
    works := works \\ { w }
  }
  run: run_work(w)
}
`;
    const r = await check(waits);
    expect([r.verdict, r.property]).toEqual(['holds', null]);
    // Taking the second call's work instead (it stays live while the call waits) is explored too.
    expect(r.stats.distinctStates).toBeGreaterThan(10);
  });

  test("a return replaces the stored references to its call by the procedure's tombstone", () => {
    const { tla, config } = emitText(reuse);
    expect(tla).toContain('CONSTANTS Poster, Runner, None, dead_post');
    expect(tla).toContain(
      "works' = (IF self \\in works THEN (works \\ {self}) \\cup {dead_post} ELSE works)",
    );
    expect(tla).toContain(
      "Runner_w' = [t \\in DOMAIN Runner_w |-> IF Runner_w[t] = self THEN dead_post ELSE Runner_w[t]]",
    );
    expect(tla).toContain('~(run_work_ctx[self] # dead_post /\\ post_live[run_work_ctx[self]])');
    expect(config.constants.find((c) => c.name === 'dead_post')?.value).toEqual({
      kind: 'modelValue',
      name: 'dead_post',
    });
  });

  test('a thread that exits inside the call buries its frame too', async () => {
    const text = `spec frame_exit

shared var works: set<frame<post>> = {}

procedure post() {
  var data: 0..1 = 0
  add: works := works union { frame }
  leave: exit
}

procedure run_work(ctx: frame<post>) {
  touch: ctx->data := 1
}

process Poster[1] {
  call1: post()
}

process Runner[1] {
  var w: frame<post>
  take: atomic {
    w := any works
    works := works \\ { w }
  }
  run: run_work(w)
}
`;
    const { tla } = emitText(text);
    const exit = tla.slice(
      tla.indexOf('Poster_exit(self) =='),
      tla.indexOf('\n\n', tla.indexOf('Poster_exit(self) ==')),
    );
    expect(exit).toContain(
      "works' = (IF self \\in works THEN (works \\ {self}) \\cup {dead_post} ELSE works)",
    );
    expect(exit).toContain("post_live' = [post_live EXCEPT ![self] = FALSE]");
    const r = await check(text);
    expect([r.verdict, r.property]).toEqual(['violated', 'frame_use_after_return']);
    expect(r.trace?.at(-1)?.action?.name).toBe('run_work_touch');
  });

  test('records, optionals, sequences and maps holding frames are rewritten inside', () => {
    const shape = `spec nested

type Ref = { who: frame<p>?, n: 0..1 }
shared var r: Ref = { who: none, n: 0 }
shared var q: seq<frame<p>> = <<>>
thread var m: map<bool, frame<p>?> = [ b in bool |-> none ]

procedure p() {
  var done: bool = false
  keep: atomic {
    r := r with { who: frame }
    q := append(q, frame)
    m[self] := m[self] with [true] = frame
  }
  after: done := true
}

procedure use(x: frame<p>) {
  look: x->done := true
}

process A[1] {
  go: p()
}

process B[1] {
  var y: frame<p>? = none
  grab: await q != <<>>
  copy: y := head(q)
}
`;
    const { tla } = emitText(shape);
    expect(tla).toContain("r' = [r EXCEPT !.who = IF r.who = self THEN dead_p ELSE r.who]");
    expect(tla).toContain("q' = [k \\in DOMAIN q |-> IF q[k] = self THEN dead_p ELSE q[k]]");
    expect(tla).toContain(
      "m' = [t \\in DOMAIN m |-> [k_2 \\in DOMAIN m[t] |-> IF m[t][k_2] = self THEN dead_p ELSE m[t][k_2]]]",
    );
    expect(tla).toContain(
      "B_y' = [t_2 \\in DOMAIN B_y |-> IF B_y[t_2] = self THEN dead_p ELSE B_y[t_2]]",
    );
  });

  test('a spec that stores no frame keeps its module: no tombstone, the plain liveness test', () => {
    const text = `spec plain

procedure fill(ctx: frame<syscall>) {
  mark: ctx->done := true
}

procedure syscall() {
  var done: bool = false
  ask: fill(frame)
  finish: return
}

process Caller[1] {
  enter: syscall()
}
`;
    // fill's parameter stores a frame: it is rewritten. Without it nothing is.
    expect(emitText(text).tla).toContain('dead_syscall');
    const none = `spec plain

procedure syscall() {
  var done: bool = false
  finish: done := frame == frame
}

process Caller[1] {
  enter: syscall()
}
`;
    const { tla } = emitText(none);
    expect(tla).not.toContain('dead_');
  });
});
