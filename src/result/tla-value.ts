// TLA+ values as JSON, the form both engines put into a CheckResult and the trace mapper reads.
// It follows ITF (Apalache/Quint) where ITF has a form, so exporting ITF is a relabelling:
//   boolean, number (a safe integer), {"#bigint": "123"}, string,
//   {"#mv": "t1"} a model value (ITF has none), array = a sequence (<<...>>),
//   {"#set": [...]} a set, {"#map": [[k, v], ...]} a function, plain object = a record.
// Sets list their elements in TLC's order of printing; nothing relies on that order.

export type TlaValue =
  | boolean
  | number
  | string
  | { readonly '#bigint': string }
  | { readonly '#mv': string }
  | { readonly '#set': readonly TlaValue[] }
  | { readonly '#map': readonly (readonly [TlaValue, TlaValue])[] }
  | readonly TlaValue[]
  | TlaRecordValue;

export interface TlaRecordValue {
  readonly [field: string]: TlaValue;
}

/** A state: each TLA+ variable of the module to its value. */
export type TlaState = Readonly<Record<string, TlaValue>>;
