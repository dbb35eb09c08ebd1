import { describe, expect, it } from 'vitest';
import type { Clustering } from '../../src/cluster/kmeans.js';
import { iterateLloyd, seedAndIterate } from '../../src/cluster/kmeans/lloyd.js';
import { seedCentres } from '../../src/cluster/kmeans/seeding.js';
import { squaredDistance } from '../../src/cluster/kmeans/distance.js';
import { normalizeRows, type DenseMatrix } from '../../src/numeric/dense.js';
import { createGaussian, createRandom } from '../../src/numeric/random.js';

/** Plain Lloyd, every distance computed: what the bounded version must reproduce. */
function plainLloyd(points: DenseMatrix, initial: DenseMatrix, maxIterations: number, tolerance: number) {
  const { rows: n, cols: d, data } = points;
  const k = initial.rows;
  const centres = Float64Array.from(initial.data);
  const labels = new Int32Array(n);
  const assign = () => {
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++)
        if (squaredDistance(data, i * d, centres, c * d, d) < squaredDistance(data, i * d, centres, best * d, d))
          best = c;
      labels[i] = best;
    }
  };
  assign();
  for (let it = 0; it < maxIterations; it++) {
    const sums = new Float64Array(k * d);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]!]!++;
      for (let j = 0; j < d; j++) sums[labels[i]! * d + j]! += data[i * d + j]!;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const next = sums[c * d + j]! / counts[c]!;
        shift += (next - centres[c * d + j]!) ** 2;
        centres[c * d + j] = next;
      }
    }
    if (shift <= tolerance) break;
    const before = Int32Array.from(labels);
    assign();
    if (labels.every((l, i) => l === before[i])) break;
  }
  assign();
  return labels;
}

/** n random unit rows of d dimensions, from `seed`. */
function unitRows(seed: number, n: number, d: number): DenseMatrix {
  const gaussian = createGaussian(createRandom(seed));
  return normalizeRows({ rows: n, cols: d, data: Float64Array.from({ length: n * d }, gaussian) });
}

/** Labels, centres and inertia of two fits, compared bit for bit. */
function expectSameFit(a: Clustering, b: Clustering, k: number): void {
  expect(Array.from(a.labels), `k = ${k}`).toEqual(Array.from(b.labels));
  expect(Array.from(a.centroids.data), `k = ${k}`).toEqual(Array.from(b.centroids.data));
  expect(a.inertia).toBe(b.inertia);
}

describe('iterateLloyd', () => {
  it('gives plain Lloyd’s labels while skipping distances its bounds settle', () => {
    const n = 400;
    const d = 24;
    const points = unitRows(5, n, d);
    for (const k of [3, 8, 13]) {
      const initial = { rows: k, cols: d, data: points.data.slice(0, k * d) };
      const ours = iterateLloyd(points, initial, 100, 1e-12);
      expect(Array.from(ours.labels), `k = ${k}`).toEqual(Array.from(plainLloyd(points, initial, 100, 1e-12)));
      let inertia = 0;
      for (let i = 0; i < n; i++)
        inertia += squaredDistance(points.data, i * d, ours.centroids.data, ours.labels[i]! * d, d);
      expect(ours.inertia).toBeCloseTo(inertia, 9);
    }
  });

  it('reaches the same bits with its rows and bounds in kernel memory as in JavaScript', () => {
    const n = 600;
    const d = 31;
    const points = unitRows(8, n, d);
    for (const k of [1, 2, 9, 17]) {
      const initial = { rows: k, cols: d, data: points.data.slice(5 * d, (5 + k) * d) };
      expectSameFit(
        iterateLloyd(points, initial, 60, 1e-12),
        iterateLloyd(points, initial, 60, 1e-12, { mostValues: 0 }),
        k,
      );
    }
  });

  it('seeds and iterates in one space as seeding and then iterating do', () => {
    const n = 500;
    const d = 21;
    const points = unitRows(12, n, d);
    for (const k of [1, 4, 11]) {
      const apart = iterateLloyd(points, seedCentres(points, k, createRandom(k)), 80, 1e-10);
      expectSameFit(seedAndIterate(points, k, createRandom(k), null, 80, 1e-10), apart, k);
    }
  });

  it('refills a cluster left empty and ends with every centre at its rows’ mean', () => {
    const gaussian = createGaussian(createRandom(8));
    const d = 6;
    // Three clumps; two starting centres coincide, so the second of them is left empty at once.
    const rows = Array.from({ length: 90 }, (_, i) =>
      Array.from({ length: d }, (_, j) => (j === i % 3 ? 5 : 0) + 0.3 * gaussian()),
    );
    const points = { rows: 90, cols: d, data: Float64Array.from(rows.flat()) };
    const start = [...rows[0]!, ...rows[0]!, ...rows[1]!];
    const fit = iterateLloyd(points, { rows: 3, cols: d, data: Float64Array.from(start) }, 100, 1e-12);
    for (let c = 0; c < 3; c++) {
      const members = rows.filter((_, i) => fit.labels[i] === c);
      expect(members.length).toBeGreaterThan(0);
      for (let j = 0; j < d; j++) {
        const mean = members.reduce((sum, row) => sum + row[j]!, 0) / members.length;
        expect(fit.centroids.data[c * d + j]).toBeCloseTo(mean, 9);
      }
    }
  });
});
