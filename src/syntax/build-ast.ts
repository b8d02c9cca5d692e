// CST to AST. Takes the concrete syntax tree of one file (possibly with holes left by error
// recovery), the file's display path and its line map; returns the SpecFile and the CS1xxx
// diagnostics only visible on whole constructs (a record mixing fields and elements, `may fail`
// on an `if`, a `var` in a nested block). Every node gets a fresh id and its span. It never
// throws on a broken tree: a missing name is an Ident with name '', a missing expression an
// ErrorExpr.

import type { CstNode, IToken } from 'chevrotain';
import type * as C from '../../grammar/cst.js';
import { describeToken } from '../../grammar/error-messages.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from './ast.js';
import type { LineMap } from '../source/line-map.js';
import type { Span } from '../source/span.js';
import { first, firstToken, isReal } from './build-base.js';
import { NESTED, StmtBuilder } from './build-stmt.js';

/** What building one file produced. */
export interface BuildResult {
  readonly ast: A.SpecFile;
  readonly diagnostics: Diagnostic[];
  /** The next unused node id (ids stay unique across the files of a program). */
  readonly nextId: number;
}

/** The top floor of the builder: the file and its declarations. */
class Builder extends StmtBuilder {
  // --- file and declarations ---------------------------------------------------------------

  specFile(cst: C.SpecFileCstNode, fullSpan: Span): A.SpecFile {
    const items = cst.children.topItem ?? [];
    let name: A.Ident | undefined;
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    // A top-level `unreachable "reason"` marks the `cover` right after it, and nothing else.
    let mark: A.UnreachableMark | undefined;
    const stray = (before: string): void => {
      if (mark !== undefined) this.report('CS1043', mark.span, { before });
      mark = undefined;
    };
    items.forEach((item, index) => {
      const c = item.children;
      const markCst = first(c.unreachableMark);
      if (markCst !== undefined) {
        stray('another `unreachable`');
        mark = this.unreachableMark(markCst);
        return;
      }
      const header = first(c.specHeader);
      const imp = first(c.importDecl);
      if (header !== undefined || imp !== undefined) stray(describeToken(firstToken(item)));
      if (header !== undefined) {
        const id = this.ident(first(header.children.Identifier));
        if (index === 0) name = id;
        else this.report('CS1027', this.node(header));
        return;
      }
      if (index === 0) this.missingHeader(item);
      if (imp !== undefined) {
        imports.push(this.importDecl(imp));
        return;
      }
      const decl = this.topDecl(c);
      if (decl?.kind === 'CoverDecl' && mark !== undefined) {
        decls.push({ ...decl, unreachable: mark });
        mark = undefined;
      } else {
        stray(describeToken(firstToken(item)));
        if (decl !== undefined) decls.push(decl);
      }
    });
    stray('the end of the file');
    if (items.length === 0) {
      const eof = first(cst.children.EOF);
      this.report(
        'CS1009',
        this.lines.span(this.file, this.lines.text.length, this.lines.text.length),
        { found: describeToken(eof) },
      );
    }
    return {
      kind: 'SpecFile',
      id: this.id(),
      span: fullSpan,
      name: name ?? {
        kind: 'Ident',
        id: this.id(),
        span: this.lines.span(this.file, 0, 0),
        name: '',
      },
      imports,
      decls,
    };
  }

  private missingHeader(item: C.TopItemCstNode): void {
    const tok = firstToken(item);
    const span = isReal(tok)
      ? this.lines.span(this.file, tok.startOffset, tok.endOffset + 1)
      : this.node(item);
    this.report('CS1009', span, { found: describeToken(tok) });
  }

