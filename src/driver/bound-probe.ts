// Bounds must not decide a liveness verdict. A counter capped at a bound (`var n: 0..MAX` with a
// `n < MAX` test that refuses the next increment; model/capped-counters.ts finds them) makes a
// model finite, and a temporal property
// such as "every call returns" can then hold only because a thread past the cap stops: the
// unbounded protocol may loop forever where the model shows a thread that gives up. After a
// temporal property holds on the embedded engine, the case is searched once more with one
// invariant per capped counter, "no thread is at a step that tests the counter while it stands
// at its bound"; a reachable state where one is means the cap refuses an increment there and
// took part in the verdict, and the check says so (a warning
// in `check`, a failure in `ci`) unless the spec gives the bound a reason (`// capped "reason"`,
// check/check-capped-marks.ts). A counter whose increment the search never saw refused never
// mattered, so the verdict is the unbounded one for that parameter set.

import type { BuiltCase } from '../emit/build-case.js';
import { emitCase } from '../emit/build-case.js';
import { type CappedCounter, cappedCounters } from '../model/capped-counters.js';
import type { Model, ModelProperty } from '../model/ir.js';
import { and, bin, builtin, eq, fcnApp, name, not, setEnum, str } from '../model/tla-build.js';
import type { Span } from '../source/span.js';
import type { BoundHitRecord, VariantResult } from '../result/result-file.js';
import type { TlaExpr } from '../tla/tla-ast.js';
import { INTERNAL_NAMES, uniqueName } from '../tla/names.js';
import { type RunCaseOptions, runCase } from './run-case.js';
import { selectProperties } from './property-selection.js';

/** A temporal verdict a capped counter took part in: the counter reached its bound in the search. */
export interface BoundHit {
  readonly spec: string;
  readonly variant: string;
  /** The parameter set, as the result names it (`CALLERS=2, SIGNALS=1`). */
  readonly params: string;
  readonly properties: readonly string[];
  readonly counter: CappedCounter;
  /** Steps from an initial state to the first state at the bound. */
  readonly steps: number;
}

/**
 * "No thread stands at a step that tests `counter` while it is at its bound": the next increment
 * would be refused there. `\A t \in DOMAIN pc : ~(pc[t] \in {testers} /\ V[t] = hi)` (`V = hi`
 * for a shared counter). A per-thread counter is the testing thread's own (`V[self]`).
 */
function belowBound(c: CappedCounter, taken: Set<string>): TlaExpr {
  const t = uniqueName('t', taken);
  const pc = name(INTERNAL_NAMES.pc);
  const at = bin('\\in', fcnApp(pc, name(t)), setEnum(c.testers.map((x) => str(x))));
  const value = c.perThread ? fcnApp(name(c.variable), name(t)) : name(c.variable);
  return {
    kind: 'TlaQuant',
    quantifier: '\\A',
    variables: [t],
    set: builtin('DOMAIN', [pc]),
    body: not(and(at, eq(value, c.hi))),
  };
}

/** The case searched for the first state where one of `counters` stands at its bound. */
function probeCase(built: BuiltCase, counters: readonly CappedCounter[]): BuiltCase | undefined {
  const taken = new Set<string>([
    ...built.model.properties.map((p) => p.name),
    ...built.model.variables.map((v) => v.name),
    ...built.model.constants.map((k) => k.name),
    ...built.model.defs.map((d) => d.name),
  ]);
  const probes: ModelProperty[] = counters.map((c) => ({
    name: uniqueName(`BoundProbe_${c.variable}`, taken),
    dslName: `bound_${c.variable}`,
    kind: 'invariant',
    body: belowBound(c, taken),
    span: c.declared,
  }));
  const model: Model = { ...built.model, properties: [...built.model.properties, ...probes] };
  const folder = built.tlaPath.slice(0, Math.max(0, built.tlaPath.lastIndexOf('/')));
  const probe = emitCase(model, folder, built.case, 'credspec bound probe');
  const selected = selectProperties(probe, {
    names: probes.map((p) => p.name),
    safetyOnly: true,
    noDeadlock: true,
  });
  return selected.ok ? selected.built : undefined;
}

