/** A content-addressed stage cache on disk: one JSON file per (stage, cache key). */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StageCache {
  get<T>(stage: string, key: string): Promise<T | undefined>;
  set(stage: string, key: string, value: unknown): Promise<void>;
  /** Hits and misses so far, per stage. */
  readonly stats: Record<string, { hits: number; misses: number }>;
}

/** A cache under `dir`, or one that never hits when `dir` is null (`--no-cache`). */
export function openStageCache(dir: string | null): StageCache {
  const stats: StageCache['stats'] = {};
  const made = new Map<string, Promise<unknown>>();
  const count = (stage: string, hit: boolean): void => {
    const s = (stats[stage] ??= { hits: 0, misses: 0 });
    if (hit) s.hits++;
    else s.misses++;
  };
  return {
    stats,
    async get<T>(stage: string, key: string): Promise<T | undefined> {
      if (dir === null) return void count(stage, false);
      try {
        const value = JSON.parse(await readFile(join(dir, stage, `${key}.json`), 'utf8')) as T;
        count(stage, true);
        return value;
      } catch {
        count(stage, false);
        return undefined; // missing or unreadable: recompute
      }
    },
    async set(stage: string, key: string, value: unknown): Promise<void> {
      if (dir === null) return;
      const folder = join(dir, stage);
      // Once per stage, not per entry: ingest writes one entry per input file.
      await (made.get(folder) ?? made.set(folder, mkdir(folder, { recursive: true })).get(folder));
      const temporary = join(folder, `${key}.json.tmp-${process.pid}`);
      await writeFile(temporary, JSON.stringify(value));
      await rename(temporary, join(folder, `${key}.json`));
    },
  };
}