  private topDecl(c: C.TopItemCstChildren): A.Decl | undefined {
    const [k, node] = onlyChild(c);
    switch (k) {
      case 'paramDecl':
        return this.paramDecl(node as C.ParamDeclCstNode);
      case 'constDecl':
        return this.constDecl(node as C.ConstDeclCstNode);
      case 'enumDecl':
        return this.enumDecl(node as C.EnumDeclCstNode);
      case 'typeDecl':
        return this.typeDecl(node as C.TypeDeclCstNode);
      case 'varDecl':
        return this.scopedVarDecl(node as C.VarDeclCstNode);
      case 'processDecl':
        return this.processDecl(node as C.ProcessDeclCstNode);
      case 'procedureDecl':
        return this.procedureDecl(node as C.ProcedureDeclCstNode);
      case 'macroDecl':
        return this.macroDecl(node as C.MacroDeclCstNode);
      case 'defDecl':
        return this.defDecl(node as C.DefDeclCstNode);
      case 'invariantDecl':
        return this.namedExprDecl('InvariantDecl', node as C.InvariantDeclCstNode);
      case 'actionDecl':
        return this.namedExprDecl('ActionPropertyDecl', node as C.InvariantDeclCstNode);
      case 'coverDecl':
        return this.namedExprDecl('CoverDecl', node as C.InvariantDeclCstNode);
      case 'propertyDecl':
        return this.propertyDecl(node as C.PropertyDeclCstNode);
      case 'variantDecl':
        return this.variantDecl(node as C.VariantDeclCstNode);
      case 'expectDecl':
        return this.expectDecl(node as C.ExpectDeclCstNode);
      case 'sweepDecl':
        return this.sweepDecl(node as C.SweepDeclCstNode);
      case 'lockOrderDecl': {
        const cst = node as C.LockOrderDeclCstNode;
        const locks = (cst.children.Identifier ?? []).map((t) => this.ident(t));
        return { kind: 'LockOrderDecl', id: this.id(), span: this.node(cst), locks };
      }
      default:
        return undefined;
    }
  }

  /**
   * What a declaration named by its first identifier starts with: kind, id, span and name, its
   * own id taken before its name's (the fields after it take theirs later).
   */
  private namedDecl<K extends A.Decl['kind']>(
    kind: K,
    node: CstNode & { readonly children: { readonly Identifier?: IToken[] } },
  ): { kind: K; id: number; span: Span; name: A.Ident } {
    return {
      kind,
      id: this.id(),
      span: this.node(node),
      name: this.ident(first(node.children.Identifier)),
    };
  }

  private paramDecl(node: C.ParamDeclCstNode): A.ParamDecl {
    const n = node.children;
    return {
      ...this.namedDecl('ParamDecl', node),
      type: this.typeExpr(first(n.typeExpr)),
      default: this.expr(first(n.expression)),
    };
  }

  private constDecl(node: C.ConstDeclCstNode): A.ConstDecl {
    return {
      ...this.namedDecl('ConstDecl', node),
      value: this.expr(first(node.children.expression)),
    };
  }

  private enumDecl(node: C.EnumDeclCstNode): A.EnumDecl {
    const ids = (node.children.Identifier ?? []).map((t) => this.ident(t));
    return {
      kind: 'EnumDecl',
      id: this.id(),
      span: this.node(node),
      name: ids[0] ?? this.ident(undefined),
      members: ids.slice(1),
    };
  }

  private typeDecl(node: C.TypeDeclCstNode): A.TypeDecl {
    const n = node.children;
    const ids = (n.Identifier ?? []).map((t) => this.ident(t));
    return {
      kind: 'TypeDecl',
      id: this.id(),
      span: this.node(node),
      name: ids[0] ?? this.ident(undefined),
      params: ids.slice(1),
      type: this.typeExpr(first(n.typeExpr)),
    };
  }

  /** A `var` must say `shared` or `thread`; a missing word is reported and read as shared. */
  private scopedVarDecl(cst: C.VarDeclCstNode): A.Decl {
    const scope = first(cst.children.KwShared)
      ? 'shared'
      : first(cst.children.KwThread)
        ? 'thread'
        : undefined;
    if (scope === undefined) this.report('CS1025', this.tok(first(cst.children.KwVar)));
    const fresh = first(cst.children.KwFresh);
    if (fresh !== undefined && scope !== 'thread') this.report('CS1040', this.tok(fresh));
    return this.varDecl(cst, scope ?? 'shared');
  }

