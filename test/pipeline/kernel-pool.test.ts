import { afterAll, describe, expect, it } from 'vitest';
import { chooseCoarseGroups } from '../../src/cluster/choose-k.js';
import { clusterKmeans } from '../../src/cluster/kmeans.js';
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
    const options = { seed: 3, restarts: 4 };
    const before = pool.clusterTasksShared();
    const shared = clusterNested(points, 12, options, undefined, pool.restarts);
    expect(pool.clusterTasksShared()).toBeGreaterThan(before);
    const alone = clusterNested(points, 12, options, undefined, SERIAL_KERNELS.restarts);
    expect(shared.labels).toEqual(alone.labels);
    expect(shared.inertia).toBe(alone.inertia);
    // Mini-batch restarts (above miniBatchAbove rows) come back as centres and scores.
    const batched = { ...options, miniBatchAbove: 500, batchSize: 256 };
    expect(clusterKmeans(points, 6, batched, undefined, pool.restarts).labels).toEqual(
      clusterKmeans(points, 6, batched, undefined, SERIAL_KERNELS.restarts).labels,
    );
    const labels = shared.labels;
    const beforeRefits = pool.clusterTasksShared();
    expect(chooseCoarseGroups(points, labels, 12, { seed: 2 }, pool.refits)).toEqual(
      chooseCoarseGroups(points, labels, 12, { seed: 2 }, SERIAL_KERNELS.refits),
    );
    expect(pool.clusterTasksShared()).toBe(beforeRefits + 1); // 3 repeats: the worker ran the last
  });
});
