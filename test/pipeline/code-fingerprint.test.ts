import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintCode } from '../../pipeline/stages/code-fingerprint.js';

describe('the code fingerprint (part of every run fingerprint)', () => {
  it('changes with any source file that shapes an output, and with nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 'topic-atlas-code-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.0.0', dependencies: {} }));
    mkdirSync(join(root, 'src', 'charts'), { recursive: true });
    mkdirSync(join(root, 'pipeline'));
    writeFileSync(join(root, 'src', 'charts', 'topic-sizes.ts'), "export const title = 'Papers per topic';\n");
    writeFileSync(join(root, 'pipeline', 'run.ts'), 'export {};\n');
    const first = await fingerprintCode(root);
    expect(await fingerprintCode(root)).toBe(first);

    // Editing a chart's title must make the next run recompute, with no version bumped by hand.
    writeFileSync(join(root, 'src', 'charts', 'topic-sizes.ts'), "export const title = 'Topic sizes';\n");
    const edited = await fingerprintCode(root);
    expect(edited).not.toBe(first);

    writeFileSync(join(root, 'notes.txt'), 'not code');
    mkdirSync(join(root, 'test'));
    writeFileSync(join(root, 'test', 'a.test.ts'), 'tests do not shape outputs');
    expect(await fingerprintCode(root)).toBe(edited);

    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '1.0.1', dependencies: {} }));
    expect(await fingerprintCode(root)).not.toBe(edited);
  });
});
