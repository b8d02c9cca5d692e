// The breadth-first queue as fixed-width records in one growable Int32Array: `push` reserves a
// record at the tail, `shift` hands out the head's. Space freed at the head is reused by moving
// the live records down before the array would grow, so the array holds about the frontier.

/** A FIFO of `width`-word records. */
export class PackedQueue {
  words: Int32Array;
  /** Record positions (in records, not words) of the head and the tail. */
  private head = 0;
  private tail = 0;

  constructor(
    readonly width: number,
    initialRecords = 1 << 10,
  ) {
    this.words = new Int32Array(Math.max(1, width) * initialRecords);
  }

  /** Records queued. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Reserves a record at the tail; returns its first word's index in `words` (valid until the next push). */
  push(): number {
    const w = this.width;
    if ((this.tail + 1) * w > this.words.length) {
      if (this.head * 2 >= this.tail) {
        this.words.copyWithin(0, this.head * w, this.tail * w);
      } else {
        const grown = new Int32Array(this.words.length * 2);
        grown.set(this.words.subarray(this.head * w, this.tail * w));
        this.words = grown;
      }
      this.tail -= this.head;
      this.head = 0;
    }
    return this.tail++ * w;
  }

  /** Drops the record pushed last. */
  pop(): void {
    if (this.tail === this.head) throw new Error('internal error: pop from an empty queue');
    this.tail--;
  }

  /** Removes the head record; returns its first word's index in `words` (valid until the next push). */
  shift(): number {
    if (this.tail === this.head) throw new Error('internal error: shift from an empty queue');
    return this.head++ * this.width;
  }

  /** The first word's index of the k-th queued record (0 = head). */
  at(k: number): number {
    return (this.head + k) * this.width;
  }
}