  /** `invariant`, `action` and `cover` share one shape: a name and an expression. */
  private namedExprDecl(
    kind: 'InvariantDecl' | 'ActionPropertyDecl' | 'CoverDecl',
    node: C.InvariantDeclCstNode,
  ): A.Decl {
    return { ...this.namedDecl(kind, node), expr: this.expr(first(node.children.expression)) };
  }

  private importDecl(cst: C.ImportDeclCstNode): A.ImportDecl {
    const span = this.node(cst);
    const name = first(cst.children.Identifier);
    const str = first(cst.children.StringLiteral);
    const source: A.ImportDecl['source'] =
      str !== undefined
        ? { kind: 'path', path: this.stringValue(str) }
        : { kind: 'prelude', name: isReal(name) ? name.image : '' };
    return { kind: 'ImportDecl', id: this.id(), span, source };
  }

  private fairness(cst: C.FairnessCstNode | undefined): A.Fairness {
    if (cst === undefined) return 'none';
    return first(cst.children.KwStrong) !== undefined ? 'strong' : 'weak';
  }

  private processDecl(cst: C.ProcessDeclCstNode): A.ProcessDecl {
    const n = cst.children;
    const name = this.ident(first(n.Identifier));
    const count = this.expr(first(n.expression));
    let symmetric = false;
    let spare: A.Expr | undefined;
    let runsWhen: A.Expr | undefined;
    for (const m of n.processModifier ?? []) {
      const mc = m.children;
      if (first(mc.KwSymmetric) !== undefined) {
        if (symmetric) this.report('CS1030', this.node(m), { what: '`symmetric`' });
        symmetric = true;
      } else if (first(mc.KwSpare) !== undefined) {
        if (spare !== undefined) this.report('CS1030', this.node(m), { what: '`spare`' });
        spare = this.expr(first(mc.expression));
      } else if (first(mc.KwRuns) !== undefined) {
        if (runsWhen !== undefined) this.report('CS1030', this.node(m), { what: '`runs when`' });
        runsWhen = this.expr(first(mc.expression));
      }
    }
    const locals: A.VarDecl[] = [];
    const body = this.block(first(n.block), { locals });
    return {
      kind: 'ProcessDecl',
      id: this.id(),
      span: this.node(cst),
      name,
      count,
      symmetric,
      spare,
      fairness: this.fairness(first(n.fairness)),
      runsWhen,
      locals,
      body,
    };
  }

  private params(cst: C.ParamListCstNode | undefined): A.Param[] {
    return (cst?.children.param ?? []).map((p) => ({
      kind: 'Param',
      id: this.id(),
      span: this.node(p),
      name: this.ident(first(p.children.Identifier)),
      type: this.typeExpr(first(p.children.typeExpr)),
    }));
  }

  private procedureDecl(cst: C.ProcedureDeclCstNode): A.ProcedureDecl {
    const n = cst.children;
    const name = this.ident(first(n.Identifier));
    const params = this.params(first(n.paramList));
    const ret = first(n.typeExpr);
    const returnType = ret === undefined ? undefined : this.typeExpr(ret);
    const locals: A.VarDecl[] = [];
    const body = this.block(first(n.block), { locals });
    return {
      kind: 'ProcedureDecl',
      id: this.id(),
      span: this.node(cst),
      name,
      params,
      returnType,
      fairness: this.fairness(first(n.fairness)),
      locals,
      body,
    };
  }

  private macroDecl(cst: C.MacroDeclCstNode): A.MacroDecl {
    const ids = (cst.children.Identifier ?? []).map((t) => this.ident(t));
    const ret = first(cst.children.typeExpr);
    const body = this.block(first(cst.children.block), NESTED);
    return {
      kind: 'MacroDecl',
      id: this.id(),
      span: this.node(cst),
      name: ids[0] ?? this.ident(undefined),
      params: ids.slice(1),
      ...(ret !== undefined ? { returnType: this.typeExpr(ret) } : {}),
      body,
    };
  }