/**
 * The capped counters that reached their bound in a case whose temporal properties held: one
 * search per counter found (each stops at its first state at a bound), until one finds none.
 */
export async function probeBounds(
  built: BuiltCase,
  result: VariantResult,
  root: string,
  options: RunCaseOptions,
  reasons: ReadonlySet<string>,
): Promise<BoundHit[]> {
  const temporal = built.emitted.sourceMap.properties.filter(
    (p) => p.kind === 'temporal' && built.emitted.config.properties.includes(p.name),
  );
  if (temporal.length === 0 || result.engine !== 'embedded' || result.verdict !== 'holds')
    return [];
  // A bound the spec gives a reason for is not searched for: the reason stands for the verdict.
  let left = cappedCounters(built.model).filter((c) => !c.boundNames.some((n) => reasons.has(n)));
  const hits: BoundHit[] = [];
  while (left.length > 0) {
    const probe = probeCase(built, left);
    if (probe === undefined) break;
    const ran = await runCase(probe, root, { ...options, engine: 'embedded', simulate: undefined });
    if (ran.verdict !== 'violated') break;
    const counter = left.find((c) => `bound_${c.variable}` === ran.property);
    if (counter === undefined) break;
    hits.push({
      spec: result.spec,
      variant: result.variant,
      params: Object.entries(result.overrides ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', '),
      properties: temporal.map((p) => p.dslName),
      counter,
      steps: Math.max(0, (ran.trace?.length ?? 1) - 1),
    });
    left = left.filter((c) => c !== counter);
  }
  return hits;
}

/** `file:line:col` of a span, or the spec. */
export function spanWhere(span: Span | undefined, spec: string): string {
  return span === undefined ? spec : `${span.file}:${span.start.line}:${span.start.column}`;
}

/** The place a finding is reported at: the bound's declaration. */
export function boundHitWhere(h: BoundHit): string {
  return spanWhere(h.counter.boundDeclared ?? h.counter.declared, h.spec);
}

/** A finding as the result file records it (`boundHits` of result.schema.json). */
export function boundHitJson(h: BoundHit): BoundHitRecord {
  const c = h.counter;
  const at = c.boundDeclared ?? c.declared;
  return {
    properties: h.properties,
    counter: c.owner === undefined ? c.counter : `${c.owner}.${c.counter}`,
    bound: c.bound,
    ...(c.value === undefined ? {} : { value: c.value }),
    steps: h.steps,
    ...(c.testedBy === undefined ? {} : { testedBy: c.testedBy }),
    location:
      at === undefined ? null : { file: at.file, line: at.start.line, column: at.start.column },
    message: `${describeBoundHit(h)}; ${boundHitAdvice(h)}`,
  };
}

/** What to do about a finding. */
export function boundHitAdvice(h: BoundHit): string {
  return `lift the cap (let the counter wrap or drop it) and check again, or say why above ${h.counter.bound} with \`// capped "reason"\``;
}

/** The finding in words, for `check`'s warning and `ci`'s line. */
export function describeBoundHit(h: BoundHit): string {
  const c = h.counter;
  const owner = c.owner === undefined ? '' : `${c.owner}.`;
  const value = c.value === undefined ? '' : ` = ${c.value}`;
  const props = h.properties.join(', ');
  const test =
    c.testedBy === undefined ? '' : ` (tested in ${c.testedBy}, ${spanWhere(c.testedAt, h.spec)})`;
  return `${props} holds on ${h.variant}${h.params === '' ? '' : ` (${h.params})`}, but counter ${owner}${c.counter} stands at its bound ${c.bound}${value} where a step tests it, after ${h.steps} step${h.steps === 1 ? '' : 's'}${test}: the next increment is refused there, so the verdict may rest on the cap, not on the protocol`;
}
