// Takes the text of a TLC config and of its module and returns what distributed and replayed
// runs need to know about them: the CONSTANT sections as written, the invariants, which
// properties are action properties (`Name == [][A]_v`) and which are temporal, and the name
// of the next-state action. Pure; it must not run TLC or touch files.

import { at } from '../source/checked-index.js';

/** The keywords that open a section of a TLC config. */
export const CFG_KEYWORDS: ReadonlySet<string> = new Set([
  'CONSTANT',
  'CONSTANTS',
  'INIT',
  'NEXT',
  'SPECIFICATION',
  'INVARIANT',
  'INVARIANTS',
  'PROPERTY',
  'PROPERTIES',
  'CONSTRAINT',
  'CONSTRAINTS',
  'ACTION_CONSTRAINT',
  'ACTION_CONSTRAINTS',
  'SYMMETRY',
  'VIEW',
  'CHECK_DEADLOCK',
  'POSTCONDITION',
  'ALIAS',
]);

/** One section of a config: its keyword and the text after it up to the next keyword. */
export interface CfgSection {
  readonly keyword: string;
  readonly body: string;
}

function stripComments(text: string): string {
  return text.replace(/\(\*[\s\S]*?\*\)/g, ' ').replace(/\\\*.*$/gm, '');
}

/** Splits a config into its sections, in order. */
export function cfgSections(cfgText: string): CfgSection[] {
  const text = stripComments(cfgText);
  const out: { keyword: string; body: string }[] = [];
  const re = /(^|[\s])([A-Z_]+)(?=\s|$)/g;
  const marks: { keyword: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(re)) {
    const keyword = at(m, 2, 'a config keyword');
    if (!CFG_KEYWORDS.has(keyword)) continue;
    const start = m.index + at(m, 1, 'the space before a keyword').length;
    marks.push({ keyword, start, end: start + keyword.length });
  }
  marks.forEach((mk, i) =>
    out.push({
      keyword: mk.keyword,
      body: text
        .slice(
          mk.end,
          i + 1 < marks.length ? at(marks, i + 1, 'the next keyword').start : text.length,
        )
        .trim(),
    }),
  );
  return out;
}

function names(body: string): string[] {
  return body.split(/[\s,]+/).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w));
}

/** What the replay and the distributed run need from a config and its module. */
export interface ConfigFacts {
  /** The CONSTANT sections' bodies, as written (`Threads = {t1, t2}`). */
  readonly constants: readonly string[];
  /** Names assigned in the CONSTANT sections (constants of the module). */
  readonly constantNames: ReadonlySet<string>;
  readonly invariants: readonly string[];
  /** PROPERTY names whose definition is `[][A]_v`: TLC's distributed mode checks these. */
  readonly actionProperties: readonly string[];
  /** The other PROPERTY names (liveness and other temporal formulas): its distributed mode does not. */
  readonly temporalProperties: readonly string[];
  /** The next-state action: the config's NEXT, else the `[][N]_v` of its SPECIFICATION, else `Next`. */
  readonly next: string;
  /** The initial predicate: the config's INIT, else the first conjunct of its SPECIFICATION, else `Init`. */
  readonly init: string;
}

/** Reads the facts of a config and its module text. */
export function readConfigFacts(cfgText: string, moduleText: string): ConfigFacts {
  const sections = cfgSections(cfgText);
  const constants = sections.filter((s) => s.keyword.startsWith('CONSTANT')).map((s) => s.body);
  const constantNames = new Set<string>();
  for (const body of constants)
    for (const m of body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(?:=|<-)/g))
      constantNames.add(at(m, 1, 'a constant name'));
  const invariants = sections
    .filter((s) => s.keyword.startsWith('INVARIANT'))
    .flatMap((s) => names(s.body));
  const properties = sections
    .filter((s) => s.keyword.startsWith('PROPERTY') || s.keyword === 'PROPERTIES')
    .flatMap((s) => names(s.body));
  const module = stripComments(moduleText);
  const isAction = (name: string): boolean =>
    new RegExp(`^[ \\t]*${name}[ \\t]*==\\s*\\[\\]\\[`, 'm').test(module);
  let next = sections.find((s) => s.keyword === 'NEXT')?.body.split(/\s+/)[0];
  let init = sections.find((s) => s.keyword === 'INIT')?.body.split(/\s+/)[0];
  const spec = sections.find((s) => s.keyword === 'SPECIFICATION')?.body.split(/\s+/)[0];
  if (spec && (!next || !init)) {
    const def = new RegExp(
      `^[ \\t]*${spec}[ \\t]*==([\\s\\S]*?)(?=^[ \\t]*[A-Za-z_][A-Za-z0-9_]*(?:\\([^)]*\\))?[ \\t]*==|^====)`,
      'm',
    ).exec(module);
    if (def) {
      next ??= /\[\]\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*\]_/.exec(at(def, 1, 'the Spec body'))?.[1];
      init ??= /^\s*(?:\/\\\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\/\\|$)/.exec(
        at(def, 1, 'the Spec body'),
      )?.[1];
    }
  }
  return {
    constants,
    constantNames,
    invariants,
    actionProperties: properties.filter(isAction),
    temporalProperties: properties.filter((p) => !isAction(p)),
    next: next ?? 'Next',
    init: init ?? 'Init',
  };
}

/**
 * The config without the given PROPERTY names: what the distributed server gets when the
 * user accepts that its distributed mode checks safety only.
 */
export function withoutProperties(cfgText: string, drop: readonly string[]): string {
  if (drop.length === 0) return cfgText;
  const kept = cfgSections(cfgText).flatMap((s) => {
    if (s.keyword.startsWith('PROPERTY') || s.keyword === 'PROPERTIES') {
      const left = names(s.body).filter((n) => !drop.includes(n));
      return left.length === 0 ? [] : [`PROPERTIES\n    ${left.join('\n    ')}`];
    }
    return [
      `${s.keyword}${
        s.body === ''
          ? ''
          : `\n    ${s.body
              .split('\n')
              .map((l) => l.trim())
              .join('\n    ')}`
      }`,
    ];
  });
  return `${kept.join('\n\n')}\n`;
}
