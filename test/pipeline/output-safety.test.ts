/** The output folder: a run never deletes what it did not write, and never leaves half a folder behind. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { recoverStranded, StagedOutput } from '../../pipeline/io/output-dir.js';
import { cli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DUMP = join(ROOT, 'test', 'fixtures', 'ingest', 'page-dump', 'input.txt');
const SEED = join(ROOT, 'seeds', '000_5516b03f834cfab7.txt');
const BIN = join(ROOT, 'bin', 'topic-atlas.js');

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'topic-atlas-out-'));
  mkdirSync(join(work, 'd', 'dumps'), { recursive: true });
  copyFileSync(SEED, join(work, 'd', 'a.txt'));
  copyFileSync(DUMP, join(work, 'd', 'dumps', 'b.txt'));
  writeFileSync(join(work, 'd', 'notes.md'), 'my notes\n');
});

const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

describe('--out', () => {
  it.each([
    [['run', 'd', '--out', 'd'], '.'],
    [['run', 'd/dumps', '--out', 'd'], '.'],
    [['run', 'a.txt', '--out', '.'], 'd'],
    [['run', 'd', '--out', '.'], '.'],
  ])('refuses %j (from %s) with exit 2 and touches nothing', async (args, from) => {
    const before = listing(join(work, 'd'));
    const { code, stderr } = await cli(args, join(work, from));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(
      /^topic-atlas: --out \S+ holds the input \S+, and a run replaces the whole folder; choose another --out$/m,
    );
    expect(listing(join(work, 'd'))).toEqual(before);
  });

  it('refuses, for assign too, a folder holding an input or files assign did not write', async () => {
    const before = listing(join(work, 'd'));
    let { code, stderr } = await cli(['assign', 'd/a.txt', '--out', 'd'], work);
    expect([code, stderr.trim()]).toEqual([
      2,
      'topic-atlas: --out d holds the input d/a.txt, and a run replaces the whole folder; choose another --out',
    ]);
    ({ code, stderr } = await cli(['assign', 'd/dumps', '--out', 'd', '--model', 'none.json'], work));
    expect(code).toBe(2);
    expect(stderr).toContain('--out d holds the input d/dumps');
    ({ code } = await cli(['assign', 'd/dumps/b.txt', '--out', 'd/dumps'], work));
    expect(code).toBe(2);
    expect(listing(join(work, 'd'))).toEqual(before);
  });

  it('refuses a folder holding files it did not write, even beside its own outputs', async () => {
    const other = join(work, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'thesis.tex'), 'x');
    let { code, stderr } = await cli(['run', 'd/dumps', '--out', 'other'], work);
    expect(code).toBe(2);
    expect(stderr).toContain('--out other already holds thesis.tex, which topic-atlas did not write');
    expect(readFileSync(join(other, 'thesis.tex'), 'utf8')).toBe('x');

    expect((await cli(['run', 'd/dumps', '--out', 'out'], work)).code).toBe(0);
    writeFileSync(join(work, 'out', 'notes.md'), 'mine');
    ({ code, stderr } = await cli(['run', 'd/dumps', '--out', 'out', '--seed', '2'], work));
    expect(code).toBe(2);
    expect(stderr).toContain('already holds notes.md');
    expect(readFileSync(join(work, 'out', 'notes.md'), 'utf8')).toBe('mine');
  });

  it('accepts what an assign left inside the output folder (its lock and staging folder)', async () => {
    expect((await cli(['run', 'd/dumps', '--out', 'out'], work)).code).toBe(0);
    writeFileSync(join(work, 'out', '.assigned.lock'), JSON.stringify({ pid: 999999, host: hostname() }));
    mkdirSync(join(work, 'out', 'assigned.tmp-999999'));
    expect((await cli(['run', 'd/dumps', '--out', 'out', '--seed', '2'], work)).code).toBe(0);
  });

  it('writes into an output folder inside an input folder without reading it as input', async () => {
    rmSync(join(work, 'd', 'notes.md'));
    expect((await cli(['run', 'd', '--out', 'd/out'], work)).code).toBe(0);
    const { code } = await cli(['run', 'd', '--out', 'd/out', '--seed', '2'], work);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(work, 'd', 'out', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toEqual(['d/a.txt', 'd/dumps/b.txt']);
  });
});

describe('staging', () => {
  const out = (): string => join(work, 'out');
  const seedOutput = (): void => {
    mkdirSync(join(out(), 'runs', '0001-aaaaaaaa'), { recursive: true });
    mkdirSync(join(out(), '.cache', 'ingest'), { recursive: true });
    writeFileSync(join(out(), 'manifest.json'), JSON.stringify({ tool: { name: 'topic-atlas' } }));
    writeFileSync(join(out(), 'runs', '0001-aaaaaaaa', 'manifest.json'), '{}');
    writeFileSync(join(out(), '.cache', 'ingest', 'k.json'), '{}');
  };

  it('never moves the history out of the live folder, and the next run clears what a crash left', async () => {
    seedOutput();
    const crashed = await StagedOutput.open(out(), { carryOver: ['runs', '.cache'] });
    await crashed.write('papers.csv', 'half');
    // The process dies here: the live folder still has everything.
    expect(listing(out())).toContain(join('runs', '0001-aaaaaaaa', 'manifest.json'));
    expect(listing(out())).toContain(join('.cache', 'ingest', 'k.json'));
    renameSync(crashed.staging, `${out()}.tmp-999999`);

    // As the next run does, under its lock.
    await recoverStranded(out());
    const next = await StagedOutput.open(out(), { carryOver: ['runs', '.cache'] });
    await next.write('papers.csv', 'whole');
    await next.write('runs/0002-bbbbbbbb/manifest.json', '{}');
    await next.commit();
    expect(readdirSync(work).sort()).toEqual(['d', 'out']);
    expect(readFileSync(join(out(), 'papers.csv'), 'utf8')).toBe('whole');
    expect(readdirSync(join(out(), 'runs')).sort()).toEqual(['0001-aaaaaaaa', '0002-bbbbbbbb']);
    expect(existsSync(join(out(), '.cache', 'ingest', 'k.json'))).toBe(true);
  });

  it('puts back an output folder retired by a swap that died half way, and leaves look-alike folders alone', async () => {
    seedOutput();
    renameSync(out(), `${out()}.old-999999`);
    mkdirSync(`${out()}.tmp-123`); // a user's folder that only looks like ours
    await recoverStranded(out());
    const staged = await StagedOutput.open(out());
    await staged.discard();
    expect(readdirSync(work).sort()).toEqual(['d', 'out', 'out.tmp-123']);
    expect(existsSync(join(out(), 'runs', '0001-aaaaaaaa', 'manifest.json'))).toBe(true);
  });

  it('removes the staging folder when interrupted, and dies by the same signal', async () => {
    const script = `
      import { StagedOutput } from ${JSON.stringify(join(ROOT, 'pipeline', 'io', 'output-dir.ts'))};
      const staged = await StagedOutput.open(${JSON.stringify(out())});
      await staged.write('papers.csv', 'half');
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => undefined, 5000);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    expect(child.signal).toBe('SIGINT');
    expect(readdirSync(work)).toEqual(['d']);
  });
});

describe('disk full', () => {
  it('says so in one line, exits 1, keeps the previous output and leaves nothing behind', async (context) => {
    const disk = join(work, 'disk');
    mkdirSync(disk);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', disk]);
    if (mounted.status !== 0) {
      console.warn(
        `SKIPPED: disk-full test needs to mount a small tmpfs (root); mount said: ${String(mounted.stderr).trim()}`,
      );
      context.skip();
    }
    try {
      mkdirSync(join(disk, 'out'));
      writeFileSync(join(disk, 'out', 'manifest.json'), JSON.stringify({ tool: { name: 'topic-atlas' } }));
      writeFileSync(join(disk, 'out', 'papers.csv'), 'previous');
      const { code, stderr } = await cli(['run', 'd/a.txt', '--out', join(disk, 'out'), '--no-cache'], work);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^error \S+ No space left on device \(ENOSPC\); the previous output is unchanged \[io-error\]$/m,
      );
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(disk).sort()).toEqual(['out']);
      expect(readFileSync(join(disk, 'out', 'papers.csv'), 'utf8')).toBe('previous');
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

describe('one run per output folder', () => {
  it("refuses a second run while the first holds the lock, and takes over a dead run's lock", async () => {
    writeFileSync(join(work, '.out.lock'), JSON.stringify({ pid: process.pid, host: hostname() }));
    const busy = await cli(['run', 'd/a.txt', '--out', 'out'], work);
    expect(busy.code).toBe(2);
    expect(busy.stderr.trim()).toBe(
      `topic-atlas: out is being written by another topic-atlas run (pid ${process.pid}); try again when it has finished`,
    );

    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    writeFileSync(join(work, '.out.lock'), JSON.stringify({ pid: dead, host: hostname() }));
    expect((await cli(['run', 'd/a.txt', '--out', 'out'], work)).code).toBe(0);
    expect(existsSync(join(work, '.out.lock'))).toBe(false);
  });
});

describe('the command', () => {
  it('stops the restarted child when it is killed', async () => {
    // Small inputs run in the first process; --watch always restarts with the larger heap.
    const child = spawn(process.execPath, [BIN, 'run', 'd', '--out', 'out', '--watch'], { cwd: work, stdio: 'ignore' });
    // The lock appears once the restarted process has started the run, and names it once written
    // (it is created empty first: reading it at once can find nothing).
    const lockOwner = (): { pid: number } | null => {
      try {
        return JSON.parse(readFileSync(join(work, '.out.lock'), 'utf8')) as { pid: number };
      } catch {
        return null;
      }
    };
    for (let i = 0; i < 200 && lockOwner() === null; i++) await new Promise((r) => setTimeout(r, 25));
    const owner = lockOwner()!;
    expect(owner.pid).not.toBe(child.pid);
    child.kill('SIGTERM');
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(() => process.kill(owner.pid, 0)).toThrow();
    expect(existsSync(join(work, 'out', 'manifest.json'))).toBe(false);
    rmSync(join(work, '.out.lock'), { force: true });
  });
});
