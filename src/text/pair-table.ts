/**
 * A hash table keyed by pairs of non-negative int32s, with two int32 values per key, in one flat
 * typed array (open addressing, linear probing). Counting the adjacent word pairs of 200,000
 * abstracts in nested Maps took most of the tokenising time and several hundred bytes per pair;
 * here a pair costs 16 bytes and one multiply-and-shift hash. A slot's key and values sit side by
 * side (a, b, first, second), so a lookup and its values take one cache line: with keys and values
 * in four arrays, a table of millions of pairs missed the cache up to four times per lookup.
 */
export class PairTable {
  private capacity: number;
  /** Slot s is cells[4s .. 4s + 4): a (-1 when empty), b, first, second. */
  private cells: Int32Array;
  size = 0;

  constructor(expected = 1024) {
    this.capacity = 1 << Math.max(4, Math.ceil(Math.log2(expected * 2)));
    this.cells = emptyCells(this.capacity);
  }

  /** The slot of (a, b), or -1 when absent. */
  find(a: number, b: number): number {
    const mask = this.capacity - 1;
    const cells = this.cells;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const key = cells[slot * CELLS]!;
      if (key === -1) return -1;
      if (key === a && cells[slot * CELLS + 1] === b) return slot;
    }
  }

  /** The slot of (a, b), added with both values `initial` when absent. Slots change when the table grows. */
  insert(a: number, b: number, initial: number): number {
    if (this.size * 2 >= this.capacity) this.grow();
    const mask = this.capacity - 1;
    const cells = this.cells;
    for (let slot = hash(a, b) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * CELLS;
      const key = cells[at]!;
      if (key === a && cells[at + 1] === b) return slot;
      if (key === -1) {
        cells[at] = a;
        cells[at + 1] = b;
        cells[at + 2] = initial;
        cells[at + 3] = initial;
        this.size++;
        return slot;
      }
    }
  }

  /** The first value of the pair at `slot` (from `find` or `insert`, since the last insert). */
  firstAt(slot: number): number {
    return this.cells[slot * CELLS + 2]!;
  }

  setFirstAt(slot: number, value: number): void {
    this.cells[slot * CELLS + 2] = value;
  }

  /** The second value of the pair at `slot` (from `find` or `insert`, since the last insert). */
  secondAt(slot: number): number {
    return this.cells[slot * CELLS + 3]!;
  }

  setSecondAt(slot: number, value: number): void {
    this.cells[slot * CELLS + 3] = value;
  }

  /** Sets (a, b)'s first value, adding the pair if new. */
  setFirst(a: number, b: number, value: number): void {
    this.setFirstAt(this.insert(a, b, 0), value);
  }

  /** Adds one to (a, b)'s first value, starting from 0. */
  increment(a: number, b: number): void {
    const slot = this.insert(a, b, 0);
    this.setFirstAt(slot, this.firstAt(slot) + 1);
  }

  /** Calls `visit(a, b, first, second)` for every pair, in slot order (deterministic for the same inserts). */
  forEach(visit: (a: number, b: number, first: number, second: number) => void): void {
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += CELLS) {
      if (cells[at] !== -1) visit(cells[at]!, cells[at + 1]!, cells[at + 2]!, cells[at + 3]!);
    }
  }

  private grow(): void {
    const old = this.cells;
    this.capacity *= 2;
    this.cells = emptyCells(this.capacity);
    this.size = 0;
    for (let at = 0; at < old.length; at += CELLS) {
      if (old[at] === -1) continue;
      const to = this.insert(old[at]!, old[at + 1]!, 0) * CELLS;
      this.cells[to + 2] = old[at + 2]!;
      this.cells[to + 3] = old[at + 3]!;
    }
  }
}

/** Int32 cells per slot: the two keys and the two values. */
const CELLS = 4;

function emptyCells(capacity: number): Int32Array {
  const cells = new Int32Array(capacity * CELLS);
  for (let at = 0; at < cells.length; at += CELLS) cells[at] = -1;
  return cells;
}

function hash(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}
