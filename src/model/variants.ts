// Variants: the declaration table of one variant, built by applying its `extends` chain from
// `base` outwards (param defaults, overridden procedures/macros/defs/processes, overridden steps).
// Takes a DeclTable and a variant name; returns a new table. Pure. The checker has reported every
// variant that does not apply (unknown names, cycles, overrides of nothing: CS5001 to CS5006), so
// one that does not apply here is a LoweringError.

import type { Block, ProcessDecl, Stmt, VariantDecl } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import { type StmtCases, onStmt } from '../syntax/visit.js';
import type { CaseDecls, DeclTable } from './decls.js';
import { LoweringError } from './lowering-error.js';

export const BASE_VARIANT = 'base';

/** Every variant name of the spec: `base` first, then the declared variants in source order. */
export function variantNames(table: Pick<CaseDecls, 'variants'>): string[] {
  return [BASE_VARIANT, ...[...table.variants.keys()].filter((n) => n !== BASE_VARIANT)];
}

/** The chain `[v1, v2, ..., variant]` with v1 extending base. */
function chainOf(table: DeclTable, name: string, span: Span): VariantDecl[] {
  const chain: VariantDecl[] = [];
  const seen: string[] = [];
  let current: string | undefined = name;
  let at = span;
  while (current !== undefined && current !== BASE_VARIANT) {
    if (seen.includes(current))
      throw new LoweringError(
        at,
        `variant \`${name}\` extends itself (${[...seen, current].join(' -> ')})`,
      );
    const decl = table.variants.get(current);
    if (decl === undefined) throw new LoweringError(at, `variant \`${current}\` is not declared`);
    seen.push(current);
    chain.unshift(decl);
    at = decl.extends?.span ?? decl.span;
    current = decl.extends?.name;
  }
  return chain;
}

/** Does the block (or any nested block) contain a statement labelled `label`? */
export function findLabel(block: Block, label: string): boolean {
  return labelled(block, label) !== undefined;
}

/** The statement of the block (or any nested block) labelled `label`. */
function labelled(block: Block, label: string): Stmt | undefined {
  for (const s of block.stmts) {
    const found = labelledIn(s, label);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `s`, or the statement in the step blocks nested in it, labelled `label`. */
function labelledIn(s: Stmt, label: string): Stmt | undefined {
  return s.label?.name === label ? s : onStmt(s, LABEL_INSIDE, label);
}

const noneInside = (): undefined => undefined;

/** The statement labelled so in a statement's nested step blocks. */
const LABEL_INSIDE: StmtCases<Stmt | undefined, [string]> = {
  IfStmt: (s, label) => {
    const found = labelled(s.then, label);
    if (found !== undefined || s.else === undefined) return found;
    return s.else.kind === 'Block' ? labelled(s.else, label) : labelledIn(s.else, label);
  },
  WhileStmt: (s, label) => labelled(s.body, label),
  ForStmt: (s, label) => labelled(s.body, label),
  EitherStmt: (s, label) => {
    for (const b of s.branches) {
      const found = labelled(b, label);
      if (found !== undefined) return found;
    }
    return undefined;
  },
  AssignStmt: noneInside,
  AnyAssignStmt: noneInside,
  AwaitStmt: noneInside,
  AssertStmt: noneInside,
  SkipStmt: noneInside,
  AtomicStmt: noneInside,
  CallStmt: noneInside,
  ReturnStmt: noneInside,
  CloneStmt: noneInside,
  ExitStmt: noneInside,
  FaultStmt: noneInside,
  BreakStmt: noneInside,
  ContinueStmt: noneInside,
  ErrorStmt: noneInside,
};

/**
 * The statement an `override step` puts in place of `replaced`: without an `@kernel` of its
 * own it keeps the one of the step it replaces, since it models the same kernel code.
 */
function overriding(stmt: Stmt, replaced: Stmt): Stmt {
  if (stmt.kernel !== undefined || replaced.kernel === undefined) return stmt;
  return { ...stmt, kernel: replaced.kernel };
}

/**
 * Applies variant `name` to the base table. `span` locates the request (an `expect`, or the
 * spec header for a command-line `--variant`) when the variant is not declared.
 */
export function applyVariant(table: DeclTable, name: string, span: Span): DeclTable {
  const paramDefaults = new Map(table.paramDefaults);
  let processes: ProcessDecl[] = [...table.processes];
  const procedures = new Map(table.procedures);
  const macros = new Map(table.macros);
  const defs = new Map(table.defs);
  const stepOverrides = new Map<string, Map<string, Stmt>>();
  const nothing = (at: Span, what: string): never => {
    throw new LoweringError(
      at,
      `variant \`${name}\` overrides ${what}, which the spec does not declare`,
    );
  };

  for (const variant of chainOf(table, name, span)) {
    for (const m of variant.members) {
      switch (m.kind) {
        case 'ParamOverride':
          if (!paramDefaults.has(m.name.name)) nothing(m.name.span, `param \`${m.name.name}\``);
          paramDefaults.set(m.name.name, m.value);
          break;
        case 'DeclOverride': {
          const d = m.decl;
          const n = d.name.name;
          if (d.kind === 'ProcedureDecl' && procedures.has(n)) procedures.set(n, d);
          else if (d.kind === 'MacroDecl' && macros.has(n)) macros.set(n, d);
          else if (d.kind === 'DefDecl' && defs.has(n)) defs.set(n, d);
          else if (d.kind === 'ProcessDecl' && processes.some((p) => p.name.name === n))
            processes = processes.map((p) => (p.name.name === n ? d : p));
          else nothing(d.name.span, `\`${n}\``);
          // A replaced body no longer has the steps an earlier variant overrode.
          stepOverrides.delete(n);
          break;
        }
        case 'StepOverride': {
          const owner = m.owner.name;
          const body =
            procedures.get(owner)?.body ?? processes.find((p) => p.name.name === owner)?.body;
          const base = body === undefined ? undefined : labelled(body, m.label.name);
          if (base === undefined) return nothing(m.label.span, `step \`${owner}.${m.label.name}\``);
          const perOwner = stepOverrides.get(owner) ?? new Map<string, Stmt>();
          perOwner.set(m.label.name, overriding(m.stmt, perOwner.get(m.label.name) ?? base));
          stepOverrides.set(owner, perOwner);
          break;
        }
      }
    }
  }
  return { ...table, paramDefaults, processes, procedures, macros, defs, stepOverrides };
}
