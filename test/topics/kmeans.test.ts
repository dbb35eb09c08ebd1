import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { clusterKmeans, computeInertia } from '../../src/cluster/kmeans.js';
import { fitMiniBatch } from '../../src/cluster/kmeans/minibatch.js';
import { normalizeRows } from '../../src/numeric/dense.js';
import { createGaussian, createRandom } from '../../src/numeric/random.js';

/** Unit rows around `k` random directions in `dims` dimensions. */
function blobs(k: number, perBlob: number, dims: number, spread: number, seed: number) {
  const gaussian = createGaussian(createRandom(seed));
  const centres = Array.from({ length: k }, () => Array.from({ length: dims }, gaussian));
  const rows: number[] = [];
  const truth: number[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < perBlob; i++) {
      rows.push(...centre.map((v) => v + spread * gaussian()));
      truth.push(c);
    }
  });
  return { points: normalizeRows({ rows: truth.length, cols: dims, data: Float64Array.from(rows) }), truth };
}

describe('clusterKmeans against ml-kmeans, the reference implementation', () => {
  it('reaches an inertia at least as low on the same data', () => {
    const { points } = blobs(6, 60, 20, 1.2, 3);
    const ours = clusterKmeans(points, 6, { seed: 1, restarts: 5 });
    const rows = Array.from({ length: points.rows }, (_, i) => Array.from(points.data.subarray(i * 20, (i + 1) * 20)));
    let reference = Infinity;
    for (let seed = 1; seed <= 5; seed++) {
      const result = mlKmeans(rows, 6, { seed, initialization: 'kmeans++' });
      const labels = Int32Array.from(result.clusters);
      reference = Math.min(
        reference,
        computeInertia(points, labels, { rows: 6, cols: 20, data: Float64Array.from(result.centroids.flat()) }),
      );
    }
    expect(ours.inertia).toBeLessThanOrEqual(reference * 1.001);
  });

  it('recovers well-separated groups exactly', () => {
    const { points, truth } = blobs(4, 25, 10, 0.05, 9);
    const { labels } = clusterKmeans(points, 4, { seed: 2 });
    const mapping = new Map<number, number>();
    truth.forEach((t, i) => mapping.set(t, labels[i]!));
    expect(new Set(mapping.values()).size).toBe(4);
    truth.forEach((t, i) => expect(labels[i]).toBe(mapping.get(t)));
  });

  it('reports the inertia of the labels it returns', () => {
    const { points } = blobs(3, 30, 8, 0.8, 4);
    const result = clusterKmeans(points, 3, { seed: 7, restarts: 3 });
    expect(result.inertia).toBeCloseTo(computeInertia(points, result.labels, result.centroids), 9);
  });
});

describe('mini-batch k-means above the size threshold', () => {
  it('recovers well-separated groups, with labels in range', () => {
    const { points, truth } = blobs(5, 200, 12, 0.1, 5);
    const { labels, k } = clusterKmeans(points, 5, { seed: 3, restarts: 3, miniBatchAbove: 100, batchSize: 128 });
    expect(k).toBe(5);
    expect(Array.from(labels).every((l) => l >= 0 && l < 5)).toBe(true);
    const mapping = new Map<number, number>();
    truth.forEach((t, i) => mapping.set(t, labels[i]!));
    expect(new Set(mapping.values()).size).toBe(5);
    truth.forEach((t, i) => expect(labels[i]).toBe(mapping.get(t)));
  });

  it('moves its centres to the same bits with the rows in kernel memory as in JavaScript', () => {
    // Odd dimensions: the kernel's last coordinate is moved on its own.
    const { points } = blobs(6, 120, 13, 0.8, 9);
    for (const k of [1, 3, 6]) {
      const inKernel = fitMiniBatch(points, k, 50, createRandom(21));
      const inScript = fitMiniBatch(points, k, 50, createRandom(21), null, { mostValues: 0 });
      expect(Array.from(inKernel.data), `k = ${k}`).toEqual(Array.from(inScript.data));
    }
    // A second fit in the same kernel memory starts from counts of zero again.
    expect(Array.from(fitMiniBatch(points, 4, 50, createRandom(3)).data)).toEqual(
      Array.from(fitMiniBatch(points, 4, 50, createRandom(3), null, { mostValues: 0 }).data),
    );
  });

  it('is deterministic for a seed', () => {
    const { points } = blobs(4, 150, 10, 1, 6);
    const options = { seed: 8, restarts: 2, miniBatchAbove: 100, batchSize: 64 };
    expect(clusterKmeans(points, 4, options).labels).toEqual(clusterKmeans(points, 4, options).labels);
  });
});
