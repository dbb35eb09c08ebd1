/**
 * The 2-D map: PCA of the unit-length LSA rows, through the eigen-decomposition of their
 * covariance (what `ml-pca` does with `isCovarianceMatrix`: ml-matrix's tred2 + tql2, which
 * `symmetricEigen` ports; only exactly equal eigenvalues could come in another order). Loading
 * ml-pca and ml-matrix and running their Matrix code cold cost 50-80 ms of every run, a tenth of
 * the seeds'. Each axis's sign is fixed so its largest loading is positive, so reruns never mirror
 * the map.
 */
import { topicMeans } from '../cluster/topic-means.js';
import { SERIAL_PRODUCTS, symmetricEigen, type DenseMatrix, type MatrixProducts } from '../numeric/dense.js';

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

export function projectPca(points: DenseMatrix, products: MatrixProducts = SERIAL_PRODUCTS): Projection {
  const { rows: n, cols: dims, data } = points;
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) mean[d]! += data[i * dims + d]! / n;
  const axes = new Float64Array(2 * dims);
  let explained: [number, number] = [0, 0];
  if (n >= 2 && dims >= 1) {
    const { values, vectors } = symmetricEigen(covariance(points, mean, products), dims); // axes are columns
    const at = (d: number, axis: number): number => vectors.data[d * dims + axis]!;
    for (let axis = 0; axis < Math.min(2, dims); axis++) {
      let largest = 0;
      for (let d = 0; d < dims; d++) if (Math.abs(at(d, axis)) > Math.abs(largest)) largest = at(d, axis);
      const sign = largest < 0 ? -1 : 1;
      for (let d = 0; d < dims; d++) axes[axis * dims + d] = sign * at(d, axis);
    }
    const total = values.reduce((sum, v) => sum + v, 0);
    explained = [(values[0] ?? 0) / total, (values[1] ?? 0) / total];
  }
  return { coordinates: placeOnAxes(points, mean, axes), explainedVariance: explained, mean, axes };
}

/**
 * The dims × dims sample covariance (n - 1 denominator, as ml-pca uses), as (XᵀX - n·μμᵀ) / (n - 1):
 * XᵀX is the one product that grows with the corpus, and it runs on the kernel pool.
 */
function covariance(points: DenseMatrix, mean: Float64Array, products: MatrixProducts): Float64Array {
  const { rows: n, cols: dims } = points;
  const g = products.gram(points);
  for (let a = 0; a < dims; a++)
    for (let b = 0; b < dims; b++) g[a * dims + b] = (g[a * dims + b]! - n * mean[a]! * mean[b]!) / (n - 1);
  return g;
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

/**
 * Where each topic sits on the map: the mean position of its papers. (A unit-length centroid
 * projected through PCA would land outside its own cloud of papers.)
 */
export function meanPositions(coordinates: Float64Array, labels: Int32Array, k: number): Float64Array {
  return topicMeans({ rows: labels.length, cols: 2, data: coordinates }, labels, k).means.data;
}
