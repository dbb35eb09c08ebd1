/**
 * `npm run bench -- daily [--per-day N] [--days D] [--first F] [--k N] [--sample-seed S] [-- CLI FLAGS…]`
 *
 * The daily routine, replayed: one dump per listing day arrives and the user reruns. How much of
 * what they already saw stays put?
 *
 * 1. Group ../shared/eval/arxiv-pool.jsonl.gz by `date`. Pick D consecutive listing days (dates
 *    present in the pool, in order) that each have at least N papers; the window is a seeded
 *    choice among all such windows (seed `--sample-seed`, default 1). From each day, a seeded
 *    sample of N papers. Defaults: N = 40, D = 30, F = 20.
 *    When no window qualifies (N = 500: only 9 days of the pool have 500 papers), the window whose
 *    smallest day is largest is taken and each short day is topped up with variants of its own
 *    papers (title + "(variant c)", a seeded 10% of words dropped: the recipe of `bench -- scale`),
 *    so every day still has N papers drawn from that day's topics. The output says so.
 * 2. Each day is written as `<date>.jsonl` (title, abstract, date) under .bench/daily-NxD/days/.
 * 3. First run: the first F day files are copied into inputs/, `topic-atlas run inputs --out out`.
 * 4. D - F reruns: copy the next day in, rerun into the same out (cache and history kept). After
 *    each: papers present in both runs whose topic id changed (from the two runs'
 *    runs/<id>/assignments.csv), k, topics appeared / vanished, every other event list that
 *    changes.json records, and the wall seconds of the whole CLI process.
 * 5. The final run's topics against the pool's labels (V-measure, ARI, as `src/eval/metrics.ts`
 *    scores them), beside a fresh fit at the same k on the same inputs (`--k k --no-cache`, new
 *    folder); then a cold run of the final corpus with the reruns' own flags (`--no-cache`, new
 *    folder) and the ratio last rerun / cold.
 *
 * `--k N` and every flag after `--` are passed to every run (e.g. `-- --refit`).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createRandom } from '../src/numeric/random.js';
import { normaliseTitle } from '../src/ingest/build-corpus.js';
import { parseCsvRows } from '../src/table/csv-parse.js';
import { scoreRun } from './run-quality.js';

const WORK = '.bench';
const BIN = join(import.meta.dirname, '..', 'bin', 'topic-atlas.js');

/** What this benchmark needs of a pool record (bench.ts's PoolRecord has these fields). */
interface DailyRecord {
  readonly title: string;
  readonly abstract: string;
  readonly label: string;
  readonly date?: string;
}

interface DailyOptions {
  readonly perDay: number;
  readonly days: number;
  readonly first: number;
  readonly sampleSeed: number;
  /** Flags given to every `topic-atlas run`: `--k N` if asked for, and everything after `--`. */
  readonly runFlags: readonly string[];
}

interface Day {
  readonly date: string;
  /** Papers of that date in the pool, before sampling. */
  readonly available: number;
  readonly records: readonly DailyRecord[];
  /** How many of `records` are variants added because the day was short. */
  readonly variants: number;
}

/** One run as read back from its output folder. */
interface RunState {
  readonly runId: string;
  readonly seconds: number;
  readonly k: number;
  readonly topicIds: readonly number[];
  /** Paper id -> topic id. */
  readonly assignments: ReadonlyMap<string, number>;
}

