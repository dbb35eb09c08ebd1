/** The two levels of topics: fine topics sized for reading, broad groups chosen by stability. */
import { describe, expect, it } from 'vitest';
import { chooseCoarseGroups, chooseK } from '../../src/cluster/choose-k.js';
import { clusterNested, splitK } from '../../src/cluster/nested-kmeans.js';
import { normalizeRows, type DenseMatrix } from '../../src/numeric/dense.js';
import { createRandom } from '../../src/numeric/random.js';

/**
 * 360 unit rows in three areas (orthogonal directions), each area made of three sub-topics (a
 * weaker direction of its own) with noise: structure at two levels, as in a real feed.
 */
function twoLevelPoints(): { points: DenseMatrix; area: number[] } {
  const dims = 16;
  const random = createRandom(7);
  const rows: number[][] = [];
  const area: number[] = [];
  for (let a = 0; a < 3; a++)
    for (let s = 0; s < 3; s++)
      for (let i = 0; i < 40; i++) {
        const row = Array.from({ length: dims }, () => (random() - 0.5) * 0.3);
        row[a]! += 2;
        row[3 + a * 3 + s]! += 1;
        rows.push(row);
        area.push(a);
      }
  return {
    points: normalizeRows({ rows: rows.length, cols: dims, data: Float64Array.from(rows.flat()) }),
    area,
  };
}

describe('k sized for reading', () => {
  it('grows with the corpus: about 5 topics for 200 papers, 16 for 2,000, 50 for 20,000', () => {
    expect([200, 2_000, 20_000, 200_000].map((n) => chooseK(n).k)).toEqual([5, 16, 50, 50]);
    expect(chooseK(20_000, 30).k).toBe(30);
  });

  it('never makes topics of fewer than 5 papers, and at least 2 topics', () => {
    expect(chooseK(20).k).toBe(3);
    expect(chooseK(12).k).toBe(2);
    expect(chooseK(4).k).toBe(2);
  });
});

describe('topics nested in areas', () => {
  it('splits k over the areas in proportion to their size, each at least 1', () => {
    expect(splitK(15, [500, 300, 200])).toEqual([8, 4, 3]);
    expect(splitK(4, [1000, 1, 1])).toEqual([2, 1, 1]);
    for (const sizes of [
      [7, 7, 7],
      [10, 1],
      [3, 50, 8, 8],
    ]) {
      const shares = splitK(9, sizes);
      expect(shares.reduce((s, n) => s + n, 0)).toBe(
        Math.min(
          9,
          sizes.reduce((s, n) => s + n, 0),
        ),
      );
      shares.forEach((share, a) => expect(share).toBeLessThanOrEqual(sizes[a]!));
    }
  });

  it('gives fine topics that each lie inside one of the corpus areas', () => {
    const { points, area } = twoLevelPoints();
    const fit = clusterNested(points, 9, { seed: 1, restarts: 3 });
    expect(fit.k).toBe(9);
    for (let t = 0; t < fit.k; t++) {
      const areas = new Set(area.filter((_, i) => fit.labels[i] === t));
      expect(areas.size).toBe(1);
    }
  });
});

describe('broad groups chosen by stability', () => {
  it('finds the three areas above nine fine topics, and records how stable each cut was', () => {
    const { points } = twoLevelPoints();
    const fit = clusterNested(points, 9, { seed: 1, restarts: 3 });
    const choice = chooseCoarseGroups(points, fit.labels, fit.k, { seed: 1 });
    expect(choice.groups).toBe(3);
    expect(choice.curve.map((p) => p.groups)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const at3 = choice.curve.find((p) => p.groups === 3)!.stability;
    expect(at3).toBeGreaterThan(0.9);
    for (const p of choice.curve) expect(p.stability).toBeLessThanOrEqual(at3);
  });

  it('has nothing to choose with two topics', () => {
    const { points } = twoLevelPoints();
    const labels = Int32Array.from({ length: points.rows }, (_, i) => (i < 120 ? 0 : 1));
    expect(chooseCoarseGroups(points, labels, 2)).toEqual({ groups: 2, curve: [] });
  });
});

describe('no broad groups where none is stable', () => {
  it('leaves a few topics of one theme standing alone', () => {
    // Five topics of pure noise: no cut comes back under resampling.
    const random = createRandom(3);
    const dims = 12;
    const data = Float64Array.from({ length: 200 * dims }, () => random() - 0.5);
    const points = normalizeRows({ rows: 200, cols: dims, data });
    const fit = clusterNested(points, 5, { seed: 1, restarts: 2 });
    const choice = chooseCoarseGroups(points, fit.labels, fit.k, { seed: 1 });
    expect(Math.max(...choice.curve.map((p) => p.stability))).toBeLessThan(0.5);
    expect(choice.groups).toBe(5);
  });
});

describe('broad groups on tiny or degenerate corpora', () => {
  it('never reports a stability that is not a number, and groups nothing it cannot check', () => {
    const points = normalizeRows({ rows: 3, cols: 2, data: Float64Array.from([1, 0, 0, 1, 1, 1]) });
    for (const seed of [1, 2, 3, 4]) {
      const choice = chooseCoarseGroups(points, Int32Array.from([0, 1, 2]), 3, { seed });
      expect(choice.curve.every((p) => Number.isFinite(p.stability))).toBe(true);
      expect(choice.groups).toBe(3);
    }
  });

  it('fits no empty topic when rows repeat', () => {
    const rows = Array.from({ length: 120 }, (_, i) => [i % 6 === 0 ? 1 : 0, i % 6, (i * 7) % 6, 1]);
    const points = normalizeRows({ rows: 120, cols: 4, data: Float64Array.from(rows.flat()) });
    const fit = clusterNested(points, 12, { seed: 1, restarts: 2 });
    const sizes = new Array<number>(fit.k).fill(0);
    fit.labels.forEach((t) => sizes[t]!++);
    expect(sizes.every((n) => n > 0)).toBe(true);
  });
});

describe('broad groups over many topics', () => {
  it('never halves more than 8 topics into 2 groups, however stable the halves', () => {
    // Two clear areas, six sub-topics each: 2 groups is the most stable cut, but says little.
    const random = createRandom(11);
    const dims = 16;
    const rows: number[][] = [];
    for (let a = 0; a < 2; a++)
      for (let s = 0; s < 6; s++)
        for (let i = 0; i < 25; i++) {
          const row = Array.from({ length: dims }, () => (random() - 0.5) * 0.3);
          row[a]! += 2;
          row[2 + a * 6 + s]! += 1;
          rows.push(row);
        }
    const points = normalizeRows({ rows: rows.length, cols: dims, data: Float64Array.from(rows.flat()) });
    const fit = clusterNested(points, 12, { seed: 1, restarts: 3 });
    const choice = chooseCoarseGroups(points, fit.labels, fit.k, { seed: 1 });
    const at2 = choice.curve.find((p) => p.groups === 2)!.stability;
    expect(Math.max(...choice.curve.map((p) => p.stability))).toBe(at2);
    expect(choice.groups).toBeGreaterThanOrEqual(3);
  });
});
