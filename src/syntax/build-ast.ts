// CST to AST. Takes the concrete syntax tree of one file (possibly with holes left by error
// recovery), the file's display path and its line map; returns the SpecFile and the CS1xxx
// diagnostics only visible on whole constructs (a record mixing fields and elements, `may fail`
// on an `if`, a `var` in a nested block). Every node gets a fresh id and its span. It never
// throws on a broken tree: a missing name is an Ident with name '', a missing expression an
// ErrorExpr.

import type { CstNode, IToken } from 'chevrotain';
import type * as C from '../../grammar/cst.js';
import { describeToken } from '../../grammar/error-messages.js';
import { BINARY_PRECEDENCE, PRECEDENCE } from '../../grammar/parser.js';
import type { SyntaxCode } from '../diagnostics/codes/syntax.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from './ast.js';
import type { LineMap } from '../source/line-map.js';
import { joinSpans, type Span } from '../source/span.js';

/** What building one file produced. */
export interface BuildResult {
  readonly ast: A.SpecFile;
  readonly diagnostics: Diagnostic[];
  /** The next unused node id (ids stay unique across the files of a program). */
  readonly nextId: number;
}

type Toks = readonly IToken[] | undefined;

function first<T>(xs: readonly T[] | undefined): T | undefined {
  return xs === undefined ? undefined : xs[0];
}

function isReal(tok: IToken | undefined): tok is IToken & { endOffset: number } {
  return tok !== undefined && Number.isFinite(tok.startOffset) && Number.isFinite(tok.endOffset);
}

/** Tokens of several arrays in source order (operators of one precedence level). */
function inOrder(...arrays: Toks[]): IToken[] {
  const all: IToken[] = [];
  for (const a of arrays) if (a) for (const t of a) all.push(t);
  return all.sort((x, y) => x.startOffset - y.startOffset);
}

const SIMPLE_STMTS = new Set<A.Stmt['kind']>([
  'AssignStmt', 'AnyAssignStmt', 'AwaitStmt', 'AssertStmt', 'SkipStmt', 'CallStmt', 'ReturnStmt', 'CloneStmt', 'ExitStmt', 'ErrorStmt',
]);

const COMPOUND_WORD: Partial<Record<A.Stmt['kind'], string>> = {
  IfStmt: '`if`', WhileStmt: '`while`', ForStmt: '`for`', EitherStmt: '`either`', AtomicStmt: '`atomic`', FaultStmt: 'a `may fail` statement',
};

/** Where a block sits: locals are collected only directly in a process or procedure body. */
interface BlockContext {
  readonly locals: A.VarDecl[] | undefined;
}

const NESTED: BlockContext = { locals: undefined };

class Builder {
  private nextId: number;
  /** End offset of the last real token seen: where a node with no tokens is placed. */
  private cursor = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly lines: LineMap,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  get next(): number {
    return this.nextId;
  }

  id(): number {
    return this.nextId++;
  }

  report(code: SyntaxCode, span: Span, args: Record<string, string | number> = {}): void {
    this.diagnostics.push({ code, severity: 'error', span, args });
  }

  // --- spans -----------------------------------------------------------------------------

  here(): Span {
    return this.lines.span(this.file, this.cursor, this.cursor);
  }

  tok(tok: IToken | undefined): Span {
    if (!isReal(tok)) return this.here();
    this.cursor = Math.max(this.cursor, tok.endOffset + 1);
    return this.lines.span(this.file, tok.startOffset, tok.endOffset + 1);
  }

