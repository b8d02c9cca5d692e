// States packed into 32-bit words for the breadth-first queue: the codec gives back equal values
// and gives equal codes exactly to equal values (with or without a parent's codes to reuse), the
// packed queue is a FIFO through growth and reuse of its head, and the fingerprint set finds
// exactly what was stored through its growth.

import fc from 'fast-check';
import { valueEquals, type Value } from '../../src/engine/values/values.js';
import { value } from '../support/value-arbitrary.js';
import { StateCodec } from '../../src/engine/search/state-codec.js';
import { PackedQueue } from '../../src/engine/search/packed-queue.js';
import { FingerprintSet } from '../../src/engine/search/fingerprint-set.js';

const WIDTH = 3;
const state = fc.array(value, { minLength: WIDTH, maxLength: WIDTH });

describe('state codec', () => {
  it('decodes every encoded state to an equal one, and codes are equal exactly when values are', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 12 }), (states) => {
        const codec = new StateCodec(WIDTH);
        const words = new Int32Array(states.length * WIDTH);
        states.forEach((s, k) => codec.encode(s, words, k * WIDTH));
        states.forEach((s, k) => {
          const back = codec.decode(words, k * WIDTH);
          for (let i = 0; i < WIDTH; i++) {
            expect(valueEquals(back[i] as Value, s[i] as Value)).toBe(true);
            for (let j = 0; j < states.length; j++) {
              const same = valueEquals(states[j]?.[i] as Value, s[i] as Value);
              expect(words[j * WIDTH + i] === words[k * WIDTH + i]).toBe(same);
            }
          }
        });
      }),
    );
  });

  it('gives a successor the same codes whether or not its parent codes are reused', () => {
    fc.assert(
      fc.property(state, value, fc.nat(WIDTH - 1), (parent, changed, at) => {
        const codec = new StateCodec(WIDTH);
        const parentCodes = new Int32Array(WIDTH);
        codec.encode(parent, parentCodes, 0);
        const next = parent.map((v, i) => (i === at ? changed : v));
        const viaParent = new Int32Array(WIDTH);
        codec.encode(next, viaParent, 0, parent, parentCodes);
        const alone = new Int32Array(WIDTH);
        codec.encode(next, alone, 0);
        expect([...viaParent]).toEqual([...alone]);
      }),
    );
  });
});

describe('packed queue', () => {
  it('hands out records first in, first out through growth and reuse of freed space', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { maxLength: 300 }), (ops) => {
        const q = new PackedQueue(2, 4);
        const model: number[] = [];
        let next = 0;
        for (const op of ops) {
          if (op === 0 && model.length > 0) {
            const at = q.shift();
            const expected = model.shift();
            expect([q.words[at], q.words[at + 1]]).toEqual([expected, (expected ?? 0) + 1000]);
          } else {
            const at = q.push();
            q.words[at] = next;
            q.words[at + 1] = next + 1000;
            model.push(next++);
          }
          expect(q.length).toBe(model.length);
        }
        model.forEach((x, k) => expect(q.words[q.at(k)]).toBe(x));
      }),
    );
  });
});

describe('fingerprint set', () => {
  it('finds every fingerprint stored, with its index, and nothing else, across growth', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer(), fc.integer()), {
          minLength: 1,
          maxLength: 200,
          selector: ([a, b]) => `${a},${b}`,
        }),
        (fps) => {
          const set = new FingerprintSet(16);
          const stored = fps.slice(0, Math.ceil(fps.length / 2));
          const absent = fps.slice(stored.length);
          stored.forEach(([h1, h2], i) => expect(set.lookupOrInsert(h1, h2, i)).toBe(-1));
          expect(set.size).toBe(stored.length);
          stored.forEach(([h1, h2], i) => {
            expect(set.lookup(h1, h2)).toBe(i);
            expect(set.lookupOrInsert(h1, h2, 999)).toBe(i);
          });
          for (const [h1, h2] of absent) expect(set.lookup(h1, h2)).toBe(-1);
        },
      ),
    );
  });
});
