/**
 * A hash of everything in the tool that shapes an output: its own code (every source file of
 * `src/`, `pipeline/` and `bin/`, or of `dist/` and `bin/` when compiled) and the versions of the packages it
 * runs on. Part of every run fingerprint and cache key, so any change to the code makes the next
 * run recompute, with no version to bump by hand.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The package's root: the nearest folder above this module with a package.json. This module is in
 * `pipeline/stages/` when run from the sources and in `dist/pipeline/stages/` when compiled; an
 * installed package has only `bin/` and `dist/` (plus its manifest and README).
 */
const ROOT = packageRoot(import.meta.dirname);
/**
 * Only the code that runs is hashed: the compiled tree when this module was loaded from `dist/`,
 * the sources otherwise (a clone holds both, and a stale `dist/` does not shape the output).
 */
const SOURCE_FOLDERS = ['src', 'pipeline', 'bin'];
const COMPILED_FOLDERS = ['dist', 'bin'];
const RUNNING_FOLDERS =
  relative(ROOT, import.meta.dirname).split(sep)[0] === 'dist' ? COMPILED_FOLDERS : SOURCE_FOLDERS;
const CODE_FILE = /\.(ts|js|mjs|cjs|json)$/;

let memo: Promise<string> | undefined;

/** sha256 (hex) of the tool's code and its dependencies' versions; computed once per process. */
export function codeFingerprint(): Promise<string> {
  memo ??= fingerprintCode(ROOT, RUNNING_FOLDERS);
  return memo;
}

/** The fingerprint of the package at `root` (exported for tests). */
export async function fingerprintCode(root: string, folders: readonly string[] = SOURCE_FOLDERS): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(folders.map((folder) => listFiles(join(root, folder))))).flat().sort();
  for (const file of files) {
    hash.update(`${relative(root, file).split(sep).join('/')}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
  hash.update(JSON.stringify(await dependencyVersions(root)));
  return hash.digest('hex');
}

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return []; // dist/ only once built; src/ and pipeline/ only in a clone, not in the installed package
  }
  return entries.filter((e) => e.isFile() && CODE_FILE.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** name@version of every runtime dependency, as installed. */
async function dependencyVersions(root: string): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const require = createRequire(join(root, 'package.json'));
  const versions = [`topic-atlas@${pkg.version}`];
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    try {
      const manifest = JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as {
        version: string;
      };
      versions.push(`${name}@${manifest.version}`);
    } catch {
      versions.push(`${name}@${pkg.dependencies![name]}`); // a package that hides its manifest
    }
  }
  return versions;
}
