// Where the viewer's `=` prompt evaluates: in the scope of the thread that took the step, as a
// statement of that thread would be. The thread's process or procedure is the one its next step
// belongs to (the one it took, once it has finished); `self` and that owner's parameters and
// locals become parameters of the prompt's def, passed the thread's values from the recorded
// module state. A def keeps the checker, the lowering and the evaluator the spec's own: the
// typed text is checked with the locals' declared types, and `self` (a keyword no def may bind)
// is renamed in the text, with error columns mapped back.

import type { SourceMap } from '../../emit/source-map.js';
import type { TraceStep } from '../../result/result-file.js';
import type { TlaValue } from '../../result/tla-value.js';
import type { Program } from '../../syntax/program.js';
import type { Param, ProcedureDecl, ProcessDecl, VarDecl } from '../../syntax/ast.js';

/** The owner of the code a thread is in: a process body or a procedure. */
export interface PromptOwner {
  readonly kind: 'process' | 'procedure';
  readonly name: string;
}

/** The thread a step's prompt sees as `self`, and the code it is in. */
export interface PromptSite {
  readonly thread: string;
  readonly owner: PromptOwner | undefined;
}

/** A parameter of the prompt's def: its name in the typed text, its type as the spec writes it, its value. */
export interface PromptParam {
  readonly name: string;
  readonly type: string;
  readonly value: TlaValue;
}

/** The entry of a per-thread function value for `thread`. */
function entryOf(v: TlaValue | undefined, thread: string): TlaValue | undefined {
  if (typeof v !== 'object' || v === null || !('#map' in v)) return undefined;
  const hit = (v as { '#map': readonly (readonly [TlaValue, TlaValue])[] })['#map'].find(
    ([k]) => typeof k === 'object' && k !== null && '#mv' in k && k['#mv'] === thread,
  );
  return hit?.[1];
}

/** The thread of `step` and the process or procedure it is in after it; undefined before any thread moved. */
export function promptSite(step: TraceStep, map: SourceMap): PromptSite | undefined {
  const thread = step.thread;
  if (thread === null || step.tla === undefined) return undefined;
  const pc = entryOf(step.tla.state.pc, thread);
  const next = map.actions.find((a) => a.pc !== null && a.pc === pc);
  const took = map.actions.find((a) => a.name === step.tla?.action);
  // A finished thread is in no step: the body it ran is still where its locals are.
  const owner = next?.owner ?? (took?.owner?.kind === 'process' ? took.owner : null);
  return { thread, owner: owner ?? undefined };
}

/** The declaration of `owner` the variant runs: its own override, an ancestor's, or the base one. */
function ownerDecl(
  program: Program,
  variant: string,
  owner: PromptOwner,
): ProcessDecl | ProcedureDecl | undefined {
  const kind = owner.kind === 'process' ? 'ProcessDecl' : 'ProcedureDecl';
  const decls = program.files.flatMap((f) => f.ast.decls);
  const seen = new Set<string>();
  for (let v: string | undefined = variant; v !== undefined && !seen.has(v); ) {
    seen.add(v);
    const decl = decls.find((d) => d.kind === 'VariantDecl' && d.name.name === v);
    if (decl?.kind !== 'VariantDecl') break;
    for (const m of decl.members)
      if (m.kind === 'DeclOverride' && m.decl.kind === kind && m.decl.name.name === owner.name)
        return m.decl;
    v = decl.extends?.name;
  }
  const base = decls.find((d) => d.kind === kind && d.name.name === owner.name);
  return base?.kind === 'ProcessDecl' || base?.kind === 'ProcedureDecl' ? base : undefined;
}

/** The owner's parameters and locals that the module holds, with the thread's values. */
export function ownerParams(
  program: Program,
  variant: string,
  map: SourceMap,
  site: PromptSite,
  state: Readonly<Record<string, TlaValue>>,
): PromptParam[] {
  const owner = site.owner;
  if (owner === undefined) return [];
  const decl = ownerDecl(program, variant, owner);
  if (decl === undefined) return [];
  const named: readonly (Param | VarDecl)[] =
    decl.kind === 'ProcedureDecl' ? [...decl.params, ...decl.locals] : decl.locals;
  const scope = owner.kind === 'procedure' ? 'frame' : 'process';
  return named.flatMap((n) => {
    const v = map.variables.find(
      (x) => x.scope === scope && x.owner === owner.name && x.dslName === n.name.name,
    );
    const value = v === undefined ? undefined : entryOf(state[v.name], site.thread);
    const file = program.files.find((f) => f.path === n.type.span.file);
    if (value === undefined || file === undefined) return [];
    const type = file.text.slice(n.type.span.start.offset, n.type.span.end.offset);
    return [{ name: n.name.name, type, value }];
  });
}

/** `text` with every `self` outside a string renamed to `name`, and a map from its offsets back to `text`'s. */
export function renameSelf(
  text: string,
  name: string,
): { readonly text: string; readonly original: (offset: number) => number } {
  let out = '';
  // Each renamed `self`: where it ends in the output, and how much longer the output is from there.
  const shifts: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (
      text.startsWith('self', i) &&
      !/[A-Za-z0-9_]/.test(text[i - 1] ?? '') &&
      !/[A-Za-z0-9_]/.test(text[i + 4] ?? '')
    ) {
      out += name;
      shifts.push([out.length, out.length - i - 4]);
      i += 4;
    } else {
      out += c;
      i += 1;
    }
  }
  return {
    text: out,
    original: (offset) => {
      let shift = 0;
      for (const [end, s] of shifts) if (offset >= end) shift = s;
      return Math.max(0, offset - shift);
    },
  };
}
