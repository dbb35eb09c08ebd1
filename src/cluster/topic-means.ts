/** The mean row of each topic: what its centre (normalised) and Ward's linkage (as it is) start from. */
import type { DenseMatrix } from '../numeric/dense.js';

/** Mean row and size of each topic 0..k-1 of `labels` (rows labelled -1 count in none). */
export function topicMeans(
  points: DenseMatrix,
  labels: Int32Array,
  k: number,
): { means: DenseMatrix; sizes: number[] } {
  const dims = points.cols;
  const data = new Float64Array(k * dims);
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < points.rows; i++) {
    const t = labels[i]!;
    if (t < 0) continue;
    sizes[t]!++;
    for (let d = 0; d < dims; d++) data[t * dims + d]! += points.data[i * dims + d]!;
  }
  for (let t = 0; t < k; t++) if (sizes[t]! > 0) for (let d = 0; d < dims; d++) data[t * dims + d]! /= sizes[t]!;
  return { means: { rows: k, cols: dims, data }, sizes };
}
