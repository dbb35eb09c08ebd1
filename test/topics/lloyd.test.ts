import { describe, expect, it } from 'vitest';
import { iterateLloyd } from '../../src/cluster/kmeans/lloyd.js';
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

describe('iterateLloyd', () => {
  it('gives plain Lloyd’s labels while skipping distances its bounds settle', () => {
    const gaussian = createGaussian(createRandom(5));
    const n = 400;
    const d = 24;
    const points = normalizeRows({ rows: n, cols: d, data: Float64Array.from({ length: n * d }, gaussian) });
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
});
