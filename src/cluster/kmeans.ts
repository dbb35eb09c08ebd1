/**
 * k-means on unit-length rows (so squared Euclidean distance is 2 - 2·cosine: spherical geometry),
 * by `ml-kmeans` with k-means++ seeding, restarted from several seeds; the lowest inertia wins.
 */
import { kmeans } from 'ml-kmeans';
import { rowOf, type DenseMatrix } from '../dense.js';

export interface KmeansOptions {
  readonly restarts: number;
  readonly maxIterations: number;
  readonly seed: number;
}

export const KMEANS_DEFAULTS: KmeansOptions = { restarts: 10, maxIterations: 300, seed: 1 };

export interface Clustering {
  readonly k: number;
  /** Cluster of each row, in [0, k). */
  readonly labels: Int32Array;
  /** k × dims. */
  readonly centroids: DenseMatrix;
  readonly inertia: number;
}

/** Clusters the rows of `points` into k groups; deterministic for a given seed. */
export function clusterKmeans(points: DenseMatrix, k: number, options: Partial<KmeansOptions> = {}): Clustering {
  const opts = { ...KMEANS_DEFAULTS, ...options };
  const rows = Array.from({ length: points.rows }, (_, i) => rowOf(points, i));
  const clusters = Math.max(1, Math.min(k, distinctRows(rows)));
  let best: Clustering | null = null;
  for (let r = 0; r < opts.restarts; r++) {
    const result = kmeans(rows, clusters, {
      initialization: 'kmeans++',
      seed: opts.seed * 7919 + r,
      maxIterations: opts.maxIterations,
      tolerance: 1e-6,
    });
    const labels = Int32Array.from(result.clusters);
    const centroids = { rows: clusters, cols: points.cols, data: Float64Array.from(result.centroids.flat()) };
    const inertia = computeInertia(points, labels, centroids);
    if (best === null || inertia < best.inertia - 1e-12) best = { k: clusters, labels, centroids, inertia };
  }
  return best!;
}

/** Sum of squared distances from each row to its centroid. */
export function computeInertia(points: DenseMatrix, labels: Int32Array, centroids: DenseMatrix): number {
  let total = 0;
  for (let i = 0; i < points.rows; i++) {
    const c = labels[i]!;
    for (let d = 0; d < points.cols; d++) total += (points.data[i * points.cols + d]! - centroids.data[c * points.cols + d]!) ** 2;
  }
  return total;
}

function distinctRows(rows: readonly number[][]): number {
  return new Set(rows.map((r) => r.join(','))).size;
}
