/**
 * Atomic output: every file is written to a sibling staging folder, which then replaces the target.
 *
 * The live folder is never emptied before the swap: entries carried into the new version (the
 * cache, earlier runs) are hard-linked into the staging folder, not moved, so a crash or a kill at
 * any point leaves the previous output whole. The only window without a folder at `dir` is between
 * two renames; the next run puts the retired folder back if it finds one stranded there.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { access, copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { onInterrupt } from './interrupts.js';
import { isOutputFolder } from './output-guard.js';

/** Marks a folder as a staging folder of ours, so only such folders are ever cleared as stale. */
const STAGING_MARK = '.topic-atlas-staging';

/** A file's content: whole, or produced piece by piece (a large table never becomes one string). */
export type OutputContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

type OutputFiles = ReadonlyMap<string, OutputContent>;

interface WriteOutputOptions {
  /** Entries of the old folder linked into the new one at the swap (the cache, earlier runs). */
  readonly carryOver?: readonly string[];
  /** Runs on the staging folder after files are written, before the swap (pruning old runs). */
  readonly beforeSwap?: (staging: string) => Promise<void>;
}

/**
 * A new version of `dir` being written next to it. Readers see either the old folder or the new
 * one, never a mix. Callers hold the folder's lock (output-lock.ts), so any other staging or
 * retired sibling belongs to a run that died; they clear those (`recoverStranded`) before they
 * open one, as `writeOutputDir` and a run do.
 */
export class StagedOutput {
  private readonly releaseInterrupt: () => void;

  private constructor(
    private readonly target: string,
    readonly staging: string,
    private readonly options: WriteOutputOptions,
  ) {
    // Ctrl-C or a kill while files are written removes the half-written folder.
    this.releaseInterrupt = onInterrupt(() => rmSync(staging, { recursive: true, force: true }));
  }

  static async open(dir: string, options: WriteOutputOptions = {}): Promise<StagedOutput> {
    const target = resolve(dir);
    const staged = new StagedOutput(target, `${target}.tmp-${process.pid}`, options);
    await mkdir(staged.staging, { recursive: true });
    await writeFile(join(staged.staging, STAGING_MARK), '');
    return staged;
  }

  /** A second name for a file already written (paths relative to the folder): a hard link where it can be. */
  async link(from: string, to: string): Promise<void> {
    const full = join(this.staging, to);
    await mkdir(dirname(full), { recursive: true });
    await linkOrCopy(join(this.staging, from), full);
  }

  /** Writes one file (path relative to the folder); returns its size in bytes. */
  async write(path: string, content: OutputContent): Promise<number> {
    const full = join(this.staging, path);
    await mkdir(dirname(full), { recursive: true });
    const stream = createWriteStream(full);
    // A failed write (a full disk) must reject, not crash the process as an unhandled 'error'.
    const failed = new Promise<never>((_, reject) => stream.once('error', reject));
    failed.catch(() => undefined);
    let bytes = 0;
    const put = async (chunk: string | Uint8Array): Promise<void> => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (!stream.write(chunk)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), failed]);
    };
    try {
      try {
        if (typeof content === 'string' || content instanceof Uint8Array) await put(content);
        else for await (const chunk of content) await put(chunk);
      } finally {
        stream.end();
        await finished(stream);
      }
    } catch (error) {
      // A stream's write error names no file; the message should.
      if ((error as NodeJS.ErrnoException).syscall && !(error as NodeJS.ErrnoException).path)
        (error as NodeJS.ErrnoException).path = join(this.target, path); // as the user will find it
      throw error;
    }
    return bytes;
  }

  /** Replaces the target with everything written, plus the carried-over entries of the old one. */
  async commit(): Promise<void> {
    try {
      for (const entry of this.options.carryOver ?? [])
        await linkTree(join(this.target, entry), join(this.staging, entry));
      await this.options.beforeSwap?.(this.staging);
      await mkdir(dirname(this.target), { recursive: true });
      const retired = `${this.target}.old-${process.pid}`;
      let hadTarget = true;
      try {
        await rename(this.target, retired);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        hadTarget = false;
      }
      await rm(join(this.staging, STAGING_MARK));
      await rename(this.staging, this.target);
      if (hadTarget) await rm(retired, { recursive: true, force: true });
    } catch (error) {
      await this.discard();
      throw error;
    } finally {
      this.releaseInterrupt();
    }
  }

  /** Gives up: the staging folder goes; the old folder was never touched. */
  async discard(): Promise<void> {
    this.releaseInterrupt();
    await rm(this.staging, { recursive: true, force: true });
  }
}

/**
 * Clears what a dead run left beside `target`: its staging folder, and its retired folder, which
 * is put back first when the run died between the two renames of a swap.
 */
export async function recoverStranded(dir: string): Promise<void> {
  const target = resolve(dir);
  const name = basename(target);
  let siblings: string[];
  try {
    siblings = await readdir(dirname(target));
  } catch {
    return; // no parent yet: nothing stranded
  }
  const ours = async (sibling: string, kind: 'old' | 'tmp'): Promise<boolean> =>
    sibling.startsWith(`${name}.${kind}-`) &&
    /^\d+$/.test(sibling.slice(name.length + kind.length + 2)) &&
    (kind === 'tmp'
      ? await exists(join(dirname(target), sibling, STAGING_MARK))
      : await isOutputFolder(join(dirname(target), sibling)));
  const retired: string[] = [];
  const staging: string[] = [];
  for (const sibling of siblings) {
    if (await ours(sibling, 'old')) retired.push(sibling);
    else if (await ours(sibling, 'tmp')) staging.push(sibling);
  }
  if (retired.length > 0 && !siblings.includes(name)) await rename(join(dirname(target), retired.shift()!), target);
  for (const stale of [...retired, ...staging])
    await rm(join(dirname(target), stale), { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Hard-links every file under `from` into `to` (copying where links are not possible), keeping
 * what `to` already has. Linking costs one directory entry per file however large the history.
 */
async function linkTree(from: string, to: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await mkdir(to, { recursive: true });
  for (const entry of entries) {
    const source = join(from, entry.name);
    const copy = join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, copy);
    else if (entry.isFile()) await linkOrCopy(source, copy);
  }
}

async function linkOrCopy(source: string, copy: string): Promise<void> {
  try {
    await link(source, copy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') await copyFile(source, copy);
    else throw error;
  }
}

/** Writes `files` (relative path -> content) as the whole content of `dir`, atomically. */
export async function writeOutputDir(dir: string, files: OutputFiles, options: WriteOutputOptions = {}): Promise<void> {
  await recoverStranded(dir);
  const staged = await StagedOutput.open(dir, options);
  try {
    for (const [path, content] of files) await staged.write(path, content);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}
