/**
 * The 2-D map: PCA (`ml-pca`) of the unit-length LSA rows. Each axis's sign is fixed so its
 * largest loading is positive, so reruns never mirror the map.
 */
import { PCA } from 'ml-pca';
import type { DenseMatrix } from '../dense.js';

export interface Projection {
  /** rows × 2: x and y of each input row. */
  readonly coordinates: Float64Array;
  /** Fraction of the variance each axis explains. */
  readonly explainedVariance: readonly [number, number];
  /** What places new rows: subtract `mean`, then dot with each axis. */
  readonly mean: Float64Array;
  /** 2 × dims, row-major. */
  readonly axes: Float64Array;
}

export function projectPca(points: DenseMatrix): Projection {
  const dims = points.cols;
  const rows = Array.from({ length: points.rows }, (_, i) => Array.from(points.data.subarray(i * dims, (i + 1) * dims)));
  const mean = new Float64Array(dims);
  for (const row of rows) row.forEach((v, d) => (mean[d]! += v / Math.max(1, rows.length)));
  const axes = new Float64Array(2 * dims);
  let explained: [number, number] = [0, 0];
  if (rows.length >= 2 && dims >= 1) {
    const pca = new PCA(rows, { method: 'covarianceMatrix', center: true });
    const vectors = pca.getEigenvectors(); // dims × components, columns are axes
    const variance = pca.getExplainedVariance();
    for (let axis = 0; axis < Math.min(2, vectors.columns); axis++) {
      let largest = 0;
      for (let d = 0; d < dims; d++) if (Math.abs(vectors.get(d, axis)) > Math.abs(largest)) largest = vectors.get(d, axis);
      const sign = largest < 0 ? -1 : 1;
      for (let d = 0; d < dims; d++) axes[axis * dims + d] = sign * vectors.get(d, axis);
    }
    explained = [variance[0] ?? 0, variance[1] ?? 0];
  }
  return { coordinates: placeOnAxes(points, mean, axes), explainedVariance: explained, mean, axes };
}

/** Coordinates of rows on fitted axes (for centroids, or papers placed later). */
export function placeOnAxes(points: DenseMatrix, mean: Float64Array, axes: Float64Array): Float64Array {
  const dims = points.cols;
  const out = new Float64Array(points.rows * 2);
  for (let i = 0; i < points.rows; i++) {
    for (let axis = 0; axis < 2; axis++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (points.data[i * dims + d]! - mean[d]!) * axes[axis * dims + d]!;
      out[i * 2 + axis] = s;
    }
  }
  return out;
}
