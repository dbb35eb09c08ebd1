/** Seeded sampling without replacement: the one sampler behind every random subset of rows. */
import { selectRows, type DenseMatrix } from './dense.js';
import { createRandom } from './random.js';

/**
 * `size` distinct indices out of [0, n), ascending, chosen by a partial Fisher-Yates shuffle that
 * takes exactly `size` draws from `random` (so a caller can go on using the stream, as LSA does).
 * When `size >= n` every index is returned and nothing is drawn.
 */
export function sampleIndices(n: number, size: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (n <= size) return order;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order.slice(0, size).sort();
}

/** A seeded sample of `size` distinct rows in their original order; `points` itself (no copy) when it has no more rows. */
export function sampleRows(points: DenseMatrix, size: number, seed: number): DenseMatrix {
  return points.rows <= size ? points : selectRows(points, sampleIndices(points.rows, size, createRandom(seed)));
}
