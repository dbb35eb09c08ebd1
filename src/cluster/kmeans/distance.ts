/** Squared Euclidean distances between rows of flat row-major arrays, shared by every k-means phase. */
import type { DenseMatrix } from '../../numeric/dense.js';

/** Unrolled by four like `axpy`, adding in the same order as a plain loop. */
export function squaredDistance(a: Float64Array, offsetA: number, b: Float64Array, offsetB: number, d: number): number {
  let sum = 0;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const d0 = a[offsetA + j]! - b[offsetB + j]!;
    const d1 = a[offsetA + j + 1]! - b[offsetB + j + 1]!;
    const d2 = a[offsetA + j + 2]! - b[offsetB + j + 2]!;
    const d3 = a[offsetA + j + 3]! - b[offsetB + j + 3]!;
    sum += d0 * d0;
    sum += d1 * d1;
    sum += d2 * d2;
    sum += d3 * d3;
  }
  for (; j < d; j++) {
    const diff = a[offsetA + j]! - b[offsetB + j]!;
    sum += diff * diff;
  }
  return sum;
}

/** Index of the centre nearest the row at `offset`; its squared distance goes to `distance[0]`. */
export function nearestCentre(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  k: number,
  d: number,
  distance: Float64Array,
): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = squaredDistance(data, offset, centres, c * d, d);
    if (dist < bestDistance) {
      bestDistance = dist;
      best = c;
    }
  }
  distance[0] = bestDistance;
  return best;
}

/** Sum over rows of the squared distance to the nearest centre. */
export function nearestInertia(points: DenseMatrix, centres: DenseMatrix): number {
  const { rows: n, cols: d, data } = points;
  const nearest = new Float64Array(1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    nearestCentre(data, i * d, centres.data, centres.rows, d, nearest);
    total += nearest[0]!;
  }
  return total;
}
