import { afterAll, describe, expect, it } from 'vitest';
import { chooseCoarseGroups } from '../../src/cluster/choose-k.js';
import { KMEANS_DEFAULTS } from '../../src/cluster/kmeans.js';
import { clusterNested } from '../../src/cluster/nested-kmeans.js';
import { normalizeRowsInPlace, SERIAL_PRODUCTS, type DenseMatrix } from '../../src/numeric/dense.js';
import { createRandom } from '../../src/numeric/random.js';
import type { CsrMatrix } from '../../src/vectorize/tfidf.js';
import { SERIAL_KERNELS, startKernelPool } from '../../pipeline/parallel/kernel-pool.js';
import { parseFileTimed } from '../../pipeline/io/read-parts.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const random = createRandom(9);

function randomCsr(rows: number, cols: number, perRow: number): CsrMatrix {
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Set<number>();
    // Uneven rows, so the split by non-zeros is not the split by rows.
    const count = i % 7 === 0 ? perRow * 4 : perRow;
    while (row.size < count) row.add(Math.floor(random() * cols));
    indices.push(...[...row].sort((a, b) => a - b));
    indptr[i + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(indices, () => random()) };
}

function randomDense(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => random() - 0.5) };
}

function largestDifference(x: Float64Array, y: Float64Array): number {
  expect(x.length).toBe(y.length);
  let largest = 0;
  for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]! - y[i]!));
  return largest;
}

describe('kernel pool', async () => {
  const warnings: string[] = [];
  const pool = await startKernelPool((m) => warnings.push(m));
  afterAll(() => pool.close());

  it('starts its worker', () => {
    expect(warnings).toEqual([]);
  });

  it('starts its worker from a working folder outside the project', async () => {
    // The boot script once resolved tsx from the working folder: no worker, one thread.
    const here = process.cwd();
    process.chdir(tmpdir());
    try {
      const elsewhere: string[] = [];
      await (await startKernelPool((m) => elsewhere.push(m))).close();
      expect(elsewhere).toEqual([]);
    } finally {
      process.chdir(here);
    }
  });

  it('computes large products exactly as one thread does', () => {
    const a = randomCsr(4000, 3000, 60); // ~370,000 non-zeros × 110 columns: above the hand-off size
    const b = randomDense(3000, 110);
    expect(largestDifference(pool.sparseTimes(a, b).data, SERIAL_PRODUCTS.sparseTimes(a, b).data)).toBe(0);
    const m = randomDense(20_000, 110);
    const w = randomDense(110, 100);
    expect(largestDifference(pool.denseTimes(m, w).data, SERIAL_PRODUCTS.denseTimes(m, w).data)).toBe(0);
    const mine = pool.gram(m);
    const reference = SERIAL_PRODUCTS.gram(m);
    expect(largestDifference(mine, reference)).toBeLessThan(1e-9);
    // Symmetric, and the same on every call.
    expect(mine[1 * 110 + 7]).toBe(mine[7 * 110 + 1]);
    expect(largestDifference(pool.gram(m), mine)).toBe(0);
  });

  it('parses a file on the worker as this thread would', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pool-'));
    const path = join(dir, 'd.jsonl');
    writeFileSync(
      path,
      '{"title": "A paper", "abstract": "It works."}\nnot json\n{"title": "Another", "abstract": "Also."}\n',
    );
    const there = await pool.parseFile(path, 'd.jsonl');
    const here = await parseFileTimed(path, 'd.jsonl');
    expect(there.result).toEqual(here.result);
    expect(there.result.dump.papers.map((p) => p.title)).toEqual(['A paper', 'Another']);
  });

  it('scans many texts into the same tokens and ids as one thread does', () => {
    const words = ['model', 'Fine-tuning', 'GPT-4', 'données', 'ПРИВЕТ', '.', ',', '2024', 'x²', '😀'];
    const texts = Array.from({ length: 21_000 }, (_, i) =>
      Array.from({ length: 8 }, (_, w) => words[(i * 7 + w * i) % words.length]! + (i % 97 === 0 ? i : '')).join(' '),
    );
    const source = { length: texts.length, text: (i: number) => texts[i]! };
    const parallel = pool.scanTexts(source);
    const serial = SERIAL_KERNELS.scanTexts(source);
    expect(parallel.tokens).toEqual(serial.tokens);
    expect(parallel.ids.length).toBe(serial.ids.length);
    expect(parallel.ids.every((id, p) => id === serial.ids[p])).toBe(true);
  });

  it('shares k-means restarts and stability refits with the worker, with the results of one thread', () => {
    // Unit rows in a few loose clumps, large enough that the pool hands half the tasks over.
    const rows = 300;
    const points = randomDense(rows, 30);
    for (let i = 0; i < rows; i++) points.data[i * 30 + (i % 6)]! += 3;
    normalizeRowsInPlace(points);
    const options = { ...KMEANS_DEFAULTS, seed: 3, restarts: 4 };
    // Every restart's result, not only the best: Lloyd fits, then mini-batch centres and scores.
    for (const job of [
      { points, clusters: 6, options, tolerance: 1e-6, scoring: null },
      { points, clusters: 6, options: { ...options, batchSize: 64 }, tolerance: 1e-6, scoring: points },
    ]) {
      const before = pool.clusterTasksHandedOver();
      const finished: number[] = [];
      expect(pool.restarts(job, 4, (n) => finished.push(n))).toEqual(SERIAL_KERNELS.restarts(job, 4));
      expect(pool.clusterTasksHandedOver()).toBe(before + 2);
      expect(finished.at(-1)).toBe(4); // progress reaches the end
    }
    const refits = { sample: points, k: 12, seed: 2 };
    expect(pool.refits(refits, 3)).toEqual(SERIAL_KERNELS.refits(refits, 3));
    // Whole fits through the runners: the nested fit and the choice of broad groups.
    const shared = clusterNested(points, 12, options, undefined, pool.restarts);
    expect(shared).toEqual(clusterNested(points, 12, options, undefined, SERIAL_KERNELS.restarts));
    expect(chooseCoarseGroups(points, shared.labels, 12, { seed: 2 }, pool.refits)).toEqual(
      chooseCoarseGroups(points, shared.labels, 12, { seed: 2 }, SERIAL_KERNELS.refits),
    );
  });
});
