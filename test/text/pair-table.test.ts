import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/text/pair-table.js';

describe('PairTable', () => {
  it('keeps every count and value while it grows', () => {
    const table = new PairTable(4); // grows many times below
    for (let a = 0; a < 300; a++) {
      for (let b = 0; b < 10; b++) {
        table.setFirst(a, b, a * 10 + b + 1000);
        table.increment(a + 1000, b);
        table.increment(a + 1000, b);
      }
    }
    expect(table.size).toBe(6000);
    for (let a = 0; a < 300; a += 37) {
      for (let b = 0; b < 10; b += 3) {
        expect(table.firstAt(table.find(a, b))).toBe(a * 10 + b + 1000);
        expect(table.firstAt(table.find(a + 1000, b))).toBe(2);
      }
    }
    expect(table.find(5000, 5000)).toBe(-1);
  });
});
