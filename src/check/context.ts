// The state one checker run shares between its checks: the program, scopes, side tables keyed
// by node, and the list diagnostics are reported into. Takes a Program; the checks fill it in.
// Nothing here writes to the tree: what a check learns goes into the tables.

import { CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic, DiagnosticArgs, RelatedLocation } from '../diagnostics/diagnostic.js';
import type {
  Decl,
  DefDecl,
  MacroDecl,
  Node,
  ProcedureDecl,
  ProcessDecl,
  VariantDecl,
} from '../syntax/ast.js';
import type { Program, SourceFile } from '../syntax/program.js';
import type { Span } from '../source/span.js';
import { builtinScope, Scope, type FrameOwner, type SymbolInfo } from './scopes.js';
import type { Type } from './types.js';

/** A declaration with a body, and where it comes from: a file, and for overrides the variant. */
export interface BodyUnit {
  readonly decl: ProcessDecl | ProcedureDecl | MacroDecl | DefDecl;
  readonly file: SourceFile;
  readonly variant?: VariantDecl;
}

/** A top-level declaration and its file. */
export interface DeclUnit {
  readonly decl: Decl;
  readonly file: SourceFile;
}

/** Optional parts of a diagnostic. */
export interface ReportExtra {
  readonly hint?: string;
  readonly related?: readonly RelatedLocation[];
}

/** Mutable state of one run; created by checkProgram, read back into a CheckedProgram. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Reference node (NameExpr, NamedType, callee Ident, ...) to the symbol it denotes. */
  readonly symbols = new Map<Node, SymbolInfo>();
  /** Expression node to its type. */
  readonly types = new Map<Node, Type>();
  /** Symbols referred to from a spec body (not from variants' or expectations' param lists). */
  readonly used = new Set<SymbolInfo>();
  /** Each frame owner's scope (parameters and locals), its parent the global scope. */
  readonly frameScopes = new Map<FrameOwner, Scope>();
  /** Declaration node to its symbol. */
  readonly declared = new Map<Node, SymbolInfo>();
  readonly builtins: Scope = builtinScope();
  readonly globals: Scope = new Scope(this.builtins);
  /** Variants by name, first declaration wins. */
  readonly variants = new Map<string, VariantDecl>();
  /** Every top-level declaration of every file, files in program order. */
  readonly decls: readonly DeclUnit[];
  /** Every declaration with a body: base ones, then variant overrides. */
  readonly bodies: readonly BodyUnit[];

  constructor(readonly program: Program) {
    const decls: DeclUnit[] = [];
    const bodies: BodyUnit[] = [];
    for (const file of program.files) {
      for (const decl of file.ast.decls) {
        decls.push({ decl, file });
        if (isBodyDecl(decl)) bodies.push({ decl, file });
      }
    }
    for (const { decl, file } of decls) {
      if (decl.kind !== 'VariantDecl') continue;
      for (const m of decl.members) {
        if (m.kind === 'DeclOverride') bodies.push({ decl: m.decl, file, variant: decl });
      }
    }
    this.decls = decls;
    this.bodies = bodies;
  }

  /** True when the file is the program's root (warnings about unused names are for it only). */
  isRoot(file: SourceFile): boolean {
    return file === this.program.root;
  }

  /** Records a diagnostic; severity comes from the code table. */
  report(code: DiagnosticCode, span: Span, args: DiagnosticArgs, extra: ReportExtra = {}): void {
    const d: Diagnostic = {
      code,
      severity: CODES[code].severity,
      span,
      args,
      ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
      ...(extra.related !== undefined && extra.related.length > 0
        ? { related: extra.related }
        : {}),
    };
    this.diagnostics.push(d);
  }

  /**
   * Runs one unit of a check (one declaration, one body). An exception means a tree shape the
   * check did not expect, which is our bug: it becomes one CS9001 naming the check and the
   * construct, and the remaining units and checks still run.
   */
  guard(phase: string, node: Node | undefined, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      const what = node === undefined ? '' : ` at ${describeNode(node)}`;
      const detail = err instanceof Error ? err.message : String(err);
      this.report('CS9001', node?.span ?? this.program.root.ast.span, {
        phase: `checker (${phase})`,
        detail: `${detail}${what}`,
      });
    }
  }

  /** Records which symbol a reference denotes, and that the symbol is used. */
  bind(node: Node, sym: SymbolInfo, countsAsUse = true): void {
    this.symbols.set(node, sym);
    if (countsAsUse) this.used.add(sym);
  }
}

/** `procedure restrict_one` style words for a node, for internal error messages. */
function describeNode(node: Node): string {
  const n = (node as { name?: { name?: unknown } }).name?.name;
  return typeof n === 'string' && n !== '' ? `${node.kind} \`${n}\`` : node.kind;
}

function isBodyDecl(d: Decl): d is ProcessDecl | ProcedureDecl | MacroDecl | DefDecl {
  return (
    d.kind === 'ProcessDecl' ||
    d.kind === 'ProcedureDecl' ||
    d.kind === 'MacroDecl' ||
    d.kind === 'DefDecl'
  );
}

/** A name is usable when the parser could read it (error recovery leaves empty names). */
export function hasName(n: { readonly name: string }): boolean {
  return n.name !== '';
}
