// The process and procedure bodies of each variant as the checker's tree has them: `base`, then
// every declared variant with its `extends` chain applied from base outwards (overridden
// processes, procedures and macros, overridden steps put in place of the labelled statements).
// Checks that judge what runs together (check-granularity.ts) look at each variant's bodies, so
// a variant that removes a step is not held to it. Broken variants (unknown names, cycles) were
// reported by check-variants.ts; here they are followed as far as they go.

import type {
  Block,
  IfStmt,
  MacroDecl,
  ProcedureDecl,
  ProcessDecl,
  Stmt,
  VariantDecl,
} from '../syntax/ast.js';
import type { CheckContext } from './context.js';

/** One variant's bodies; `variant` is undefined for base. */
export interface VariantBodies {
  readonly variant: string | undefined;
  readonly bodies: readonly { readonly decl: ProcessDecl | ProcedureDecl; readonly body: Block }[];
  /** Macros the variant replaces, by name. */
  readonly macros: ReadonlyMap<string, MacroDecl>;
}

/** Base's bodies, then each declared variant's, in declaration order. */
export function variantBodies(ctx: CheckContext): VariantBodies[] {
  const base = ctx.bodies.flatMap(({ decl, variant }) =>
    variant === undefined && (decl.kind === 'ProcessDecl' || decl.kind === 'ProcedureDecl')
      ? [decl]
      : [],
  );
  const out: VariantBodies[] = [
    { variant: undefined, bodies: base.map((d) => ({ decl: d, body: d.body })), macros: new Map() },
  ];
  for (const [name, v] of ctx.variants) out.push(applyChain(name, chainOf(ctx, v), base));
  return out;
}

/** `[v1, ..., v]`, v1 extending base; a cycle or an unknown name ends the chain. */
function chainOf(ctx: CheckContext, v: VariantDecl): VariantDecl[] {
  const chain: VariantDecl[] = [];
  for (let cur: VariantDecl | undefined = v; cur !== undefined && !chain.includes(cur); ) {
    chain.unshift(cur);
    cur = cur.extends === undefined ? undefined : ctx.variants.get(cur.extends.name);
  }
  return chain;
}

function applyChain(
  name: string,
  chain: readonly VariantDecl[],
  base: readonly (ProcessDecl | ProcedureDecl)[],
): VariantBodies {
  const decls = new Map(base.map((d) => [d.name.name, d]));
  const macros = new Map<string, MacroDecl>();
  const steps = new Map<string, Map<string, Stmt>>();
  for (const v of chain) {
    for (const m of v.members) {
      if (m.kind === 'DeclOverride') {
        const d = m.decl;
        if (d.kind === 'MacroDecl') macros.set(d.name.name, d);
        else if (d.kind !== 'DefDecl' && decls.has(d.name.name)) {
          decls.set(d.name.name, d);
          // A replaced body no longer has the steps an earlier variant overrode.
          steps.delete(d.name.name);
        }
      } else if (m.kind === 'StepOverride') {
        const perOwner = steps.get(m.owner.name) ?? new Map<string, Stmt>();
        perOwner.set(m.label.name, m.stmt);
        steps.set(m.owner.name, perOwner);
      }
    }
  }
  const bodies = [...decls.values()].map((d) => {
    const over = steps.get(d.name.name);
    return { decl: d, body: over === undefined ? d.body : withSteps(d.body, over) };
  });
  return { variant: name, bodies, macros };
}

/** The block with each labelled statement that `over` names replaced, at any depth. */
function withSteps(b: Block, over: ReadonlyMap<string, Stmt>): Block {
  return { ...b, stmts: b.stmts.map((s) => withStep(s, over)) };
}

function withStep(s: Stmt, over: ReadonlyMap<string, Stmt>): Stmt {
  const replaced = s.label === undefined ? undefined : over.get(s.label.name);
  // The override stands at the overridden step's place, under its label.
  if (replaced !== undefined) return { ...replaced, label: replaced.label ?? s.label };
  switch (s.kind) {
    case 'IfStmt':
      return withIf(s, over);
    case 'WhileStmt':
    case 'ForStmt':
      return { ...s, body: withSteps(s.body, over) };
    case 'EitherStmt':
      return { ...s, branches: s.branches.map((b) => withSteps(b, over)) };
    default:
      return s;
  }
}

function withIf(s: IfStmt, over: ReadonlyMap<string, Stmt>): IfStmt {
  const e = s.else;
  const then = withSteps(s.then, over);
  if (e === undefined) return { ...s, then };
  return { ...s, then, else: e.kind === 'Block' ? withSteps(e, over) : withIf(e, over) };
}