  private defDecl(cst: C.DefDeclCstNode): A.DefDecl {
    const n = cst.children;
    const name = this.ident(first(n.Identifier));
    const params = this.params(first(n.paramList));
    const ret = first(n.typeExpr);
    const returnType = ret === undefined ? undefined : this.typeExpr(ret);
    return {
      kind: 'DefDecl',
      id: this.id(),
      span: this.node(cst),
      name,
      params,
      returnType,
      body: this.expr(first(n.expression)),
    };
  }

  private propertyDecl(cst: C.PropertyDeclCstNode): A.TemporalPropertyDecl {
    const name = this.ident(first(cst.children.Identifier));
    const body = first(cst.children.temporalBody)?.children;
    const exprs = body?.expression ?? [];
    let op: A.TemporalOp = 'eventually';
    const ev = first(body?.KwEventually);
    const al = first(body?.KwAlways);
    if (first(body?.KwLeadsto) !== undefined) op = 'leadsto';
    else if (ev !== undefined && al !== undefined)
      op = al.startOffset < ev.startOffset ? 'always_eventually' : 'eventually_always';
    const quantifiers = (body?.temporalQuant ?? []).map((q): A.PropertyQuantifier => {
      const qc = q.children;
      const quantifier = first(qc.KwExists) !== undefined ? 'exists' : 'forall';
      const binders = (qc.Identifier ?? []).map((t) => this.ident(t));
      return {
        kind: 'PropertyQuantifier',
        id: this.id(),
        span: this.node(q),
        quantifier,
        binders,
        set: this.opExpr(first(qc.opExpr)),
      };
    });
    const left = this.expr(exprs[0]);
    const right = op === 'leadsto' ? this.expr(exprs[1]) : undefined;
    return {
      kind: 'TemporalPropertyDecl',
      id: this.id(),
      span: this.node(cst),
      name,
      op,
      left,
      right,
      ...(quantifiers.length > 0 ? { quantifiers } : {}),
    };
  }

  private variantDecl(cst: C.VariantDeclCstNode): A.VariantDecl {
    const n = cst.children;
    const ids = n.Identifier ?? [];
    const name = this.ident(ids[0]);
    const ext = first(n.KwExtends) !== undefined ? this.ident(ids[1]) : undefined;
    const members: A.VariantMember[] = [];
    for (const m of n.variantMember ?? []) {
      const po = first(m.children.paramOverride);
      if (po !== undefined) {
        members.push({
          kind: 'ParamOverride',
          id: this.id(),
          span: this.node(po),
          name: this.ident(first(po.children.Identifier)),
          value: this.expr(first(po.children.expression)),
        });
        continue;
      }
      const om = first(m.children.overrideMember);
      if (om === undefined) continue;
      const step = first(om.children.stepOverride);
      if (step !== undefined) {
        const sIds = step.children.Identifier ?? [];
        const owner = this.ident(sIds[0]);
        const label = this.ident(sIds[1]);
        const stmt =
          this.statement(first(step.children.statement)) ?? this.errorStmt(this.node(step));
        if (stmt.kind === 'VarDecl') {
          this.report('CS1012', stmt.span, { found: '`var`' });
          members.push({
            kind: 'StepOverride',
            id: this.id(),
            span: this.node(step),
            owner,
            label,
            stmt: this.errorStmt(stmt.span),
          });
          continue;
        }
        if (stmt.label !== undefined)
          this.report('CS1035', stmt.label.span, { owner: owner.name, label: label.name });
        members.push({
          kind: 'StepOverride',
          id: this.id(),
          span: this.node(om),
          owner,
          label,
          stmt,
        });
        continue;
      }
      const decl = this.overriddenDecl(om.children);
      if (decl !== undefined)
        members.push({ kind: 'DeclOverride', id: this.id(), span: this.node(om), decl });
    }
    return {
      kind: 'VariantDecl',
      id: this.id(),
      span: this.node(cst),
      name,
      extends: ext,
      members,
    };
  }

  /** The declaration an `override` member replaces, undefined when recovery left none. */
  private overriddenDecl(n: C.OverrideMemberCstChildren): A.DeclOverride['decl'] | undefined {
    const procedure = first(n.procedureDecl);
    if (procedure !== undefined) return this.procedureDecl(procedure);
    const macro = first(n.macroDecl);
    if (macro !== undefined) return this.macroDecl(macro);
    const def = first(n.defDecl);
    if (def !== undefined) return this.defDecl(def);
    const process = first(n.processDecl);
    return process === undefined ? undefined : this.processDecl(process);
  }

