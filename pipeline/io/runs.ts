/** The run history under `output/runs/`: ids, snapshots for comparing, pruning. */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreviousTopic } from '../../src/cluster/match-topics.js';
import type { PreviousTopics } from '../../src/cluster/identify-topics.js';
import type { RunSnapshot } from '../../src/compare/compare-runs.js';
import { parseCsvRows } from '../../src/table/csv-parse.js';

const RUN_ID = /^(\d{4,})-[0-9a-f]{8}$/;

/** Run ids in `runsDir`, oldest first. */
export async function listRuns(runsDir: string): Promise<string[]> {
  try {
    return (await readdir(runsDir))
      .filter((name) => RUN_ID.test(name))
      .sort((a, b) => Number(RUN_ID.exec(a)![1]) - Number(RUN_ID.exec(b)![1]));
  } catch {
    return [];
  }
}

/** `0007-1a2b3c4d`: a sequence number (so ids sort), then the run's input fingerprint. */
export function nextRunId(existing: readonly string[], fingerprint: string): string {
  const last = existing.at(-1);
  const next = last === undefined ? 1 : Number(RUN_ID.exec(last)![1]) + 1;
  return `${String(next).padStart(4, '0')}-${fingerprint.slice(0, 8)}`;
}

/** Keeps the newest `keep` runs in `runsDir`. */
export async function pruneRuns(runsDir: string, keep: number): Promise<string[]> {
  const runs = await listRuns(runsDir);
  const doomed = runs.slice(0, Math.max(0, runs.length - keep));
  for (const run of doomed) await rm(join(runsDir, run), { recursive: true, force: true });
  return doomed;
}

/**
 * What `compareRuns` needs of a stored run: its topics and every paper's topic. `topicsJson` is
 * the run's topics.json already parsed, when the caller has it.
 */
export async function loadSnapshot(runDir: string, runId: string, topicsJson?: unknown): Promise<RunSnapshot> {
  const topics = (topicsJson ?? JSON.parse(await readFile(join(runDir, 'topics.json'), 'utf8'))) as {
    topics: { id: number; label: string; size: number; terms: { term: string }[] }[];
  };
  const rows = parseCsvRows(await readFile(join(runDir, 'assignments.csv'), 'utf8'));
  const header = rows.shift()?.cells ?? [];
  const column = (name: string): number => header.indexOf(name);
  const papers = new Map<string, { topic: number; title: string }>();
  for (const row of rows) {
    const id = row.cells[column('id')];
    if (id) papers.set(id, { topic: Number(row.cells[column('topic')]), title: row.cells[column('title')] ?? '' });
  }
  return {
    runId,
    topics: topics.topics.map((t) => ({ id: t.id, label: t.label, size: t.size, terms: t.terms.map((x) => x.term) })),
    papers,
  };
}

/** Whether two paths name one file (hard links of it); false when either cannot be read. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** What a new run needs of the output folder's last run. */
export interface LastRun<Summary> {
  /** Run ids under `runs/`, oldest first. */
  readonly runs: readonly string[];
  /** The fingerprint and summary of the run the folder shows, if it has a readable manifest. */
  readonly manifest: { readonly fingerprint: string; readonly summary: Summary } | null;
  /** Its topics, to carry their ids over; none when there is no readable last run. */
  readonly topics: PreviousTopics;
  /**
   * The last run's runs/ID/topics.json as parsed, for `loadSnapshot`, when the folder shows that
   * run and its topics.json is a second name for that file (a copy, or a file edited since, is
   * left to be read again); else undefined.
   */
  readonly lastTopicsJson: unknown;
}

export async function readLastRun<Summary>(out: string): Promise<LastRun<Summary>> {
  const manifest = await readJson(join(out, 'manifest.json'), (m: ShownManifest<Summary>) => m);
  const topicsJson = await readJson(join(out, 'topics.json'), (document: StoredTopics) => document);
  const runs = await listRuns(join(out, 'runs'));
  const last = runs.at(-1);
  const shownIsLast =
    last !== undefined &&
    manifest?.runId === last &&
    (await sameFile(join(out, 'topics.json'), join(out, 'runs', last, 'topics.json')));
  return {
    runs,
    manifest:
      manifest?.fingerprint && manifest.summary
        ? { fingerprint: manifest.fingerprint, summary: manifest.summary }
        : null,
    topics: {
      // A topic carries its label from the terms, not the user's name for it (names apply each run).
      topics: (Array.isArray(topicsJson?.topics) ? topicsJson.topics : [])
        .filter((t) => typeof t?.id === 'number' && t.signature && Array.isArray(t.termKeys))
        .map((t) => ({ ...t, label: (t as { autoLabel?: string }).autoLabel ?? t.label })),
      nextId: topicsJson?.nextTopicId ?? 0,
    },
    lastTopicsJson: shownIsLast ? (topicsJson ?? undefined) : undefined,
  };
}

interface ShownManifest<Summary> {
  readonly runId?: string;
  readonly fingerprint?: string;
  readonly summary?: Summary;
}

interface StoredTopics {
  readonly nextTopicId?: number;
  readonly topics?: PreviousTopic[];
}

async function readJson<Raw, T>(path: string, read: (raw: Raw) => T | null): Promise<T | null> {
  try {
    return read(JSON.parse(await readFile(path, 'utf8')) as Raw);
  } catch {
    return null;
  }
}
