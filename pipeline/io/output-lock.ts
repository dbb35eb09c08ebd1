/**
 * One run at a time per output folder: a lock file beside it (`.OUT.lock`, holding the owner's
 * pid and host; hidden, so a folder walk never reads it as input). A lock whose process is gone
 * on this host is stale and taken over.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputRefusedError } from './output-guard.js';

/** Takes the lock of `out`; returns the function that releases it. */
export async function lockOutput(out: string): Promise<() => Promise<void>> {
  const path = join(dirname(resolve(out)), `.${basename(resolve(out))}.lock`);
  await mkdir(dirname(path), { recursive: true });
  const busy = (who: string): OutputRefusedError =>
    new OutputRefusedError(`${out} is being written by ${who}; try again when it has finished`);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      await handle.close();
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Another process took the lock between our take-over and this try.
      if (attempt > 0) throw busy('another topic-atlas run');
    }
    const owner = await readOwner(path);
    if (owner === 'being-written' || (owner !== null && isAlive(owner))) {
      throw busy(owner === 'being-written' ? 'another topic-atlas run' : `another topic-atlas run (pid ${owner.pid})`);
    }
    await takeOver(path, owner);
  }
}

/**
 * Moves a stale lock aside. Renaming is atomic, so of two processes judging the same lock stale
 * only one moves it; a process that instead moved a lock just taken by another puts it back.
 */
async function takeOver(path: string, stale: LockOwner | null): Promise<void> {
  const aside = `${path}.stale-${process.pid}`;
  try {
    await rename(path, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  const moved = await readOwner(aside);
  const same =
    moved === stale || (moved !== null && moved !== 'being-written' && stale !== null && moved.pid === stale.pid);
  if (same) await unlink(aside).catch(() => undefined);
  else await rename(aside, path).catch(() => undefined);
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
}

/** The lock's owner; 'being-written' for a lock so new its owner has not written it yet. */
async function readOwner(path: string): Promise<LockOwner | 'being-written' | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') return { pid: owner.pid, host: owner.host };
  } catch {
    // empty or half-written: judged by its age below
  }
  try {
    return Date.now() - (await stat(path)).mtimeMs < 5_000 ? 'being-written' : null;
  } catch {
    return null;
  }
}

/** A lock from another host cannot be checked, so it counts as held. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
