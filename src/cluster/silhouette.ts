/** Mean silhouette with cosine distance, on a deterministic sample when the data are large. */
import type { DenseMatrix } from '../numeric/dense.js';
import { createRandom } from '../numeric/random.js';
import { sampleIndices } from '../numeric/sample.js';

/**
 * Mean silhouette coefficient of `labels` over unit-length rows, cosine distance (1 - dot).
 * With more than `sampleSize` rows, a seeded sample of rows is scored against all rows.
 */
export function cosineSilhouette(points: DenseMatrix, labels: Int32Array, sampleSize = 2000, seed = 1): number {
  const n = points.rows;
  const k = Math.max(...labels) + 1;
  if (k < 2 || n < 3) return 0;
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]!++;
  const sample = sampleIndices(n, sampleSize, createRandom(seed));
  const dims = points.cols;
  // Sum of cosine similarities from a row to every row of each cluster = row · (sum of the cluster's rows).
  const sums = new Float64Array(k * dims);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    for (let d = 0; d < dims; d++) sums[c * dims + d]! += points.data[i * dims + d]!;
  }
  let total = 0;
  for (const i of sample) {
    const own = labels[i]!;
    if (sizes[own]! < 2) continue; // silhouette of a singleton is 0
    let a = 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) continue;
      let similarity = 0;
      for (let d = 0; d < dims; d++) similarity += points.data[i * dims + d]! * sums[c * dims + d]!;
      if (c === own) {
        const selfSimilarity = points.data.subarray(i * dims, (i + 1) * dims).reduce((s, v) => s + v * v, 0);
        a = (sizes[c]! - 1 - (similarity - selfSimilarity)) / (sizes[c]! - 1);
      } else {
        b = Math.min(b, (sizes[c]! - similarity) / sizes[c]!);
      }
    }
    const s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
    total += s;
  }
  return total / sample.length;
}
