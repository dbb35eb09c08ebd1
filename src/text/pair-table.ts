/**
 * A hash table keyed by pairs of non-negative int32s, with two int32 slots per key, in flat typed
 * arrays (open addressing, linear probing). Counting the adjacent word pairs of 200,000 abstracts
 * in nested Maps took most of the tokenising time and several hundred bytes per pair; here a pair
 * costs 16 bytes of slot and one multiply-and-shift hash.
 */
export class PairTable {
  private capacity: number;
  private keysA: Int32Array;
  private keysB: Int32Array;
  /**
   * Per-pair values, addressed by the slot `find`/`insert` return. An insert can replace these
   * arrays: read them after it, never in the same expression (or use setFirst/increment).
   */
  first: Int32Array;
  second: Int32Array;
  size = 0;

  constructor(expected = 1024) {
    this.capacity = 1 << Math.max(4, Math.ceil(Math.log2(expected * 2)));
    this.keysA = new Int32Array(this.capacity).fill(-1);
    this.keysB = new Int32Array(this.capacity);
    this.first = new Int32Array(this.capacity);
    this.second = new Int32Array(this.capacity);
  }

  /** The slot of (a, b), or -1 when absent. */
  find(a: number, b: number): number {
    const mask = this.capacity - 1;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const key = this.keysA[slot]!;
      if (key === -1) return -1;
      if (key === a && this.keysB[slot] === b) return slot;
    }
  }

  /** The slot of (a, b), added with both values `initial` when absent. */
  insert(a: number, b: number, initial: number): number {
    if (this.size * 2 >= this.capacity) this.grow();
    const mask = this.capacity - 1;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const key = this.keysA[slot]!;
      if (key === a && this.keysB[slot] === b) return slot;
      if (key === -1) {
        this.keysA[slot] = a;
        this.keysB[slot] = b;
        this.first[slot] = initial;
        this.second[slot] = initial;
        this.size++;
        return slot;
      }
    }
  }

  /** Sets (a, b)'s first value, adding the pair if new. */
  setFirst(a: number, b: number, value: number): void {
    // The slot first: inserting may grow the table and replace `first`.
    const slot = this.insert(a, b, 0);
    this.first[slot] = value;
  }

  /** Adds one to (a, b)'s first value, starting from 0. */
  increment(a: number, b: number): void {
    const slot = this.insert(a, b, 0);
    this.first[slot]!++;
  }

  /** Calls `visit(a, b, first, second)` for every pair, in slot order (deterministic for the same inserts). */
  forEach(visit: (a: number, b: number, first: number, second: number) => void): void {
    for (let slot = 0; slot < this.capacity; slot++) {
      if (this.keysA[slot] !== -1) visit(this.keysA[slot]!, this.keysB[slot]!, this.first[slot]!, this.second[slot]!);
    }
  }

  private grow(): void {
    const { keysA, keysB, first, second } = this;
    this.capacity *= 2;
    this.keysA = new Int32Array(this.capacity).fill(-1);
    this.keysB = new Int32Array(this.capacity);
    this.first = new Int32Array(this.capacity);
    this.second = new Int32Array(this.capacity);
    this.size = 0;
    for (let slot = 0; slot < keysA.length; slot++) {
      if (keysA[slot] === -1) continue;
      const to = this.insert(keysA[slot]!, keysB[slot]!, 0);
      this.first[to] = first[slot]!;
      this.second[to] = second[slot]!;
    }
  }
}

function hash(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}
