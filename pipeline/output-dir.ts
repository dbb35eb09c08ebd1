/** Atomic output: every file is written to a sibling temporary folder, which then replaces the target. */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';

/** A file's content: whole, or produced piece by piece (a large table never becomes one string). */
export type OutputContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

export type OutputFiles = ReadonlyMap<string, OutputContent>;

export interface WriteOutputOptions {
  /** Entries of the old folder moved into the new one first (the cache, earlier runs). */
  readonly carryOver?: readonly string[];
  /** Runs on the staging folder after files are written, before the swap (pruning old runs). */
  readonly beforeSwap?: (staging: string) => Promise<void>;
}

/**
 * A new version of `dir` being written next to it. Readers see either the old folder or the new
 * one, never a mix: a crash leaves at most a stray `.tmp-*` sibling.
 */
export class StagedOutput {
  private constructor(
    private readonly target: string,
    readonly staging: string,
    private readonly options: WriteOutputOptions,
  ) {}

  static async open(dir: string, options: WriteOutputOptions = {}): Promise<StagedOutput> {
    const target = resolve(dir);
    const staged = new StagedOutput(target, `${target}.tmp-${process.pid}`, options);
    await rm(staged.staging, { recursive: true, force: true });
    await mkdir(staged.staging, { recursive: true });
    await staged.moveCarried(target, staged.staging);
    return staged;
  }

  /** Writes one file (path relative to the folder); returns its size in bytes. */
  async write(path: string, content: OutputContent): Promise<number> {
    const full = join(this.staging, path);
    await mkdir(dirname(full), { recursive: true });
    const stream = createWriteStream(full);
    let bytes = 0;
    const put = async (chunk: string | Uint8Array): Promise<void> => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
    };
    try {
      if (typeof content === 'string' || content instanceof Uint8Array) await put(content);
      else for await (const chunk of content) await put(chunk);
    } finally {
      stream.end();
      await finished(stream);
    }
    return bytes;
  }

  /** Replaces the target with everything written. */
  async commit(): Promise<void> {
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
    await rename(this.staging, this.target);
    if (hadTarget) await rm(retired, { recursive: true, force: true });
  }

  /** Gives up: carried-over entries go back to the old folder, the staging folder goes. */
  async discard(): Promise<void> {
    await this.moveCarried(this.staging, this.target);
    await rm(this.staging, { recursive: true, force: true });
  }

  private async moveCarried(from: string, to: string): Promise<void> {
    for (const entry of this.options.carryOver ?? []) {
      try {
        await rename(join(from, entry), join(to, entry));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
}

/** Writes `files` (relative path -> content) as the whole content of `dir`, atomically. */
export async function writeOutputDir(dir: string, files: OutputFiles, options: WriteOutputOptions = {}): Promise<void> {
  const staged = await StagedOutput.open(dir, options);
  try {
    for (const [path, content] of files) await staged.write(path, content);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}
