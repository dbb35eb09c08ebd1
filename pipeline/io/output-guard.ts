/**
 * What `--out` may name. A run replaces the whole output folder, so it refuses a folder that is
 * or holds an input, or that holds anything topic-atlas did not write: it never deletes a file
 * it did not make. An output folder is recognised by its manifest.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OUTPUT_FILES } from '../outputs/outputs.js';

/** `--out` names a folder the run must not replace; the CLI prints the message and exits 2. */
export class OutputRefusedError extends Error {}

/** Top-level entries a run writes into its output folder (or carries over: the cache, `assign`'s folder). */
const OUTPUT_ENTRIES: ReadonlySet<string> = new Set([
  ...OUTPUT_FILES.filter((o) => o.kept !== 'history').map((o) => o.path.replace(/\/$/, '')),
  'runs',
  'assigned',
  '.cache',
]);

const CHART_FILE = /^[a-z0-9-]+\.(vl\.json|svg|png)$/;

/** True when `dir` holds a manifest written by topic-atlas. */
export async function isOutputFolder(dir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { tool?: { name?: unknown } };
    return manifest?.tool?.name === 'topic-atlas';
  } catch {
    return false;
  }
}

/** The files `assign` writes: its output folder holds these and nothing else. */
const ASSIGN_ENTRIES: ReadonlySet<string> = new Set(['assigned.csv', 'assigned.md']);

/**
 * Throws `OutputRefusedError` when writing `out` (a run's folder, or the folder `assign` writes)
 * could delete an input or a file of the user's.
 */
export async function checkOutputTarget(
  out: string,
  inputs: readonly string[],
  writer: 'run' | 'assign' = 'run',
): Promise<void> {
  const target = await realPathOf(out);
  for (const input of inputs) {
    const source = await realPathOf(input);
    if (source === target || source.startsWith(target.endsWith(sep) ? target : target + sep)) {
      throw new OutputRefusedError(
        `--out ${out} holds the input ${input}, and a run replaces the whole folder; choose another --out`,
      );
    }
  }
  const stranger = writer === 'run' ? await firstForeignEntry(target) : await firstEntryNotIn(target, ASSIGN_ENTRIES);
  if (stranger !== null) {
    throw new OutputRefusedError(
      `--out ${out} already holds ${stranger}, which topic-atlas did not write, and a run replaces the whole folder; ` +
        'choose a new or empty folder, or move it away',
    );
  }
}

async function firstEntryNotIn(dir: string, names: ReadonlySet<string>): Promise<string | null> {
  try {
    return (await readdir(dir)).sort().find((e) => !names.has(e)) ?? null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? basename(dir) : null;
  }
}

/** The first entry of `dir` a run did not write, or null; an empty or missing folder has none. */
async function firstForeignEntry(dir: string): Promise<string | null> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    return null;
  }
  if (!info.isDirectory()) return basename(dir);
  const entries = (await readdir(dir)).sort();
  if (entries.length === 0) return null;
  if (!(await isOutputFolder(dir))) return entries.find((e) => e !== '.cache') ?? null;
  const foreign = entries.find((e) => !OUTPUT_ENTRIES.has(e) && !OUTPUT_ENTRIES.has(writtenFor(e)));
  if (foreign !== undefined) return foreign;
  const charts = entries.includes('charts') ? await readdir(join(dir, 'charts')).catch(() => []) : [];
  const chart = charts.sort().find((c) => !CHART_FILE.test(c));
  return chart === undefined ? null : `charts/${chart}`;
}

/**
 * The entry a lock or staging name belongs to (`.assigned.lock`, `assigned.tmp-123` and
 * `assigned.old-123` are `assign`'s while it writes `assigned/`), or the name itself.
 */
function writtenFor(name: string): string {
  return /^\.(.+)\.lock$/.exec(name)?.[1] ?? /^(.+)\.(?:tmp|old)-\d+$/.exec(name)?.[1] ?? name;
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realPathOf(parent), relative(parent, absolute));
  }
}