  private expectDecl(cst: C.ExpectDeclCstNode): A.ExpectDecl {
    const n = cst.children;
    const tagTok = first(n.StringLiteral);
    const tag = tagTok === undefined ? undefined : this.stringValue(tagTok);
    const variant = this.ident(first(n.Identifier));
    const params: A.ParamAssign[] = (n.paramAssign ?? []).map((p) => ({
      kind: 'ParamAssign',
      id: this.id(),
      span: this.node(p),
      name: this.ident(first(p.children.Identifier)),
      value: this.expr(first(p.children.expression)),
    }));
    const v = first(n.verdict)?.children;
    let verdict: A.Verdict;
    if (first(v?.KwViolates) !== undefined)
      verdict = { kind: 'violates', property: this.ident(first(v?.Identifier)) };
    else if (first(v?.KwDeadlock) !== undefined) verdict = { kind: 'deadlock' };
    else verdict = { kind: 'holds' };
    const searchCst = first(n.searchClause);
    const search: A.SearchClause | undefined =
      searchCst === undefined
        ? undefined
        : {
            kind: 'SearchClause',
            id: this.id(),
            span: this.node(searchCst),
            words: (searchCst.children.Identifier ?? []).map((t) => this.ident(t)),
            options: (searchCst.children.paramAssign ?? []).map((p) => ({
              kind: 'ParamAssign',
              id: this.id(),
              span: this.node(p),
              name: this.ident(first(p.children.Identifier)),
              value: this.expr(first(p.children.expression)),
            })),
          };
    return {
      kind: 'ExpectDecl',
      id: this.id(),
      span: this.node(cst),
      tag,
      variant,
      params,
      verdict,
      search,
    };
  }

  private sweepDecl(cst: C.SweepDeclCstNode): A.SweepDecl {
    const variantTok = first(cst.children.Identifier);
    return {
      kind: 'SweepDecl',
      id: this.id(),
      span: this.node(cst),
      variant: variantTok === undefined ? undefined : this.ident(variantTok),
      entries: (cst.children.sweepEntry ?? []).map((e) => ({
        kind: 'SweepEntry',
        id: this.id(),
        span: this.node(e),
        name: this.ident(first(e.children.Identifier)),
        form: first(e.children.KwIn) === undefined ? '=' : 'in',
        values: this.expr(first(e.children.expression)),
      })),
    };
  }
}

/** The one child a choice node holds, as [rule name, node]. */
function onlyChild(c: C.TopItemCstChildren): [string, CstNode | undefined] {
  for (const [k, v] of Object.entries(c)) {
    if (k === 'Semicolon') continue;
    const node = (v as CstNode[] | undefined)?.[0];
    if (node !== undefined) return [k, node];
  }
  return ['', undefined];
}

/**
 * Builds the AST of one file from its CST. `firstId` is the id of the first node, so the
 * files of one program never share an id.
 */
export function buildAst(cst: CstNode, file: string, lines: LineMap, firstId: number): BuildResult {
  const b = new Builder(file, lines, firstId);
  const ast = b.specFile(cst as C.SpecFileCstNode, lines.span(file, 0, lines.text.length));
  return { ast, diagnostics: b.diagnostics, nextId: b.next };
}

/** An AST for a file that could not be parsed at all (nesting beyond the limit). */
export function emptySpecFile(file: string, lines: LineMap, firstId: number): BuildResult {
  const b = new Builder(file, lines, firstId);
  const name: A.Ident = { kind: 'Ident', id: b.id(), span: lines.span(file, 0, 0), name: '' };
  const ast: A.SpecFile = {
    kind: 'SpecFile',
    id: b.id(),
    span: lines.span(file, 0, lines.text.length),
    name,
    imports: [],
    decls: [],
  };
  return { ast, diagnostics: [], nextId: b.next };
}
