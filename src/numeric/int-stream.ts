/** A growable int32 buffer: token and term streams whose length is known only at the end. */
export class IntStream {
  private buffer: Int32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }

  /** A copy of the pushed values, exactly as long as they are. */
  toArray(): Int32Array {
    return this.buffer.slice(0, this.length);
  }
}