interface RerunRow {
  readonly day: string;
  readonly papers: number;
  readonly existing: number;
  readonly moved: number;
  readonly k: number;
  readonly appeared: readonly number[];
  readonly vanished: readonly number[];
  readonly events: string;
  /** The update's objective over a fresh fit's at the same k (manifest `topics.freshRatio`); null for a refit. */
  readonly freshRatio: number | null;
  readonly seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Options

function usage(message: string): never {
  console.error(`bench daily: ${message}`);
  console.error(
    'usage: npm run bench -- daily [--per-day N] [--days D] [--first F] [--k N] [--sample-seed S] [-- CLI FLAGS...]',
  );
  process.exit(2);
}

/** The arguments after `daily`; everything after a `--` goes to the CLI untouched. */
function parseDailyArgs(args: readonly string[]): DailyOptions {
  const cut = args.indexOf('--');
  const own = cut === -1 ? args : args.slice(0, cut);
  const extra = cut === -1 ? [] : args.slice(cut + 1);
  const values: Record<string, number> = { 'per-day': 40, days: 30, first: 20, 'sample-seed': 1 };
  let k: string | undefined;
  for (let i = 0; i < own.length; i++) {
    const flag = own[i]!;
    const name = flag.replace(/^--/, '');
    const value = own[i + 1];
    if (name === 'k' && value !== undefined) k = value;
    else if (name in values && value !== undefined && /^\d+$/.test(value)) values[name] = Number(value);
    else usage(`unknown or incomplete option ${flag}`);
    i++;
  }
  const options = {
    perDay: values['per-day']!,
    days: values.days!,
    first: values.first!,
    sampleSeed: values['sample-seed']!,
  };
  if (options.perDay < 1 || options.first < 1 || options.first >= options.days)
    usage('need --per-day >= 1 and 1 <= --first < --days');
  return { ...options, runFlags: [...(k === undefined ? [] : ['--k', k]), ...extra] };
}

// ---------------------------------------------------------------------------------------------
// Step 1: the days

/** Pool records by date, dates in order. Records without a date are not on any listing day. */
function groupByDate(pool: readonly DailyRecord[]): Map<string, DailyRecord[]> {
  const byDate = new Map<string, DailyRecord[]>();
  for (const r of pool) if (r.date) (byDate.get(r.date) ?? byDate.set(r.date, []).get(r.date)!).push(r);
  return new Map([...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The first index of D consecutive listing days. A seeded choice among windows whose every day has
 * at least N papers; if there is none, the window whose smallest day is largest (earliest on a tie),
 * to be topped up with variants.
 */
function chooseWindow(
  sizes: readonly number[],
  options: DailyOptions,
  random: () => number,
): { start: number; full: boolean } {
  const starts: number[] = [];
  let best = { start: 0, smallest: -1 };
  for (let s = 0; s + options.days <= sizes.length; s++) {
    const smallest = Math.min(...sizes.slice(s, s + options.days));
    if (smallest >= options.perDay) starts.push(s);
    if (smallest > best.smallest) best = { start: s, smallest };
  }
  if (starts.length > 0) return { start: starts[Math.floor(random() * starts.length)]!, full: true };
  if (best.smallest < 0) usage(`the pool has only ${sizes.length} listing days, fewer than --days ${options.days}`);
  return { start: best.start, full: false };
}

/** Fisher-Yates on a copy, sorted by title first so the result does not depend on the pool's order. */
function shuffled<T extends DailyRecord>(records: readonly T[], random: () => number): T[] {
  const out = [...records].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * N papers of one day: a seeded sample, or, when the day is short, all of it and variants of its
 * papers (in the sampled order, copy number rising) until there are N. A variant's title carries
 * its copy number, so de-duplication keeps it, and a seeded 10% of its words are dropped.
 */
function sampleDay(
  records: readonly DailyRecord[],
  perDay: number,
  random: () => number,
): { records: DailyRecord[]; variants: number } {
  const order = shuffled(records, random);
  const out: DailyRecord[] = [];
  for (let i = 0; i < perDay; i++) {
    const base = order[i % order.length]!;
    const copy = Math.floor(i / order.length);
    if (copy === 0) out.push(base);
    else
      out.push({
        ...base,
        title: `${base.title} (variant ${copy})`,
        abstract: base.abstract
          .split(' ')
          .filter(() => random() >= 0.1)
          .join(' '),
      });
  }
  return { records: out, variants: Math.max(0, perDay - order.length) };
}

function chooseDays(pool: readonly DailyRecord[], options: DailyOptions): { days: Day[]; full: boolean } {
  const random = createRandom(options.sampleSeed);
  const byDate = groupByDate(pool);
  const dates = [...byDate.keys()];
  const { start, full } = chooseWindow(
    dates.map((d) => byDate.get(d)!.length),
    options,
    random,
  );
  const days = dates.slice(start, start + options.days).map((date) => {
    const available = byDate.get(date)!;
    return { date, available: available.length, ...sampleDay(available, options.perDay, random) };
  });
  return { days, full };
}

// ---------------------------------------------------------------------------------------------
// Step 2: the day files

/** One JSON Lines dump per day, named by its date, holding only what a dump would: title, abstract, date. */
function writeDayFiles(dir: string, days: readonly Day[]): string[] {
  mkdirSync(dir, { recursive: true });
  return days.map((day) => {
    const path = join(dir, `${day.date}.jsonl`);
    writeFileSync(
      path,
      day.records.map((r) => JSON.stringify({ title: r.title, abstract: r.abstract, date: day.date })).join('\n') +
        '\n',
    );
    return path;
  });
}

// ---------------------------------------------------------------------------------------------
// Steps 3-4: runs and what they changed

/** One `topic-atlas run`, timed as a whole process (Node's start included), then read back. */
function runCli(inputs: string, out: string, flags: readonly string[]): RunState {
  const started = performance.now();
  execFileSync('node', [BIN, 'run', inputs, '--out', out, '--quiet', ...flags], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  return { ...readRun(out), seconds };
}

function readRun(out: string): Omit<RunState, 'seconds'> {
  const { runId } = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { runId: string };
  const topics = JSON.parse(readFileSync(join(out, 'topics.json'), 'utf8')) as { k: number; topics: { id: number }[] };
  // The run's own record, not OUT/papers.csv: it is what the next run's changes are measured against.
  const rows = parseCsvRows(readFileSync(join(out, 'runs', runId, 'assignments.csv'), 'utf8'));
  const header = rows.shift()!.cells;
  const [idAt, topicAt] = [header.indexOf('id'), header.indexOf('topic')];
  const assignments = new Map(
    rows.filter((r) => r.cells.length > 1).map((r) => [r.cells[idAt]!, Number(r.cells[topicAt])]),
  );
  return { runId, k: topics.topics.length, topicIds: topics.topics.map((t) => t.id), assignments };
}

/** Papers in both runs, and how many of them changed topic id. */
function movedBetween(before: RunState, after: RunState): { existing: number; moved: number } {
  let existing = 0;
  let moved = 0;
  for (const [id, topic] of after.assignments) {
    const was = before.assignments.get(id);
    if (was === undefined) continue;
    existing++;
    if (was !== topic) moved++;
  }
  return { existing, moved };
}

/**
 * Every event list in OUT/changes.json but appeared / vanished (own columns) and grew / shrank
 * (size changes of a kept topic, not events), so lists a later version adds (births, ends, …)
 * show up without editing this script. A split lists where its papers went, a merge where they came from.
 */
function eventsOf(out: string): string {
  const changes = JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as Record<string, unknown>;
  const skip = new Set(['appeared', 'vanished', 'grew', 'shrank']);
  const parts: string[] = [];
  const refs = (list: unknown): string =>
    Array.isArray(list) ? list.map((p: { id?: unknown }) => String(p.id)).join('+') : '';
  const visit = (section: Record<string, unknown>, prefix: string): void => {
    for (const [key, value] of Object.entries(section)) {
      if (!Array.isArray(value) || skip.has(key)) continue;
      const items = value.map((e: Record<string, unknown>) =>
        e.into ? `${e.id}→${refs(e.into)}` : e.from ? `${refs(e.from)}→${e.id}` : String(e.id ?? JSON.stringify(e)),
      );
      parts.push(`${prefix}${key} ${value.length}${items.length ? `: ${items.join(', ')}` : ''}`);
    }
  };
  for (const [key, value] of Object.entries(changes)) {
    // papers.added / removed are lists of papers, measured in their own columns.
    if (key === 'papers' || key === 'from' || key === 'to') continue;
    if (Array.isArray(value)) visit({ [key]: value }, '');
    else if (value && typeof value === 'object')
      visit(value as Record<string, unknown>, key === 'topics' ? '' : `${key}.`);
  }
  return parts.join('; ');
}

function rerunRow(day: string, before: RunState, after: RunState, out: string): RerunRow {
  const was = new Set(before.topicIds);
  const now = new Set(after.topicIds);
  const { existing, moved } = movedBetween(before, after);
  // The run counts moved papers itself; a disagreement means one of the two readings is wrong.
  const reported = (JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as { papers?: { moved?: number } })
    .papers?.moved;
  if (reported !== undefined && reported !== moved)
    console.error(`warning: ${day}: changes.json says ${reported} papers moved, assignments.csv ${moved}`);
  return {
    day,
    papers: after.assignments.size,
    existing,
    moved,
    k: after.k,
    appeared: after.topicIds.filter((id) => !was.has(id)),
    vanished: before.topicIds.filter((id) => !now.has(id)),
    events: eventsOf(out),
    freshRatio:
      (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { topics?: { freshRatio?: number | null } })
        .topics?.freshRatio ?? null,
    seconds: after.seconds,
  };
}

// ---------------------------------------------------------------------------------------------
// Step 5: quality and the cold run

// ---------------------------------------------------------------------------------------------
// Printing

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);
const ids = (list: readonly number[]): string => (list.length ? list.join(', ') : '–');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function printRerunTable(first: RunState, firstDays: number, rows: readonly RerunRow[]): void {
  console.log(
    `\nfirst run: ${firstDays} days, ${first.assignments.size.toLocaleString('en')} papers, k = ${first.k}, ${first.seconds.toFixed(2)} s`,
  );
  console.log(
    '| rerun | day added | papers | existing | moved | % moved | k | appeared | vanished | events in changes.json | objective / fresh | seconds |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|');
  rows.forEach((r, i) =>
    console.log(
      `| ${i + 1} | ${r.day} | ${r.papers.toLocaleString('en')} | ${r.existing.toLocaleString('en')} | ${r.moved.toLocaleString('en')} | ${pct(r.moved, r.existing).toFixed(1)} | ${r.k} | ${ids(r.appeared)} | ${ids(r.vanished)} | ${r.events || '–'} | ${r.freshRatio?.toFixed(4) ?? '–'} | ${r.seconds.toFixed(2)} |`,
    ),
  );
  const moved = rows.map((r) => pct(r.moved, r.existing));
  console.log(
    `% of existing papers moved per rerun: median ${median(moved).toFixed(1)}, max ${Math.max(...moved).toFixed(1)}`,
  );
}

// ---------------------------------------------------------------------------------------------

export function dailyCase(pool: readonly DailyRecord[], args: readonly string[]): void {
  const options = parseDailyArgs(args);
  const dir = join(WORK, `daily-${options.perDay}x${options.days}`);
  rmSync(dir, { recursive: true, force: true });
  const [inputs, out, fresh, cold] = ['inputs', 'out', 'fresh', 'cold'].map((name) => join(dir, name)) as [
    string,
    string,
    string,
    string,
  ];
  mkdirSync(inputs, { recursive: true });

  const { days, full } = chooseDays(pool, options);
  const files = writeDayFiles(join(dir, 'days'), days);
  const variants = days.reduce((s, d) => s + d.variants, 0);
  console.log(
    `\ndaily case: ${options.days} listing days ${days[0]!.date} .. ${days.at(-1)!.date}, ${options.perDay} papers a day (sample seed ${options.sampleSeed}); ` +
      `first run ${options.first} days, then ${options.days - options.first} reruns of one day each; run flags: ${options.runFlags.join(' ') || '(none)'}`,
  );
  if (!full) {
    console.log(
      `no ${options.days} consecutive listing days have ${options.perDay} papers each; took the window whose smallest day is largest ` +
        `(${Math.min(...days.map((d) => d.available))} papers) and added ${variants.toLocaleString('en')} variants of short days' own papers`,
    );
  }

  // The first F days, as if the user had been collecting them before the first run.
  for (const file of files.slice(0, options.first)) copyFileSync(file, join(inputs, file.split('/').at(-1)!));
  const first = runCli(inputs, out, options.runFlags);
  console.error(`first run: ${first.assignments.size} papers, k = ${first.k}, ${first.seconds.toFixed(1)} s`);

  // One new day at a time, into the same output folder: the routine the README describes.
  const rows: RerunRow[] = [];
  let previous = first;
  for (let d = options.first; d < options.days; d++) {
    copyFileSync(files[d]!, join(inputs, files[d]!.split('/').at(-1)!));
    const current = runCli(inputs, out, options.runFlags);
    rows.push(rerunRow(days[d]!.date, previous, current, out));
    const r = rows.at(-1)!;
    console.error(
      `rerun ${rows.length} (${r.day}): moved ${r.moved}/${r.existing}, k = ${r.k}, ${r.seconds.toFixed(1)} s`,
    );
    previous = current;
  }
  printRerunTable(first, options.first, rows);

  // Labels by normalised title (variants too: a variant carries its base paper's label).
  const labelOf = new Map(days.flatMap((d) => d.records.map((r) => [normaliseTitle(r.title), r.label] as const)));
  const freshRun = runCli(inputs, fresh, [...options.runFlags, '--k', String(previous.k), '--no-cache']);
  const coldRun = runCli(inputs, cold, [...options.runFlags, '--no-cache']);
  console.log(`\nfinal corpus (${previous.assignments.size.toLocaleString('en')} papers) against the pool's labels`);
  console.log('| topics | k | papers matched | homogeneity | completeness | V-measure | ARI |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, run, folder] of [
    ['after the reruns', previous, out],
    [`fresh fit (--k ${previous.k} --no-cache)`, freshRun, fresh],
  ] as const) {
    const q = scoreRun(folder, labelOf);
    console.log(
      `| ${name} | ${run.k} | ${q.matched.toLocaleString('en')} | ${q.homogeneity.toFixed(4)} | ${q.completeness.toFixed(4)} | ${q.vMeasure.toFixed(4)} | ${q.ari.toFixed(4)} |`,
    );
  }

  const last = rows.at(-1)!;
  console.log('\nlast rerun against a cold run of the same final corpus (wall seconds, CLI end to end)');
  console.log('| run | seconds | ratio to cold |');
  console.log('|---|---:|---:|');
  console.log(`| cold (--no-cache, new folder) | ${coldRun.seconds.toFixed(2)} | 1.000 |`);
  console.log(
    `| last rerun (${last.day} added) | ${last.seconds.toFixed(2)} | ${(last.seconds / coldRun.seconds).toFixed(3)} |`,
  );
}