  node(cst: CstNode | undefined): Span {
    const loc = cst?.location;
    if (loc === undefined || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset ?? NaN)) return this.here();
    return this.lines.span(this.file, loc.startOffset, loc.endOffset! + 1);
  }

  ident(tok: IToken | undefined): A.Ident {
    const span = this.tok(tok);
    return { kind: 'Ident', id: this.id(), span, name: isReal(tok) ? tok.image : '' };
  }

  // --- file and declarations ---------------------------------------------------------------

  specFile(cst: C.SpecFileCstNode, fullSpan: Span): A.SpecFile {
    const items = cst.children.topItem ?? [];
    let name: A.Ident | undefined;
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    items.forEach((item, index) => {
      const c = item.children;
      const header = first(c.specHeader);
      if (header !== undefined) {
        const id = this.ident(first(header.children.Identifier));
        if (index === 0) name = id;
        else this.report('CS1027', this.node(header));
        return;
      }
      if (index === 0) this.missingHeader(item);
      const imp = first(c.importDecl);
      if (imp !== undefined) {
        imports.push(this.importDecl(imp));
        return;
      }
      const decl = this.topDecl(c);
      if (decl !== undefined) decls.push(decl);
    });
    if (items.length === 0) {
      const eof = first(cst.children.EOF);
      this.report('CS1009', this.lines.span(this.file, this.lines.text.length, this.lines.text.length), { found: describeToken(eof) });
    }
    return { kind: 'SpecFile', id: this.id(), span: fullSpan, name: name ?? { kind: 'Ident', id: this.id(), span: this.lines.span(this.file, 0, 0), name: '' }, imports, decls };
  }

  private missingHeader(item: C.TopItemCstNode): void {
    const tok = firstToken(item);
    const span = isReal(tok) ? this.lines.span(this.file, tok.startOffset, tok.endOffset + 1) : this.node(item);
    this.report('CS1009', span, { found: describeToken(tok) });
  }

  private topDecl(c: C.TopItemCstChildren): A.Decl | undefined {
    const [k, node] = onlyChild(c);
    switch (k) {
      case 'paramDecl': {
        const n = (node as C.ParamDeclCstNode).children;
        return { kind: 'ParamDecl', id: this.id(), span: this.node(node), name: this.ident(first(n.Identifier)), type: this.typeExpr(first(n.typeExpr)), default: this.expr(first(n.expression)) };
      }
      case 'constDecl': {
        const n = (node as C.ConstDeclCstNode).children;
        return { kind: 'ConstDecl', id: this.id(), span: this.node(node), name: this.ident(first(n.Identifier)), value: this.expr(first(n.expression)) };
      }
      case 'enumDecl': {
        const n = (node as C.EnumDeclCstNode).children;
        const ids = (n.Identifier ?? []).map((t) => this.ident(t));
        return { kind: 'EnumDecl', id: this.id(), span: this.node(node), name: ids[0] ?? this.ident(undefined), members: ids.slice(1) };
      }
      case 'typeDecl': {
        const n = (node as C.TypeDeclCstNode).children;
        const ids = (n.Identifier ?? []).map((t) => this.ident(t));
        return { kind: 'TypeDecl', id: this.id(), span: this.node(node), name: ids[0] ?? this.ident(undefined), params: ids.slice(1), type: this.typeExpr(first(n.typeExpr)) };
      }
      case 'varDecl': {
        const cst = node as C.VarDeclCstNode;
        const scope = first(cst.children.KwShared) ? 'shared' : first(cst.children.KwThread) ? 'thread' : undefined;
        if (scope === undefined) this.report('CS1025', this.tok(first(cst.children.KwVar)));
        const fresh = first(cst.children.KwFresh);
        if (fresh !== undefined && scope !== 'thread') this.report('CS1040', this.tok(fresh));
        return this.varDecl(cst, scope ?? 'shared');
      }
      case 'processDecl':
        return this.processDecl(node as C.ProcessDeclCstNode);
      case 'procedureDecl':
        return this.procedureDecl(node as C.ProcedureDeclCstNode);
      case 'macroDecl':
        return this.macroDecl(node as C.MacroDeclCstNode);
      case 'defDecl':
        return this.defDecl(node as C.DefDeclCstNode);
      case 'invariantDecl':
      case 'actionDecl':
      case 'coverDecl': {
        const n = (node as C.InvariantDeclCstNode).children;
        const kind = k === 'invariantDecl' ? 'InvariantDecl' : k === 'actionDecl' ? 'ActionPropertyDecl' : 'CoverDecl';
        return { kind, id: this.id(), span: this.node(node), name: this.ident(first(n.Identifier)), expr: this.expr(first(n.expression)) };
      }
      case 'propertyDecl':
        return this.propertyDecl(node as C.PropertyDeclCstNode);
      case 'variantDecl':
        return this.variantDecl(node as C.VariantDeclCstNode);
      case 'expectDecl':
        return this.expectDecl(node as C.ExpectDeclCstNode);
      default:
        return undefined;
    }
  }

  private importDecl(cst: C.ImportDeclCstNode): A.ImportDecl {
    const span = this.node(cst);
    const name = first(cst.children.Identifier);
    const str = first(cst.children.StringLiteral);
    const source: A.ImportDecl['source'] = str !== undefined ? { kind: 'path', path: this.stringValue(str) } : { kind: 'prelude', name: isReal(name) ? name.image : '' };
    return { kind: 'ImportDecl', id: this.id(), span, source };
  }

  private varDecl(cst: C.VarDeclCstNode, scope: A.VarDecl['scope']): A.VarDecl {
    const n = cst.children;
    const init = first(n.expression);
    const fresh = scope === 'thread' && first(n.KwFresh) !== undefined;
    return {
      kind: 'VarDecl', id: this.id(), span: this.node(cst), scope, name: this.ident(first(n.Identifier)), type: this.typeExpr(first(n.typeExpr)),
      init: init === undefined ? undefined : this.expr(init), ...(fresh ? { fresh: true } : {}),
    };
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
    return { kind: 'ProcessDecl', id: this.id(), span: this.node(cst), name, count, symmetric, spare, fairness: this.fairness(first(n.fairness)), runsWhen, locals, body };
  }

  private params(cst: C.ParamListCstNode | undefined): A.Param[] {
    return (cst?.children.param ?? []).map((p) => ({ kind: 'Param', id: this.id(), span: this.node(p), name: this.ident(first(p.children.Identifier)), type: this.typeExpr(first(p.children.typeExpr)) }));
  }

  private procedureDecl(cst: C.ProcedureDeclCstNode): A.ProcedureDecl {
    const n = cst.children;
    const name = this.ident(first(n.Identifier));
    const params = this.params(first(n.paramList));
    const ret = first(n.typeExpr);
    const returnType = ret === undefined ? undefined : this.typeExpr(ret);
    const locals: A.VarDecl[] = [];
    const body = this.block(first(n.block), { locals });
    return { kind: 'ProcedureDecl', id: this.id(), span: this.node(cst), name, params, returnType, fairness: this.fairness(first(n.fairness)), locals, body };
  }

  private macroDecl(cst: C.MacroDeclCstNode): A.MacroDecl {
    const ids = (cst.children.Identifier ?? []).map((t) => this.ident(t));
    const ret = first(cst.children.typeExpr);
    const body = this.block(first(cst.children.block), NESTED);
    return { kind: 'MacroDecl', id: this.id(), span: this.node(cst), name: ids[0] ?? this.ident(undefined), params: ids.slice(1), ...(ret !== undefined ? { returnType: this.typeExpr(ret) } : {}), body };
  }

  private defDecl(cst: C.DefDeclCstNode): A.DefDecl {
    const n = cst.children;
    const name = this.ident(first(n.Identifier));
    const params = this.params(first(n.paramList));
    const ret = first(n.typeExpr);
    const returnType = ret === undefined ? undefined : this.typeExpr(ret);
    return { kind: 'DefDecl', id: this.id(), span: this.node(cst), name, params, returnType, body: this.expr(first(n.expression)) };
  }

  private propertyDecl(cst: C.PropertyDeclCstNode): A.TemporalPropertyDecl {
    const name = this.ident(first(cst.children.Identifier));
    const body = first(cst.children.temporalBody)?.children;
    const exprs = body?.expression ?? [];
    let op: A.TemporalOp = 'eventually';
    const ev = first(body?.KwEventually);
    const al = first(body?.KwAlways);
    if (first(body?.KwLeadsto) !== undefined) op = 'leadsto';
    else if (ev !== undefined && al !== undefined) op = al.startOffset < ev.startOffset ? 'always_eventually' : 'eventually_always';
    const quantifiers = (body?.temporalQuant ?? []).map((q): A.PropertyQuantifier => {
      const qc = q.children;
      const quantifier = first(qc.KwExists) !== undefined ? 'exists' : 'forall';
      const binders = (qc.Identifier ?? []).map((t) => this.ident(t));
      return { kind: 'PropertyQuantifier', id: this.id(), span: this.node(q), quantifier, binders, set: this.opExpr(first(qc.opExpr)) };
    });
    const left = this.expr(exprs[0]);
    const right = op === 'leadsto' ? this.expr(exprs[1]) : undefined;
    return { kind: 'TemporalPropertyDecl', id: this.id(), span: this.node(cst), name, op, left, right, ...(quantifiers.length > 0 ? { quantifiers } : {}) };
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
        members.push({ kind: 'ParamOverride', id: this.id(), span: this.node(po), name: this.ident(first(po.children.Identifier)), value: this.expr(first(po.children.expression)) });
        continue;
      }
      const om = first(m.children.overrideMember);
      if (om === undefined) continue;
      const step = first(om.children.stepOverride);
      if (step !== undefined) {
        const sIds = step.children.Identifier ?? [];
        const owner = this.ident(sIds[0]);
        const label = this.ident(sIds[1]);
        const stmt = this.statement(first(step.children.statement)) ?? this.errorStmt(this.node(step));
        if (stmt.kind === 'VarDecl') {
          this.report('CS1012', stmt.span, { found: '`var`' });
          members.push({ kind: 'StepOverride', id: this.id(), span: this.node(step), owner, label, stmt: this.errorStmt(stmt.span) });
          continue;
        }
        if (stmt.label !== undefined) this.report('CS1035', stmt.label.span, { owner: owner.name, label: label.name });
        members.push({ kind: 'StepOverride', id: this.id(), span: this.node(om), owner, label, stmt });
        continue;
      }
      const decl = first(om.children.procedureDecl) !== undefined
        ? this.procedureDecl(first(om.children.procedureDecl)!)
        : first(om.children.macroDecl) !== undefined
          ? this.macroDecl(first(om.children.macroDecl)!)
          : first(om.children.defDecl) !== undefined
            ? this.defDecl(first(om.children.defDecl)!)
            : first(om.children.processDecl) !== undefined
              ? this.processDecl(first(om.children.processDecl)!)
              : undefined;
      if (decl !== undefined) members.push({ kind: 'DeclOverride', id: this.id(), span: this.node(om), decl });
    }
    return { kind: 'VariantDecl', id: this.id(), span: this.node(cst), name, extends: ext, members };
  }

  private expectDecl(cst: C.ExpectDeclCstNode): A.ExpectDecl {
    const n = cst.children;
    const tagTok = first(n.StringLiteral);
    const tag = tagTok === undefined ? undefined : this.stringValue(tagTok);
    const variant = this.ident(first(n.Identifier));
    const params: A.ParamAssign[] = (n.paramAssign ?? []).map((p) => ({
      kind: 'ParamAssign', id: this.id(), span: this.node(p), name: this.ident(first(p.children.Identifier)), value: this.expr(first(p.children.expression)),
    }));
    const v = first(n.verdict)?.children;
    let verdict: A.Verdict;
    if (first(v?.KwViolates) !== undefined) verdict = { kind: 'violates', property: this.ident(first(v?.Identifier)) };
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
              kind: 'ParamAssign', id: this.id(), span: this.node(p), name: this.ident(first(p.children.Identifier)), value: this.expr(first(p.children.expression)),
            })),
          };
    return { kind: 'ExpectDecl', id: this.id(), span: this.node(cst), tag, variant, params, verdict, search };
  }

  // --- types -------------------------------------------------------------------------------

  typeExpr(cst: C.TypeExprCstNode | undefined): A.TypeExpr {
    if (cst === undefined) return { kind: 'ErrorType', id: this.id(), span: this.here() };
    const c = cst.children;
    let inner: A.TypeExpr;
    const rec = first(c.recordType);
    const frame = first(c.frameType);
    const gen = first(c.genericType);
    const rn = first(c.rangeOrNamedType);
    if (rec !== undefined) {
      const fields: A.RecordTypeField[] = (rec.children.recordTypeField ?? []).map((f) => ({
        kind: 'RecordTypeField', id: this.id(), span: this.node(f), name: this.ident(first(f.children.Identifier)), type: this.typeExpr(first(f.children.typeExpr)),
      }));
      inner = { kind: 'RecordType', id: this.id(), span: this.node(rec), fields };
    } else if (frame !== undefined) {
      inner = { kind: 'FrameType', id: this.id(), span: this.node(frame), procedure: this.ident(first(frame.children.Identifier)) };
    } else if (gen !== undefined) {
      inner = this.genericType(gen);
    } else if (rn !== undefined) {
      inner = this.rangeOrNamed(rn);
    } else {
      inner = { kind: 'ErrorType', id: this.id(), span: this.node(cst) };
    }
    if (first(c.Question) !== undefined) return { kind: 'OptionalType', id: this.id(), span: this.node(cst), inner };
    return inner;
  }

  private genericType(cst: C.GenericTypeCstNode): A.TypeExpr {
    const nameTok = first(cst.children.Identifier);
    const name = isReal(nameTok) ? nameTok.image : '';
    const span = this.node(cst);
    const args = (cst.children.typeExpr ?? []).map((t) => this.typeExpr(t));
    const arity = name === 'map' ? 2 : name === 'set' || name === 'seq' ? 1 : undefined;
    // Any other name is a generic alias (`Pair<A, B>`); the checker knows its arity.
    if (arity === undefined) return { kind: 'NamedType', id: this.id(), span, name: this.ident(nameTok), args };
    if (args.length !== arity) {
      this.report('CS1017', span, { name: '`' + name + '`', expected: arity === 1 ? 'one type argument' : 'two type arguments', found: String(args.length) });
      return { kind: 'ErrorType', id: this.id(), span };
    }
    if (name === 'map') return { kind: 'MapType', id: this.id(), span, key: args[0]!, value: args[1]! };
    return { kind: name === 'set' ? 'SetType' : 'SeqType', id: this.id(), span, element: args[0]! };
  }

  private rangeOrNamed(cst: C.RangeOrNamedTypeCstNode): A.TypeExpr {
    const span = this.node(cst);
    const e = this.opExpr(first(cst.children.opExpr));
    if (e.kind === 'BinaryExpr' && e.op === '..') return { kind: 'RangeType', id: this.id(), span, lo: e.left, hi: e.right };
    if (e.kind === 'NameExpr') return { kind: 'NamedType', id: this.id(), span, name: e.name };
    if (e.kind !== 'ErrorExpr') this.report('CS1014', e.span, { found: describeToken(firstToken(cst)) });
    return { kind: 'ErrorType', id: this.id(), span };
  }

  // --- statements --------------------------------------------------------------------------

  block(cst: C.BlockCstNode | undefined, ctx: BlockContext): A.Block {
    const span = this.node(cst);
    const stmts: A.Stmt[] = [];
    for (const s of cst?.children.statement ?? []) {
      const built = this.statement(s);
      if (built === undefined) continue;
      if (built.kind === 'VarDecl') {
        if (ctx.locals !== undefined) ctx.locals.push(built);
        else this.report('CS1024', built.span);
        continue;
      }
      stmts.push(built);
    }
    return { kind: 'Block', id: this.id(), span, stmts };
  }

  private errorStmt(span: Span): A.ErrorStmt {
    return { kind: 'ErrorStmt', id: this.id(), span, label: undefined, kernel: undefined };
  }

  statement(cst: C.StatementCstNode | undefined): A.Stmt | A.VarDecl | undefined {
    if (cst === undefined) return undefined;
    const c = cst.children;
    if (first(c.Semicolon) !== undefined) return undefined;
    const vd = first(c.varDecl);
    if (vd !== undefined) {
      const prefix = first(c.label) ?? first(c.kernelRef);
      if (prefix !== undefined) this.report('CS1039', this.node(prefix));
      const scope = first(vd.children.KwShared) !== undefined ? '`shared`' : first(vd.children.KwThread) !== undefined ? '`thread`' : undefined;
      if (scope !== undefined) this.report('CS1026', this.node(vd), { scope });
      else if (first(vd.children.KwFresh) !== undefined) this.report('CS1040', this.tok(first(vd.children.KwFresh)));
      return this.varDecl(vd, 'frame');
    }
    const kernels = (c.kernelRef ?? []).map((k) => this.kernelRef(k));
    if (kernels.length > 1) this.report('CS1030', kernels[1]!.span, { what: '`@kernel`' });
    const labels = (c.label ?? []).map((l) => this.ident(first(l.children.Identifier)));
    if (labels.length > 1) this.report('CS1030', labels[1]!.span, { what: 'the label' });
    const label = labels[0];
    const kernel = kernels[0];
    const core = first(c.stmtCore);
    const fault = first(c.faultSuffix);
    const startSpan = label?.span;
    if (fault === undefined) return this.stmtCore(core, label, kernel, startSpan);
    const body = this.stmtCore(core, undefined, undefined, undefined);
    if (!SIMPLE_STMTS.has(body.kind)) this.report('CS1021', body.span, { stmt: COMPOUND_WORD[body.kind] ?? 'this statement' });
    const whenCst = first(fault.children.expression);
    const when = whenCst === undefined ? undefined : this.expr(whenCst);
    const handler = this.block(first(fault.children.block), NESTED);
    const span = joinSpans(startSpan ?? body.span, this.node(fault));
    return { kind: 'FaultStmt', id: this.id(), span, label, kernel, body, when, handler };
  }

  private kernelRef(cst: C.KernelRefCstNode): A.KernelRef {
    const span = this.node(cst);
    const nameTok = first(cst.children.Identifier);
    if (isReal(nameTok) && nameTok.image !== 'kernel') this.report('CS1028', this.tok(nameTok), { name: nameTok.image });
    const strs = (cst.children.StringLiteral ?? []).map((t) => this.stringValue(t));
    if (strs.length < 1 || strs.length > 3) this.report('CS1029', span, { count: strs.length });
    return { kind: 'KernelRef', id: this.id(), span, file: strs[0] ?? '', func: strs[1], commit: strs[2] };
  }

  private stmtCore(cst: C.StmtCoreCstNode | undefined, label: A.Ident | undefined, kernel: A.KernelRef | undefined, labelSpan: Span | undefined): A.Stmt {
    const own = this.node(cst);
    const span = labelSpan !== undefined ? joinSpans(labelSpan, own) : own;
    const base = { label, kernel };
    if (cst === undefined) return { kind: 'ErrorStmt', id: this.id(), span, ...base };
    const c = cst.children;
    if (first(c.simpleStmt) !== undefined) return this.simpleStmt(first(c.simpleStmt)!, span, base);
    if (first(c.KwAwait) !== undefined) return { kind: 'AwaitStmt', id: this.id(), span, ...base, cond: this.expr(first(c.expression)) };
    if (first(c.assertStmt) !== undefined) {
      const a = first(c.assertStmt)!.children;
      const msg = first(a.StringLiteral);
      return { kind: 'AssertStmt', id: this.id(), span, ...base, cond: this.expr(first(a.expression)), message: msg === undefined ? undefined : this.stringValue(msg) };
    }
    if (first(c.KwSkip) !== undefined) return { kind: 'SkipStmt', id: this.id(), span, ...base };
    if (first(c.ifStmt) !== undefined) return this.ifStmt(first(c.ifStmt)!, span, base);
    if (first(c.whileStmt) !== undefined) {
      const w = first(c.whileStmt)!.children;
      return { kind: 'WhileStmt', id: this.id(), span, ...base, cond: this.expr(first(w.expression)), body: this.block(first(w.block), NESTED) };
    }
    if (first(c.forStmt) !== undefined) {
      const f = first(c.forStmt)!.children;
      const binder = this.ident(first(f.Identifier));
      const mode = first(first(f.forMode)?.children.KwLive) !== undefined ? 'live' : 'snapshot';
      return { kind: 'ForStmt', id: this.id(), span, ...base, binder, mode, set: this.expr(first(f.expression)), body: this.block(first(f.block), NESTED) };
    }
    if (first(c.eitherStmt) !== undefined) {
      const branches = (first(c.eitherStmt)!.children.block ?? []).map((b) => this.block(b, NESTED));
      return { kind: 'EitherStmt', id: this.id(), span, ...base, branches };
    }
    if (first(c.KwAtomic) !== undefined) return { kind: 'AtomicStmt', id: this.id(), span, ...base, body: this.block(first(c.block), NESTED) };
    if (first(c.returnStmt) !== undefined) {
      const v = first(first(c.returnStmt)!.children.expression);
      return { kind: 'ReturnStmt', id: this.id(), span, ...base, value: v === undefined ? undefined : this.expr(v) };
    }
    if (first(c.KwClone) !== undefined) return { kind: 'CloneStmt', id: this.id(), span, ...base, target: undefined, group: this.ident(first(c.Identifier)) };
    if (first(c.KwExit) !== undefined) return { kind: 'ExitStmt', id: this.id(), span, ...base };
    if (first(c.KwBreak) !== undefined) return { kind: 'BreakStmt', id: this.id(), span, ...base };
    if (first(c.KwContinue) !== undefined) return { kind: 'ContinueStmt', id: this.id(), span, ...base };
    return { kind: 'ErrorStmt', id: this.id(), span, ...base };
  }

  private simpleStmt(cst: C.SimpleStmtCstNode, span: Span, base: { label: A.Ident | undefined; kernel: A.KernelRef | undefined }): A.Stmt {
    const c = cst.children;
    const lhs = this.postfixChain(this.nameOrCall(first(c.Identifier), first(c.callArgs)), c.postfixOp);
    const rhs = first(c.assignRhs);
    if (first(c.Assign) === undefined || rhs === undefined) {
      if (lhs.kind === 'CallExpr') return { kind: 'CallStmt', id: this.id(), span, ...base, target: undefined, callee: lhs.callee, args: lhs.args };
      if (lhs.kind !== 'ErrorExpr') this.report('CS1023', lhs.span);
      return { kind: 'ErrorStmt', id: this.id(), span, ...base };
    }
    const assignable = lhs.kind === 'NameExpr' || lhs.kind === 'IndexExpr' || lhs.kind === 'FieldExpr' || lhs.kind === 'ArrowExpr';
    if (!assignable && lhs.kind !== 'ErrorExpr') this.report('CS1022', lhs.span);
    const r = rhs.children;
    if (first(r.KwAny) !== undefined) {
      const exprs = r.expression ?? [];
      const chosen = this.expr(exprs[0]);
      const where = exprs[1] === undefined ? undefined : this.expr(exprs[1]);
      if (chosen.kind === 'BinaryExpr' && chosen.op === 'in' && chosen.left.kind === 'NameExpr') {
        return { kind: 'AnyAssignStmt', id: this.id(), span, ...base, target: lhs, binder: chosen.left.name, set: chosen.right, where };
      }
      if (where !== undefined) this.report('CS1002', chosen.span, { expected: '`v in S` before `where`', found: describeToken(firstToken(exprs[0])) });
      return { kind: 'AnyAssignStmt', id: this.id(), span, ...base, target: lhs, binder: undefined, set: chosen, where };
    }
    if (first(r.KwClone) !== undefined) return { kind: 'CloneStmt', id: this.id(), span, ...base, target: lhs, group: this.ident(first(r.Identifier)) };
    const value = this.expr(first(r.expression));
    if (value.kind === 'CallExpr') return { kind: 'CallStmt', id: this.id(), span, ...base, target: lhs, callee: value.callee, args: value.args };
    return { kind: 'AssignStmt', id: this.id(), span, ...base, target: lhs, value };
  }

  private ifStmt(cst: C.IfStmtCstNode, span: Span, base: { label: A.Ident | undefined; kernel: A.KernelRef | undefined }): A.IfStmt {
    const c = cst.children;
    const conds = c.expression ?? [];
    const blocks = c.block ?? [];
    const ifs = c.KwIf ?? [];
    const n = Math.max(1, Math.min(conds.length, blocks.length));
    const builtConds = conds.slice(0, n).map((e) => this.expr(e));
    while (builtConds.length < n) builtConds.push({ kind: 'ErrorExpr', id: this.id(), span: this.here() });
    const builtBlocks = blocks.slice(0, n).map((b) => this.block(b, NESTED));
    while (builtBlocks.length < n) builtBlocks.push({ kind: 'Block', id: this.id(), span: this.here(), stmts: [] });
    let tail: A.Block | A.IfStmt | undefined = blocks.length > n ? this.block(blocks[n], NESTED) : undefined;
    // Fold the `else if` chain from its end, so a long chain needs no recursion.
    for (let i = n - 1; i >= 1; i--) {
      const start = this.tok(ifs[i]);
      const end: Span = tail?.span ?? builtBlocks[i]!.span;
      tail = { kind: 'IfStmt', id: this.id(), span: joinSpans(start, end), label: undefined, kernel: undefined, cond: builtConds[i]!, then: builtBlocks[i]!, else: tail };
    }
    return { kind: 'IfStmt', id: this.id(), span, ...base, cond: builtConds[0]!, then: builtBlocks[0]!, else: tail };
  }

  // --- expressions -------------------------------------------------------------------------

  private errorExpr(span?: Span): A.ErrorExpr {
    return { kind: 'ErrorExpr', id: this.id(), span: span ?? this.here() };
  }

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
    return { kind: 'BinaryExpr', id: this.id(), span: joinSpans(left.span, right.span), op, left, right };
  }

  expr(cst: C.ExpressionCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const c = cst.children;
    const operands = (c.opExpr ?? []).map((e) => this.opExpr(e));
    const middles = (c.expression ?? []).map((e) => this.expr(e));
    if (operands.length === 0) return this.errorExpr(this.node(cst));
    // `a ? b : c ? d : e` is `a ? b : (c ? d : e)`: fold from the right.
    const n = Math.min(operands.length - 1, middles.length);
    let acc = operands[n]!;
    for (let i = n - 1; i >= 0; i--) {
      acc = { kind: 'CondExpr', id: this.id(), span: joinSpans(operands[i]!.span, acc.span), cond: operands[i]!, then: middles[i]!, else: acc };
    }
    return acc;
  }

  /**
   * Operator precedence over the flat operand/operator list (shunting-yard): prefix `!`/`not`
   * bind looser than comparisons, prefix `-` tighter than `*`; `=>` associates to the right.
   */
  opExpr(cst: C.OpExprCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const operandCsts = cst.children.operand ?? [];
    const opCsts = cst.children.binaryOp ?? [];
    if (operandCsts.length === 0) return this.errorExpr(this.node(cst));
    type Pending =
      | { readonly prefix: true; readonly op: '!' | '-'; readonly precedence: number; readonly span: Span }
      | { readonly prefix: false; readonly op: A.BinaryOp; readonly precedence: number; readonly right: boolean };
    const out: A.Expr[] = [];
    const ops: Pending[] = [];
    const reduce = (): void => {
      const top = ops.pop()!;
      if (top.prefix) {
        const operand = out.pop() ?? this.errorExpr();
        out.push({ kind: 'UnaryExpr', id: this.id(), span: joinSpans(top.span, operand.span), op: top.op, operand });
      } else {
        const right = out.pop() ?? this.errorExpr();
        const left = out.pop() ?? this.errorExpr();
        out.push(this.binary(top.op, left, right));
      }
    };
    operandCsts.forEach((operandCst, i) => {
      const oc = operandCst.children;
      for (const t of inOrder(oc.Bang, oc.KwNot, oc.Minus)) {
        const negate = t.image === '-';
        ops.push({ prefix: true, op: negate ? '-' : '!', precedence: negate ? PRECEDENCE.negate : PRECEDENCE.not, span: this.tok(t) });
      }
      out.push(this.postfixExpr(first(oc.postfixExpr)));
      const opCst = opCsts[i];
      if (opCst === undefined) return;
      const tok = Object.values(opCst.children).flat()[0] as IToken | undefined;
      const info = tok === undefined ? undefined : BINARY_PRECEDENCE.get(tok.tokenType);
      if (info === undefined) return;
      while (ops.length > 0) {
        const top = ops[ops.length - 1]!;
        if (top.precedence > info.precedence || (top.precedence === info.precedence && !info.right)) reduce();
        else break;
      }
      ops.push({ prefix: false, op: info.op, precedence: info.precedence, right: info.right });
    });
    while (ops.length > 0) reduce();
    return out[out.length - 1] ?? this.errorExpr(this.node(cst));
  }

  private postfixExpr(cst: C.PostfixExprCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    return this.postfixChain(this.primary(first(cst.children.primary)), cst.children.postfixOp);
  }

  private postfixChain(baseExpr: A.Expr, ops: readonly C.PostfixOpCstNode[] | undefined): A.Expr {
    let acc = baseExpr;
    for (const op of ops ?? []) {
      const c = op.children;
      const span = joinSpans(acc.span, this.node(op));
      if (first(c.LBracket) !== undefined) acc = { kind: 'IndexExpr', id: this.id(), span, base: acc, index: this.expr(first(c.expression)) };
      else if (first(c.Dot) !== undefined) acc = { kind: 'FieldExpr', id: this.id(), span, base: acc, field: this.ident(first(c.Identifier)) };
      else if (first(c.Arrow) !== undefined) acc = { kind: 'ArrowExpr', id: this.id(), span, base: acc, field: this.ident(first(c.Identifier)) };
      else if (first(c.Prime) !== undefined) acc = { kind: 'PrimedExpr', id: this.id(), span, base: acc };
      else if (first(c.KwWith) !== undefined) acc = this.withTail(acc, first(c.withTail), span);
    }
    return acc;
  }

  private withTail(base: A.Expr, cst: C.WithTailCstNode | undefined, span: Span): A.Expr {
    const c = cst?.children;
    if (c !== undefined && first(c.LCurly) !== undefined) {
      return { kind: 'RecordUpdate', id: this.id(), span, base, fields: (c.fieldInit ?? []).map((f) => this.fieldInit(f)) };
    }
    return { kind: 'MapUpdate', id: this.id(), span, base, key: this.expr(first(c?.expression)), value: this.opExpr(first(c?.opExpr)) };
  }

  private fieldInit(cst: C.FieldInitCstNode): A.RecordFieldInit {
    return { kind: 'RecordFieldInit', id: this.id(), span: this.node(cst), name: this.ident(first(cst.children.Identifier)), value: this.expr(first(cst.children.expression)) };
  }

  private nameOrCall(tok: IToken | undefined, args: C.CallArgsCstNode | undefined): A.Expr {
    const name = this.ident(tok);
    if (args === undefined) return { kind: 'NameExpr', id: this.id(), span: name.span, name };
    const built = (args.children.expression ?? []).map((e) => this.expr(e));
    return { kind: 'CallExpr', id: this.id(), span: joinSpans(name.span, this.node(args)), callee: name, args: built };
  }

  private primary(cst: C.PrimaryCstNode | undefined): A.Expr {
    if (cst === undefined) return this.errorExpr();
    const c = cst.children;
    const span = this.node(cst);
    const int = first(c.IntegerLiteral);
    if (int !== undefined) return { kind: 'IntLit', id: this.id(), span: this.tok(int), value: this.intValue(int) };
    const str = first(c.StringLiteral);
    if (str !== undefined) return { kind: 'StringLit', id: this.id(), span: this.tok(str), value: this.stringValue(str) };
    if (first(c.KwTrue) !== undefined) return { kind: 'BoolLit', id: this.id(), span: this.tok(first(c.KwTrue)), value: true };
    if (first(c.KwFalse) !== undefined) return { kind: 'BoolLit', id: this.id(), span: this.tok(first(c.KwFalse)), value: false };
    if (first(c.KwNone) !== undefined) return { kind: 'NoneLit', id: this.id(), span: this.tok(first(c.KwNone)) };
    if (first(c.KwSelf) !== undefined) return { kind: 'SelfExpr', id: this.id(), span: this.tok(first(c.KwSelf)) };
    if (first(c.KwFrame) !== undefined) return { kind: 'FrameExpr', id: this.id(), span: this.tok(first(c.KwFrame)) };
    const any = first(c.KwAny);
    if (any !== undefined) {
      // A choice is a statement of its own; read as an error once here, not cascading through the line.
      this.report('CS1041', this.tok(any));
      return this.errorExpr(span);
    }
    if (first(c.Identifier) !== undefined) return this.nameOrCall(first(c.Identifier), first(c.callArgs));
    if (first(c.LParen) !== undefined) {
      this.tok(first(c.LParen));
      return { kind: 'ParenExpr', id: this.id(), span, inner: this.expr(first(c.expression)) };
    }
    if (first(c.braceExpr) !== undefined) return this.braceExpr(first(c.braceExpr)!);
    const mc = first(c.mapComp);
    if (mc !== undefined) {
      const m = mc.children;
      const exprs = m.expression ?? [];
      return { kind: 'MapComp', id: this.id(), span, binder: this.ident(first(m.Identifier)), set: this.expr(exprs[0]), value: this.expr(exprs[1]) };
    }
    const sq = first(c.seqLit);
    if (sq !== undefined) return { kind: 'SeqLit', id: this.id(), span, elements: (sq.children.expression ?? []).map((e) => this.expr(e)) };
    const q = first(c.quantExpr);
    if (q !== undefined) {
      const qc = q.children;
      const quantifier = first(qc.KwExists) !== undefined ? 'exists' : 'forall';
      const binders = (qc.Identifier ?? []).map((t) => this.ident(t));
      return { kind: 'QuantExpr', id: this.id(), span, quantifier, binders, set: this.opExpr(first(qc.opExpr)), body: this.expr(first(qc.expression)) };
    }
    return this.errorExpr(span);
  }

  private braceExpr(cst: C.BraceExprCstNode): A.Expr {
    const c = cst.children;
    const span = this.node(cst);
    const exprCsts = c.expression ?? [];
    if (first(c.Bar) !== undefined) {
      const head = this.expr(exprCsts[0]);
      const pred = this.expr(exprCsts[1]);
      if (head.kind === 'BinaryExpr' && head.op === 'in' && head.left.kind === 'NameExpr') {
        return { kind: 'SetFilter', id: this.id(), span, binder: head.left.name, set: head.right, pred };
      }
      this.report('CS1019', head.span);
      return this.errorExpr(span);
    }
    if (first(c.Colon) !== undefined) {
      // Keys and values alternate: k1 v1 k2 v2 ... A bare name before the first `:` makes a
      // record; anything else is a set map `{ e : v in S }`.
      const built = exprCsts.map((e) => this.expr(e));
      const key = built[0]!;
      if (key.kind === 'NameExpr') {
        const fields: A.RecordFieldInit[] = [];
        for (let i = 0; i + 1 < built.length; i += 2) {
          const k = built[i]!;
          const v = built[i + 1]!;
          if (k.kind !== 'NameExpr') {
            this.report('CS1018', k.span);
            continue;
          }
          fields.push({ kind: 'RecordFieldInit', id: this.id(), span: joinSpans(k.span, v.span), name: k.name, value: v });
        }
        return { kind: 'RecordLit', id: this.id(), span, fields };
      }
      const binding = built[1];
      if (built.length === 2 && binding !== undefined && binding.kind === 'BinaryExpr' && binding.op === 'in' && binding.left.kind === 'NameExpr') {
        return { kind: 'SetMap', id: this.id(), span, expr: key, binder: binding.left.name, set: binding.right };
      }
      this.report('CS1020', binding?.span ?? span);
      return this.errorExpr(span);
    }
    return { kind: 'SetLit', id: this.id(), span, elements: exprCsts.map((e) => this.expr(e)) };
  }

  // --- literals ----------------------------------------------------------------------------

  private intValue(tok: IToken): number {
    const img = tok.image;
    const value = /^0[xX]/.test(img) ? parseInt(img.slice(2), 16) : parseInt(img, 10);
    if (!Number.isSafeInteger(value)) {
      this.report('CS1015', this.tok(tok), { text: img.length > 24 ? img.slice(0, 20) + '...' : img });
      return 0;
    }
    return value;
  }

  /** The value of a string token; escapes were checked by the lexer. */
  stringValue(tok: IToken): string {
    const img = tok.image;
    const closed = img.length >= 2 && img.endsWith('"') && !(tok as { unterminated?: boolean }).unterminated;
    const body = img.slice(1, closed ? -1 : undefined);
    return body.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch));
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

/** The first real token under a CST node, in source order. */
function firstToken(node: CstNode | undefined): IToken | undefined {
  if (node === undefined) return undefined;
  let best: IToken | undefined;
  const stack: CstNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const arr of Object.values(n.children)) {
      for (const el of arr) {
        if ('children' in el) stack.push(el);
        else if (isReal(el) && (best === undefined || el.startOffset < best.startOffset)) best = el;
      }
    }
  }
  return best;
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
  const ast: A.SpecFile = { kind: 'SpecFile', id: b.id(), span: lines.span(file, 0, lines.text.length), name, imports: [], decls: [] };
  return { ast, diagnostics: [], nextId: b.next };
}
