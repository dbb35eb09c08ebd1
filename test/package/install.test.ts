/**
 * The package as a user gets it: `npm pack`, then `npm install -g` of that tarball into an empty
 * prefix (the registry reachable, nothing else), then the installed `topic-atlas` on a folder of
 * dumps. Skipped, saying so, when the registry cannot be reached. Takes about a minute.
 *
 * The tarball is packed from a copy of the package's files (its `prepack` builds dist/ there), so
 * the build never replaces this tree's dist/ under a run that other tests have started.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const MINUTES = 60_000;

/** What `npm pack` needs to build and pack: the manifest, the build's config and its sources. */
const PACKAGE_SOURCES = ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'bin', 'src', 'pipeline'];

/** npm's environment without what `npm test` passes down to its scripts (a prefix, a global flag). */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(prefix|global|local_prefix|global_prefix|dry_run|ignore_scripts)$/i.test(key)) delete env[key];
  }
  return env;
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: npmEnv(), maxBuffer: 1 << 26, timeout: 4 * MINUTES });
  return stdout;
}

async function registryReachable(): Promise<boolean> {
  try {
    await run('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { env: npmEnv(), timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

const reachable = await registryReachable();
if (!reachable) console.warn('SKIPPED: the package install test needs the npm registry, and `npm ping` failed.');

describe.skipIf(!reachable)('the packed package, installed globally into an empty prefix', () => {
  let work: string;
  let installed: string;
  let command: string;
  let packed: { filename: string; files: { path: string }[] };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-package-'));
    const prefix = join(work, 'prefix');
    installed = join(prefix, 'lib', 'node_modules', 'topic-atlas');
    command = join(prefix, 'bin', 'topic-atlas');
    const copy = join(work, 'package');
    for (const entry of PACKAGE_SOURCES) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    mkdirSync(join(work, 'tarball'));
    [packed] = JSON.parse(await npm(['pack', '--json', '--pack-destination', join(work, 'tarball')], copy)) as [
      typeof packed,
    ];
    mkdirSync(prefix);
    await npm(
      ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', join(work, 'tarball', packed.filename)],
      work,
    );
    mkdirSync(join(work, 'dumps'));
    for (const name of readdirSync(join(ROOT, 'seeds'))) cpSync(join(ROOT, 'seeds', name), join(work, 'dumps', name));
  }, 8 * MINUTES);

  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  it('ships compiled JavaScript, the bin, the README and the manifest, and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('bin/topic-atlas.js');
    expect(paths).toContain('dist/cli.js');
    expect(paths).toContain('dist/kernel-worker.js');
    expect(paths).toContain('dist/chart-worker.js');
    expect(paths).toContain('README.md');
    expect(paths).toContain('package.json');
    expect(paths.filter((p) => !/^(bin|dist)\//.test(p) && p !== 'README.md' && p !== 'package.json')).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts'))).toEqual([]);
  });

  it('installs without tfjs and without tsx', () => {
    expect(existsSync(join(installed, 'dist', 'cli.js'))).toBe(true);
    expect(existsSync(join(installed, 'node_modules', '@tensorflow'))).toBe(false);
    expect(existsSync(join(installed, 'node_modules', 'tsx'))).toBe(false);
  });

  it('answers --help and --version', async () => {
    const help = await run(command, ['--help'], { cwd: work });
    expect(help.stdout).toContain('topic-atlas run [INPUT ...]');
    const version = await run(command, ['--version'], { cwd: work });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it(
    'runs on a folder of dumps and writes the report, on two threads; a rerun finds nothing changed',
    async () => {
      const first = await run(command, ['run', 'dumps', '--out', 'out'], { cwd: work, timeout: 4 * MINUTES });
      expect(first.stderr).not.toContain('no kernel worker');
      expect(first.stderr).toMatch(/^Run 0001-[0-9a-f]{8}: 4 files/m);
      for (const file of [
        'report.html',
        'report.md',
        'topics.csv',
        'topics.json',
        'papers.csv',
        'model.json',
        'manifest.json',
      ]) {
        expect(existsSync(join(work, 'out', file)), file).toBe(true);
      }
      expect(readFileSync(join(work, 'out', 'topics.csv'), 'utf8')).toMatch(
        /^topic,label,papers,share,cohesion,top_terms,representative,parent\n0,/,
      );
      // The code fingerprint is computed from the installed layout (bin/ and dist/ only).
      const second = await run(command, ['run', 'dumps', '--out', 'out'], { cwd: work, timeout: 4 * MINUTES });
      expect(second.stderr).toMatch(/^Nothing changed since run 0001-/m);
    },
    5 * MINUTES,
  );
});
