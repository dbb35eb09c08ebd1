import { copyFileSync, linkSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sameFile } from '../../pipeline/io/runs.js';

describe('sameFile', () => {
  it('tells a second name of a file from a copy, an edit saved by rename, and a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topic-atlas-same-file-'));
    const file = join(dir, 'topics.json');
    writeFileSync(file, '{}');
    linkSync(file, join(dir, 'link.json'));
    copyFileSync(file, join(dir, 'copy.json'));
    expect(await sameFile(file, join(dir, 'link.json'))).toBe(true);
    expect(await sameFile(file, join(dir, 'copy.json'))).toBe(false);
    expect(await sameFile(file, join(dir, 'missing.json'))).toBe(false);
    // An editor that saves by writing a new file and renaming it over the old one.
    writeFileSync(join(dir, 'edited.json'), '{"edited": true}');
    renameSync(join(dir, 'edited.json'), file);
    expect(await sameFile(file, join(dir, 'link.json'))).toBe(false);
  });
});
