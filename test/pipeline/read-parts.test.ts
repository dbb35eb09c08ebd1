import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, readParts } from '../../pipeline/read-parts.js';
import { sha256 } from '../../pipeline/canonical-json.js';

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
