import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/numeric/random.js';
import { sampleIndices, sampleRows } from '../../src/numeric/sample.js';

describe('sampleIndices', () => {
  it('gives the same sample for the same seed, and another for another seed', () => {
    expect(sampleIndices(1000, 50, createRandom(7))).toEqual(sampleIndices(1000, 50, createRandom(7)));
    expect(sampleIndices(1000, 50, createRandom(7))).not.toEqual(sampleIndices(1000, 50, createRandom(8)));
  });

  it('draws `size` distinct indices in [0, n), ascending', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer(), (n, size, seed) => {
        const sample = Array.from(sampleIndices(n, size, createRandom(seed)));
        expect(sample).toHaveLength(Math.min(n, size));
        expect(new Set(sample).size).toBe(sample.length);
        for (const i of sample) expect(i >= 0 && i < n).toBe(true);
        expect(sample).toEqual([...sample].sort((a, b) => a - b));
      }),
    );
  });

  it('takes exactly `size` draws, and none when it keeps every index', () => {
    let draws = 0;
    const random = createRandom(3);
    const counting = (): number => (draws++, random());
    sampleIndices(100, 10, counting);
    expect(draws).toBe(10);
    expect(Array.from(sampleIndices(4, 4, counting))).toEqual([0, 1, 2, 3]);
    expect(draws).toBe(10);
  });

  it('is the partial Fisher-Yates shuffle: with a generator stuck at 0 it keeps the first indices', () => {
    expect(Array.from(sampleIndices(10, 3, () => 0))).toEqual([0, 1, 2]);
    // j = i + floor(0.99 · (n - i)) is always the last slot: it gives 9, then the 0 swapped there, then the 1.
    expect(Array.from(sampleIndices(10, 3, () => 0.99))).toEqual([0, 1, 9]);
  });
});

describe('sampleRows', () => {
  const points = { rows: 5, cols: 2, data: Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]) };

  it('returns the matrix itself when it has no more rows than asked', () => {
    expect(sampleRows(points, 5, 1)).toBe(points);
  });

  it('copies the sampled rows whole, in their original order', () => {
    const sample = sampleRows(points, 3, 1);
    expect(sample.rows).toBe(3);
    const firsts = Array.from({ length: 3 }, (_, i) => sample.data[i * 2]!);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    for (let i = 0; i < 3; i++) expect(sample.data[i * 2 + 1]).toBe(sample.data[i * 2]);
  });
});
