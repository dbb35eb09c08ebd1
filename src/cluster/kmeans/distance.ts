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

/**
 * Squared distances from the row at `offset` to four centres (at offsets c0..c3 of `centres`),
 * into `out[0..4)`: each summed in the same order as `squaredDistance`, so bit for bit the same,
 * while every element of the row is read once for the four.
 */
function squaredDistances4(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  d: number,
  out: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let j = 0; j < d; j++) {
    const x = data[offset + j]!;
    const d0 = x - centres[c0 + j]!;
    const d1 = x - centres[c1 + j]!;
    const d2 = x - centres[c2 + j]!;
    const d3 = x - centres[c3 + j]!;
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/**
 * Squared distances from the row at `offset` to each of the k centres, into `out[0..k)`, four
 * centres per pass over the row.
 */
export function squaredDistancesToAll(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  k: number,
  d: number,
  out: Float64Array,
): void {
  // A last block of one to three centres repeats its last centre in the spare lanes: four sums
  // side by side cost about what one costs alone (the additions wait on one another, not on ports).
  for (let c = 0; c < k; c += 4) {
    const last = k - 1;
    squaredDistances4(
      data,
      offset,
      centres,
      c * d,
      Math.min(c + 1, last) * d,
      Math.min(c + 2, last) * d,
      Math.min(c + 3, last) * d,
      d,
      quad,
    );
    for (let lane = 0; lane < 4 && c + lane < k; lane++) out[c + lane] = quad[lane]!;
  }
}

/**
 * Squared distances from the row at `offset` to the rows of `others` that start at each of
 * `starts`, into `out`: as `squaredDistancesToAll`, for rows anywhere in `others`.
 */
export function squaredDistancesToRows(
  data: Float64Array,
  offset: number,
  others: Float64Array,
  starts: Int32Array,
  d: number,
  out: Float64Array,
): void {
  const count = starts.length;
  const last = count - 1;
  for (let t = 0; t < count; t += 4) {
    squaredDistances4(
      data,
      offset,
      others,
      starts[t]!,
      starts[Math.min(t + 1, last)]!,
      starts[Math.min(t + 2, last)]!,
      starts[Math.min(t + 3, last)]!,
      d,
      quad,
    );
    for (let lane = 0; lane < 4 && t + lane < count; lane++) out[t + lane] = quad[lane]!;
  }
}

const quad = new Float64Array(4);

/**
 * Index of the centre nearest the row at `offset` (the first of equals); its squared distance goes
 * to `distance[0]`. The distances come four centres per pass over the row (`squaredDistancesToAll`):
 * four running sums instead of one, each bit for bit `squaredDistance`.
 */
export function nearestCentre(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  k: number,
  d: number,
  distance: Float64Array,
): number {
  if (toCentres.length < k) toCentres = new Float64Array(k);
  squaredDistancesToAll(data, offset, centres, k, d, toCentres);
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = toCentres[c]!;
    if (dist < bestDistance) {
      bestDistance = dist;
      best = c;
    }
  }
  distance[0] = bestDistance;
  return best;
}

let toCentres = new Float64Array(64);

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
