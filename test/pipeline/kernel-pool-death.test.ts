import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startKernelPool } from '../../pipeline/parallel/kernel-pool.js';
import { KMEANS_DEFAULTS } from '../../src/cluster/kmeans.js';

// A worker that runs out of memory (or dies any other way) while this thread waits on it must end
// the run with an error that says so, promptly: the run used to exit 13 with nothing said, or hang.
// The worker is given a small heap so that the task below, small for this thread, kills it.
const SMALL_HEAP = { maxOldGenerationSizeMb: 48 };

describe('kernel pool, when its worker dies', () => {
  it('rejects a pending parse with the reason', { timeout: 20_000 }, async () => {
    const pool = await startKernelPool((m) => expect.fail(m), { resourceLimits: SMALL_HEAP });
    const dir = mkdtempSync(join(tmpdir(), 'pool-death-'));
    // A page dump is gathered and parsed whole: 20 MB of short paragraphs, allocated a piece at a time.
    const path = join(dir, 'big.txt');
    const paper = (i: number): string =>
      `Paper number ${i} on things\n\nWe study ${'things and more '.repeat(18)}.\n\n`;
    writeFileSync(path, Array.from({ length: 60_000 }, (_, i) => paper(i)).join(''));
    try {
      const started = performance.now();
      await expect(pool.parseFile(path, 'big.txt')).rejects.toThrow(
        /^The kernel worker stopped \(exit code 1, out of memory\)/,
      );
      expect(performance.now() - started).toBeLessThan(15_000);
      // Later tasks fail at once rather than wait on a worker that is gone.
      await expect(pool.parseFile(path, 'big.txt')).rejects.toThrow(/^The kernel worker stopped/);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true });
    }
  });

  it(
    'throws from a synchronous task this thread blocks on, instead of waiting for ever',
    { timeout: 20_000 },
    async () => {
      const pool = await startKernelPool((m) => expect.fail(m), { resourceLimits: SMALL_HEAP });
      // 25,000 texts of 4 KB: the worker's copy of its half alone is beyond its heap.
      const texts = Array.from({ length: 25_000 }, (_, i) => `paper ${i} ${'word '.repeat(800)}`);
      try {
        expect(() => pool.scanTexts({ length: texts.length, text: (i) => texts[i]! })).toThrow(
          /^The kernel worker stopped/,
        );
        expect(() => pool.scanTexts({ length: texts.length, text: (i) => texts[i]! })).toThrow(
          /^The kernel worker stopped/,
        );
      } finally {
        await pool.close();
      }
    },
  );

  it('fails a clustering job at once, with the reason, once the worker is gone', async () => {
    const pool = await startKernelPool((m) => expect.fail(m));
    const rows = 400;
    const points = { rows, cols: 50, data: Float64Array.from({ length: rows * 50 }, (_, i) => Math.sin(i)) };
    const job = { points, clusters: 8, options: { ...KMEANS_DEFAULTS, restarts: 4 }, tolerance: 0, scoring: null };
    expect(pool.restarts(job, 4)).toHaveLength(4);
    await pool.close();
    expect(() => pool.restarts(job, 4)).toThrow(/^The kernel worker stopped/);
  });

  it('falls back to one thread, saying why, when the worker cannot even start', async () => {
    const warnings: string[] = [];
    // A heap too small to load the worker's modules: it dies before it says it is ready.
    const tiny = { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1, codeRangeSizeMb: 1 };
    const pool = await startKernelPool((m) => warnings.push(m), { resourceLimits: tiny });
    try {
      expect(warnings).toEqual([
        expect.stringMatching(/^warning: no kernel worker \(.*\); everything runs on one thread$/),
      ]);
      const a = {
        rows: 2,
        cols: 2,
        indptr: Int32Array.of(0, 1, 2),
        indices: Int32Array.of(0, 1),
        data: Float64Array.of(1, 2),
      };
      expect(Array.from(pool.sparseTimes(a, { rows: 2, cols: 1, data: Float64Array.of(3, 4) }).data)).toEqual([3, 8]);
      const texts = ['one text', 'another'];
      expect(pool.scanTexts({ length: 2, text: (i) => texts[i]! }).tokens).toEqual(['one', 'text', 'another']);
    } finally {
      await pool.close();
    }
  });
});
