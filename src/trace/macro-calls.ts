// Which of an atomic step's macro calls ran, and with what: the record the diagram views print
// as `task_work_add(caller2, frame, TWA_SIGNAL) -> OK`. A call ran when something it assigns,
// and nothing else in the step does, changed in the step (a call that leaves all that as it was
// cannot be told from one that did not run, so it is left out). Arguments the macro only reads get their value before the
// step when they name a variable of the state; the result, its value after.

import type { DslValue, MacroCallRecord } from '../result/result-file.js';
import type { SourceMapAction } from '../emit/source-map.js';

type DslState = Readonly<Record<string, DslValue>>;

/** The calls of `action` that ran from `before` to `after` by `thread`, changing `changed`. */
export function macroCalls(
  action: SourceMapAction | undefined,
  thread: string | null,
  before: DslState | null,
  after: DslState,
  changed: readonly string[],
): MacroCallRecord[] {
  if (action?.calls === undefined || before === null) return [];
  const key = (text: string, state: DslState): string | undefined => {
    const name = /^[A-Za-z_]\w*$/.test(text) ? text : undefined;
    if (name === undefined) return undefined;
    if (name in state) return name;
    return Object.keys(state).find(
      (k) => thread !== null && k.startsWith(`${thread}.`) && k.endsWith(`.${name}`),
    );
  };
  const changes = (text: string): boolean => {
    const base = /^[A-Za-z_]\w*/.exec(text)?.[0];
    if (base === undefined) return false;
    return changed.some(
      (k) =>
        k === base || (thread !== null && k.startsWith(`${thread}.`) && k.endsWith(`.${base}`)),
    );
  };
  return action.calls.flatMap((call) => {
    if (!call.marks.some((i) => changes(call.args[i] ?? ''))) return [];
    const args = call.args.flatMap((text, i) => {
      if (call.written.includes(i)) return [];
      if (text === 'self' && thread !== null) return [{ text, value: thread }];
      const k = key(text, before);
      const value = k === undefined ? undefined : before[k];
      return [value === undefined ? { text } : { text, value }];
    });
    const res = call.outcome === undefined ? undefined : key(call.args[call.outcome] ?? '', after);
    const outcome = res === undefined ? undefined : after[res];
    return [{ macro: call.macro, args, ...(outcome === undefined ? {} : { outcome }) }];
  });
}
