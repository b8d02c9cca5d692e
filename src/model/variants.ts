// Variants: the declaration table of one variant, built by applying its `extends` chain from
// `base` outwards (param defaults, overridden procedures/macros/defs/processes, overridden steps).
// Takes a DeclTable and a variant name; returns a new table or located diagnostics. Pure.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, ProcessDecl, Stmt, VariantDecl } from '../syntax/ast.js';
import type { Span } from '../source/span.js';
import type { DeclTable } from './decls.js';

export const BASE_VARIANT = 'base';

export type VariantResult = { readonly ok: true; readonly table: DeclTable } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Every variant name of the spec: `base` first, then the declared variants in source order. */
export function variantNames(table: DeclTable): string[] {
  return [BASE_VARIANT, ...[...table.variants.keys()].filter((n) => n !== BASE_VARIANT)];
}

function err(code: Diagnostic['code'], span: Span, args: Diagnostic['args']): Diagnostic {
  return { code, severity: 'error', span, args };
}

/** The chain `[v1, v2, ..., variant]` with v1 extending base, or a diagnostic (unknown name, cycle). */
function chainOf(table: DeclTable, name: string, span: Span): VariantDecl[] | Diagnostic {
  const chain: VariantDecl[] = [];
  const seen: string[] = [];
  let current: string | undefined = name;
  let at = span;
  while (current !== undefined && current !== BASE_VARIANT) {
    if (seen.includes(current)) return err('CS5002', at, { name, cycle: [...seen, current].join(' -> ') });
    const decl = table.variants.get(current);
    if (decl === undefined) return err('CS5001', at, { name: current });
    seen.push(current);
    chain.unshift(decl);
    at = decl.extends?.span ?? decl.span;
    current = decl.extends?.name;
  }
  return chain;
}

/** Does the block (or any nested block) contain a statement labelled `label`? */
export function findLabel(block: Block, label: string): boolean {
  const inStmt = (s: Stmt): boolean => {
    if (s.label?.name === label) return true;
    switch (s.kind) {
      case 'IfStmt': {
        if (findLabel(s.then, label)) return true;
        if (s.else === undefined) return false;
        return s.else.kind === 'Block' ? findLabel(s.else, label) : inStmt(s.else);
      }
      case 'WhileStmt':
      case 'ForStmt':
        return findLabel(s.body, label);
      case 'EitherStmt':
        return s.branches.some((b) => findLabel(b, label));
      default:
        return false;
    }
  };
  return block.stmts.some(inStmt);
}

/**
 * Applies variant `name` to the base table. `span` locates the request (an `expect`, or the
 * spec header for a command-line `--variant`) for the unknown-variant diagnostic.
 */
export function applyVariant(table: DeclTable, name: string, span: Span): VariantResult {
  const chain = chainOf(table, name, span);
  if (!Array.isArray(chain)) return { ok: false, diagnostics: [chain] };
  const diagnostics: Diagnostic[] = [];
  const paramDefaults = new Map(table.paramDefaults);
  let processes: ProcessDecl[] = [...table.processes];
  const procedures = new Map(table.procedures);
  const macros = new Map(table.macros);
  const defs = new Map(table.defs);
  const stepOverrides = new Map<string, Map<string, Stmt>>();

  for (const variant of chain) {
    for (const m of variant.members) {
      switch (m.kind) {
        case 'ParamOverride':
          if (!paramDefaults.has(m.name.name)) diagnostics.push(err('CS5006', m.name.span, { name: m.name.name }));
          else paramDefaults.set(m.name.name, m.value);
          break;
        case 'DeclOverride': {
          const d = m.decl;
          const n = d.name.name;
          const kindWord = d.kind === 'ProcedureDecl' ? 'procedure' : d.kind === 'MacroDecl' ? 'macro' : d.kind === 'DefDecl' ? 'def' : 'process';
          let found = false;
          if (d.kind === 'ProcedureDecl' && procedures.has(n)) {
            procedures.set(n, d);
            found = true;
          } else if (d.kind === 'MacroDecl' && macros.has(n)) {
            macros.set(n, d);
            found = true;
          } else if (d.kind === 'DefDecl' && defs.has(n)) {
            defs.set(n, d);
            found = true;
          } else if (d.kind === 'ProcessDecl' && processes.some((p) => p.name.name === n)) {
            processes = processes.map((p) => (p.name.name === n ? d : p));
            found = true;
          }
          if (!found) diagnostics.push(err('CS5003', d.name.span, { kind: kindWord, name: n }));
          // A replaced body no longer has the steps an earlier variant overrode.
          else stepOverrides.delete(n);
          break;
        }
        case 'StepOverride': {
          const owner = m.owner.name;
          const body = procedures.get(owner)?.body ?? processes.find((p) => p.name.name === owner)?.body;
          if (body === undefined) {
            diagnostics.push(err('CS5005', m.owner.span, { owner, label: m.label.name, problem: `no process or procedure \`${owner}\`` }));
          } else if (!findLabel(body, m.label.name)) {
            diagnostics.push(err('CS5005', m.label.span, { owner, label: m.label.name, problem: `\`${owner}\` has no step \`${m.label.name}\`` }));
          } else {
            const perOwner = stepOverrides.get(owner) ?? new Map<string, Stmt>();
            perOwner.set(m.label.name, m.stmt);
            stepOverrides.set(owner, perOwner);
          }
          break;
        }
      }
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, table: { ...table, paramDefaults, processes, procedures, macros, defs, stepOverrides } };
}
