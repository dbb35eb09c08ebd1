/** Atomic output: every file is written to a sibling temporary folder, which then replaces the target. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

export interface WriteOutputOptions {
  /** Entries of the old folder moved into the new one first (the cache, earlier runs). */
  readonly carryOver?: readonly string[];
  /** Runs on the staging folder after files are written, before the swap (pruning old runs). */
  readonly beforeSwap?: (staging: string) => Promise<void>;
}

/**
 * Writes `files` (relative path -> content) as the whole content of `dir`. Readers see either the
 * old folder or the new one, never a mix: a crash leaves at most a stray `.tmp-*` sibling.
 */
export async function writeOutputDir(dir: string, files: OutputFiles, options: WriteOutputOptions = {}): Promise<void> {
  const target = resolve(dir);
  const staging = `${target}.tmp-${process.pid}`;
  const retired = `${target}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const entry of options.carryOver ?? []) {
    try {
      await rename(join(target, entry), join(staging, entry));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const [path, content] of files) {
    const full = join(staging, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
  await options.beforeSwap?.(staging);
  await mkdir(dirname(target), { recursive: true });
  let hadTarget = true;
  try {
    await rename(target, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadTarget = false;
  }
  await rename(staging, target);
  if (hadTarget) await rm(retired, { recursive: true, force: true });
}
