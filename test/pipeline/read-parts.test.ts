import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashFile, readParts } from '../../pipeline/io/read-parts.js';
import { sha256 } from '../../pipeline/stages/canonical-json.js';

describe('readParts', () => {
  it('cuts a file at line feeds into parts that add up to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const text =
      Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i % 37)}`).join('\n') + '\nno final feed';
    const path = join(dir, 'f.jsonl');
    writeFileSync(path, text);
    const parts: Buffer[] = [];
    for await (const part of readParts(path, 64)) parts.push(Buffer.from(part));
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.slice(0, -1).every((p) => p.at(-1) === 10)).toBe(true);
    expect(Buffer.concat(parts).toString()).toBe(text);
    expect(await hashFile(path)).toEqual({ hash: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text) });
  });

  it('keeps a line longer than a part whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const path = join(dir, 'long.txt');
    writeFileSync(path, `short\n${'y'.repeat(1000)}\nend\n`);
    const parts: string[] = [];
    for await (const part of readParts(path, 16)) parts.push(Buffer.from(part).toString());
    expect(parts).toContain(`${'y'.repeat(1000)}\n`);
    expect(parts.join('')).toBe(`short\n${'y'.repeat(1000)}\nend\n`);
  });
});

describe('reading many small files', () => {
  // 3,000 one-paper files took 7 times as long as one file with the same papers: each read
  // allocated a fresh 32 MB part (and the hash a 4 MB chunk), and collecting them dominated.
  it('allocates buffers the size of a small file, not of a whole part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const path = join(dir, 'one-paper.txt');
    writeFileSync(path, 'A title\n\nAn abstract.\n');
    const allocate = vi.spyOn(Buffer, 'allocUnsafe');
    const allocateSlow = vi.spyOn(Buffer, 'allocUnsafeSlow');
    try {
      for await (const part of readParts(path)) expect(Buffer.from(part).toString()).toBe('A title\n\nAn abstract.\n');
      await hashFile(path);
      const sizes = [...allocate.mock.calls, ...allocateSlow.mock.calls].map(([size]) => size);
      expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(64 * 2 ** 10);
    } finally {
      allocate.mockRestore();
      allocateSlow.mockRestore();
    }
  });

  it('reads a file that grows after it was opened to its end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const path = join(dir, 'growing.jsonl');
    writeFileSync(path, 'first\n');
    const parts: string[] = [];
    for await (const part of readParts(path, 1024)) {
      if (parts.length === 0) appendFileSync(path, 'x'.repeat(100_000) + '\nlast\n');
      parts.push(Buffer.from(part).toString());
    }
    expect(parts.join('')).toBe(`first\n${'x'.repeat(100_000)}\nlast\n`);
  });
});
