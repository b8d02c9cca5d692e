// Takes the text TLC prints for a TLA+ value (in a trace state, an action's arguments, an
// error message) and returns it as a TlaValue. Pure: no files, no processes. It must not guess
// at types TLC did not print: a bare identifier is a model value, a quoted token a string.

import type { TlaValue } from '../result/tla-value.js';

/** The result of reading value text: the value, or where and why reading stopped. */
export type ValueTextResult =
  | { readonly ok: true; readonly value: TlaValue }
  | { readonly ok: false; readonly error: string; readonly offset: number };

/** Intervals such as `1..3` are expanded into sets up to this many elements. */
const MAX_INTERVAL = 100_000;

class ValueSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Reads one TLA+ value as TLC prints it: integers, strings, TRUE/FALSE, model values, sets
 * `{..}`, sequences and tuples `<<..>>` (arrays, also the empty function), records
 * `[a |-> 1]` (plain objects), functions `(k :> v @@ ..)` (`#map`), intervals `a..b`.
 * Whitespace and line breaks anywhere between tokens are allowed, since TLC wraps long values.
 */
export function parseTlaValueText(text: string): ValueTextResult {
  const reader = new ValueReader(text);
  try {
    const value = reader.value();
    reader.skipSpace();
    if (!reader.atEnd())
      throw new ValueSyntaxError(`unexpected text after the value: ${reader.rest(20)}`, reader.pos);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ValueSyntaxError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

/**
 * Reads a parenthesised, comma-separated list of values, as in an action label's arguments
 * `(t1, <<1, 2>>)`. The text must start with `(` and end with the matching `)`.
 */
export function parseTlaArgumentsText(
  text: string,
): { ok: true; values: TlaValue[] } | { ok: false; error: string; offset: number } {
  const reader = new ValueReader(text);
  try {
    reader.skipSpace();
    reader.expect('(');
    const values = reader.list(')');
    reader.skipSpace();
    if (!reader.atEnd())
      throw new ValueSyntaxError(
        `unexpected text after the arguments: ${reader.rest(20)}`,
        reader.pos,
      );
    return { ok: true, values };
  } catch (e) {
    if (e instanceof ValueSyntaxError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

class ValueReader {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(n: number): string {
    return JSON.stringify(this.text.slice(this.pos, this.pos + n));
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  lookingAt(s: string): boolean {
    this.skipSpace();
    return this.text.startsWith(s, this.pos);
  }

  expect(s: string): void {
    if (!this.lookingAt(s))
      throw new ValueSyntaxError(
        `expected "${s}" but found ${this.atEnd() ? 'the end' : this.rest(20)}`,
        this.pos,
      );
    this.pos += s.length;
  }

  /** Values separated by commas up to `close` (consumed); empty lists allowed. */
  list(close: string): TlaValue[] {
    const items: TlaValue[] = [];
    if (this.lookingAt(close)) {
      this.pos += close.length;
      return items;
    }
    for (;;) {
      items.push(this.value());
      if (this.lookingAt(',')) {
        this.pos++;
        continue;
      }
      this.expect(close);
      return items;
    }
  }

  value(): TlaValue {
    this.skipSpace();
    const start = this.pos;
    if (this.atEnd()) throw new ValueSyntaxError('expected a value but the text ended', start);
    const c = this.text.charAt(this.pos);
    if (this.text.startsWith('<<', this.pos)) {
      this.pos += 2;
      return this.list('>>');
    }
    if (c === '{') {
      this.pos++;
      return { '#set': this.list('}') };
    }
    if (c === '[') return this.record();
    if (c === '(') return this.fn();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.numberOrInterval();
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (ident) {
      this.pos += ident[0].length;
      if (ident[0] === 'TRUE') return true;
      if (ident[0] === 'FALSE') return false;
      return { '#mv': ident[0] };
    }
    throw new ValueSyntaxError(`cannot read a value at ${this.rest(20)}`, start);
  }

  private record(): TlaValue {
    this.expect('[');
    const fields: Record<string, TlaValue> = {};
    if (this.lookingAt(']')) {
      this.pos++;
      return fields;
    }
    for (;;) {
      this.skipSpace();
      const name = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.pos));
      if (!name)
        throw new ValueSyntaxError(`expected a record field name at ${this.rest(20)}`, this.pos);
      this.pos += name[0].length;
      this.expect('|->');
      fields[name[0]] = this.value();
      if (this.lookingAt(',')) {
        this.pos++;
        continue;
      }
      this.expect(']');
      return fields;
    }
  }

  /** `(k :> v @@ k2 :> v2)`; TLC prints `( k :> v @@` with a space when it wraps the value. */
  private fn(): TlaValue {
    this.expect('(');
    const pairs: (readonly [TlaValue, TlaValue])[] = [];
    for (;;) {
      const key = this.value();
      this.expect(':>');
      const val = this.value();
      pairs.push([key, val]);
      if (this.lookingAt('@@')) {
        this.pos += 2;
        continue;
      }
      this.expect(')');
      return { '#map': pairs };
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = this.text[this.pos + 1];
        const escaped: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          f: '\f',
          '"': '"',
          '\\': '\\',
        };
        if (n !== undefined && n in escaped) {
          out += escaped[n];
          this.pos += 2;
          continue;
        }
      }
      out += c;
      this.pos++;
    }
    throw new ValueSyntaxError('a string is not closed', start);
  }

  private integer(): TlaValue {
    const m = /^-?[0-9]+/.exec(this.text.slice(this.pos));
    if (!m) throw new ValueSyntaxError(`expected a number at ${this.rest(20)}`, this.pos);
    this.pos += m[0].length;
    const n = Number(m[0]);
    return Number.isSafeInteger(n) ? n : { '#bigint': BigInt(m[0]).toString() };
  }

  private numberOrInterval(): TlaValue {
    const start = this.pos;
    const low = this.integer();
    if (!this.text.startsWith('..', this.pos)) return low;
    this.pos += 2;
    const high = this.integer();
    if (typeof low !== 'number' || typeof high !== 'number' || high - low >= MAX_INTERVAL) {
      throw new ValueSyntaxError('an interval too large to list', start);
    }
    const items: number[] = [];
    for (let i = low; i <= high; i++) items.push(i);
    return { '#set': items };
  }
}
