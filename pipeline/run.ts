/**
 * `topic-atlas run`: the whole pipeline, in the order of `stages.ts`, into one output folder.
 *
 *   1. inputs: resolve INPUT paths to files and hash them; the run's fingerprint
 *   2. stop here if nothing changed since the last run
 *   3. fit: ingest each file (from the stage cache when seen before), build the corpus, fit topics
 *   4. identify: stable topic ids, labels and colours, matched to the last run's
 *   5. compare with the last run
 *   6. report: charts, HTML, Markdown
 *   7. outputs (outputs/outputs.ts), written into a staging folder that replaces the output folder
 */
import type { TopicGuide } from '../src/cluster/guided-topics.js';
import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { identifyTopics, type IdentifiedTopics } from '../src/cluster/identify-topics.js';
import {
  compareRuns,
  snapshotOf,
  type RunChanges,
  type RunSnapshot,
  type TopicLifeEvent,
} from '../src/compare/compare-runs.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { messages } from '../src/messages.js';
import type { BuildCorpusResult } from '../src/ingest/build-corpus.js';
import type { ParsedDump } from '../src/types.js';
import { openStageCache, type StageCache } from './stages/cache.js';
import { canonicalJson, sha256 } from './stages/canonical-json.js';
import { resolveInputs } from './io/inputs.js';
import { ingest } from './stages/ingest.js';
import { startKernelPool } from './parallel/kernel-pool.js';
import { warmChartRenderer } from './parallel/chart-renderer.js';
import { recoverStranded, StagedOutput } from './io/output-dir.js';
import { checkOutputTarget } from './io/output-guard.js';
import { lockOutput } from './io/output-lock.js';
import { OUTPUT_FILES, writeOutputs, type RunProducts } from './outputs/outputs.js';
import type { ProgressReporter } from './io/progress.js';
import { readInlineLibraries, type ChartImages } from './outputs/report-files.js';
import { hashFile } from './io/read-parts.js';
import { readTopicNames } from './io/names-file.js';
import { renderReport } from './stages/report-step.js';
import { RunRecord } from './stages/run-record.js';
import { loadSnapshot, nextRunId, pruneRuns, readLastRun, type LastRun } from './io/runs.js';
import { runStage } from './stages/stage.js';
import { corpusStage, runFingerprint } from './stages.js';
import { fitTopics, type FittedTopics, type TopicParams } from './stages/topics.js';

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  /** Year for dates printed without one; null to infer it. */
  readonly year: number | null;
  readonly topics: TopicParams;
  /** Stage cache folder; null for none. */
  readonly cache: string | null;
  /** How many runs to keep under runs/. */
  readonly keep: number;
  /** Fit the topics afresh instead of updating the last run's. */
  readonly refit: boolean;
  /** The topic names file (see io/names-file.ts); null for none. */
  readonly names: string | null;
  /** Static chart images: none (report.html draws the charts from their specs), SVG, or SVG and PNG. */
  readonly images: ChartImages;
}

export interface RunSummary {
  readonly exitCode: 0 | 1;
  /** False when nothing changed since the last run, so nothing was computed or written. */
  readonly changed: boolean;
  readonly runId: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  readonly rawPapers: number;
  readonly papers: number;
  readonly duplicatesMerged: number;
  readonly skipped: number;
  readonly topics: readonly { id: number; label: string; size: number }[];
  /** The seed topics the run was given (--seed-topics): a rerun with other ones fits afresh. */
  readonly guides: readonly TopicGuide[];
  readonly changes: RunChanges | null;
  readonly cacheStats: Readonly<Record<string, { hits: number; misses: number }>>;
}

type StoredSummary = RunProducts['summary'];

/** An input file with its content hash. */
export interface HashedInput {
  readonly display: string;
  readonly path: string;
  readonly hash: string;
  readonly bytes: number;
}

/**
 * Past this ratio of an update's objective to a fresh fit's, the living topics describe today's
 * papers markedly worse than a refit would: the run says so and suggests --refit.
 */
const DRIFT_LIMIT = 1.1;

/**
 * Inputs at least this large (about 20,000 abstracts) start the kernel worker (see
 * parallel/kernel-pool.ts). Below, a second thread does not pay: at 2,000 abstracts, sharing the
 * k-means restarts alone made the run 0.1-0.2 s slower (each thread compiles the code cold).
 */
const PARALLEL_FROM_BYTES = 24 * 2 ** 20;

/**
 * Runs the pipeline into `options.out`, holding its lock. Throws `OutputRefusedError` when the
 * folder holds an input or files of the user's, or another run is writing it.
 */
export async function runPipeline(
  options: RunOptions,
  toolVersion: string,
  log: (line: string) => void,
  reporter?: ProgressReporter,
): Promise<RunSummary> {
  await checkOutputTarget(options.out, options.inputs);
  const release = await lockOutput(options.out);
  try {
    await recoverStranded(options.out); // before the walk, which could read a dead run's leftovers
    return await runLocked(options, toolVersion, new RunRecord(log), reporter);
  } finally {
    await release();
  }
}

async function runLocked(
  options: RunOptions,
  toolVersion: string,
  record: RunRecord,
  reporter?: ProgressReporter,
): Promise<RunSummary> {
  const cache = openStageCache(options.cache);
  // 1. Inputs, and the fingerprint of everything that shapes the outputs.
  const { inputs, problems } = await hashInputs(options);
  const names = await readTopicNames(options.names);
  problems.push(...names.problems);
  const fingerprint = await runFingerprint(toolVersion, options, inputs, problems, names.names);
  // 2. Nothing changed: stop. (--no-cache asks for everything afresh, so it skips this too.)
  const last = await readLastRun<StoredSummary>(options.out);
  if (options.cache !== null && last.manifest?.fingerprint === fingerprint && (await requiredOutputsExist(options.out)))
    return { ...last.manifest.summary, changed: false, diagnostics: [], changes: null, cacheStats: cache.stats };
  record.report(problems);
  // Loads the chart libraries on another thread while the topics are fitted.
  if (options.images !== 'none') warmChartRenderer();
  // report.html inlines the browser builds of Vega: read while the topics are fitted. A failure
  // shows when the report awaits them.
  readInlineLibraries().catch(() => undefined);
  // 3. Ingest, corpus, topics: the last run's topics updated, unless --refit (or a new --k).
  const before = await readLastSnapshot(options.out, last, record);
  const { dumps, corpus, fitted } = await fit(
    options,
    inputs,
    cache,
    record,
    updatable(options, last, before),
    reporter,
  );
  // 4. Stable ids, labels and colours.
  const identified =
    fitted &&
    identifyTopics(
      fitted.topics,
      fitted.cluster.labels,
      fitted.centroidPositions,
      fitted.centroids,
      last.topics,
      fitted.cluster.continues,
      names.names,
      fitted.cluster.coarse.groups,
      fitted.guides,
    );
  const topics = fitted && identified && { fitted, identified };
  // 5. Changes since the last run.
  const runId = nextRunId(last.runs, fingerprint);
  const changes = topics && before && changesSince(before, runId, corpus, topics);
  // 6. The report.
  const report =
    topics &&
    (await record.timed('report', runId, () =>
      renderReport({ toolVersion, options, dumps, corpus, ...topics, changes, before }, record, reporter),
    ));
  // 7. Every output, swapped in at once.
  const summary = summarize(runId, record, inputs.length, dumps, corpus, identified, options.topics.guides);
  const products: RunProducts = {
    runId,
    previousRun: last.runs.at(-1) ?? null,
    fingerprint,
    toolVersion,
    options,
    inputs,
    dumps,
    corpus,
    topics,
    changes,
    report,
    summary,
    cacheStats: cache.stats,
  };
  await writeAll(options, products, record);
  return { ...summary, changed: true, diagnostics: record.diagnostics, changes, cacheStats: cache.stats };
}

/** The input files and their hashes; files that cannot be read are problems, not inputs. */
async function hashInputs(options: RunOptions): Promise<{ inputs: HashedInput[]; problems: Diagnostic[] }> {
  const { files, diagnostics: problems } = await resolveInputs(options.inputs, [options.out]);
  const inputs: HashedInput[] = [];
  // The names file may sit in an input folder; it names topics, it holds no papers.
  const namesFile = options.names === null ? null : resolve(options.names);
  for (const file of files.filter((f) => resolve(f.path) !== namesFile)) {
    try {
      inputs.push({ display: file.display, path: file.path, ...(await hashFile(file.path)) });
    } catch (error) {
      problems.push(messages.unreadableFile(file.display, (error as NodeJS.ErrnoException).code ?? String(error)));
    }
  }
  return { inputs, problems };
}

/** Ingest, corpus and topics: the computing part, on two threads for large inputs. */
async function fit(
  options: RunOptions,
  inputs: readonly HashedInput[],
  cache: StageCache,
  record: RunRecord,
  before: RunSnapshot | null,
  reporter?: ProgressReporter,
): Promise<{ dumps: ParsedDump[]; corpus: BuildCorpusResult; fitted: FittedTopics | null }> {
  const bytes = inputs.reduce((n, i) => n + i.bytes, 0);
  // The worker loads while this thread starts reading: ingest's second lane waits for it.
  const starting = bytes >= PARALLEL_FROM_BYTES ? startKernelPool(record.log) : null;
  // A start that fails before ingest awaits it must not end the process as an unhandled
  // rejection: the failure still reaches `await starting` below.
  starting?.catch(() => undefined);
  try {
    const { dumps, keys } = await ingest(
      inputs,
      cache,
      starting,
      record.timings,
      (found) => record.report(found),
      reporter,
    );
    const pool = await starting;
    // Keys chain from the inputs' hashes, so no stage ever serialises the whole corpus to hash it.
    const corpus = runStage(corpusStage, dumps, { year: options.year }, sha256(canonicalJson(keys)), record.timings);
    record.report(corpus.diagnostics);
    const papers = corpus.value.corpus.papers;
    const previousTopic = before && membership(papers, before);
    const fitted =
      papers.length >= 2
        ? fitTopics(papers, options.topics, corpus.key, record.timings, reporter, pool ?? undefined, previousTopic)
        : null;
    if (fitted === null)
      record.report([papers.length < 2 ? messages.tooFewPapers(papers.length) : messages.tooFewTerms(papers.length)]);
    record.report(fitted?.diagnostics ?? []);
    const drift = fitted?.cluster.freshRatio ?? 1;
    if (drift > DRIFT_LIMIT) record.report([messages.topicsDrifted(drift)]);
    pool?.releaseMemory(); // what the fit dropped (the TF-IDF matrix), before the output files
    return { dumps, corpus: corpus.value, fitted };
  } finally {
    // The started pool (settled by now, or failed: then there is nothing to close).
    await (await starting?.catch(() => null))?.close();
  }
}

/** The last run's papers and their topics; null when there is none, or it cannot be read. */
async function readLastSnapshot(
  out: string,
  last: LastRun<StoredSummary>,
  record: RunRecord,
): Promise<RunSnapshot | null> {
  const lastRun = last.runs.at(-1);
  if (lastRun === undefined) return null;
  try {
    return await loadSnapshot(join(out, 'runs', lastRun), lastRun, last.lastTopicsJson);
  } catch {
    record.report([messages.previousRunUnreadable(lastRun)]);
    return null;
  }
}

/**
 * The snapshot to update from, or null to refit: --refit asks for a fresh fit, and so does a --k
 * other than the last run's number of topics.
 */
function updatable(options: RunOptions, last: LastRun<StoredSummary>, before: RunSnapshot | null): RunSnapshot | null {
  if (before === null || options.refit || last.topics.topics.length === 0) return null;
  // New seed topics shape a fresh fit; the same ones as last time leave the topics living.
  if (canonicalJson(options.topics.guides) !== canonicalJson(last.manifest?.summary.guides ?? [])) return null;
  const k = options.topics.k;
  return k === 'auto' || k === before.topics.length ? before : null;
}

/** Each paper's topic id in the last run (-1 for a new paper), and its ids; null when no paper was in it. */
function membership(
  papers: readonly { readonly id: string }[],
  before: RunSnapshot,
): { topic: Int32Array; ids: number[] } | null {
  const topic = Int32Array.from(papers, (p) => before.papers.get(p.id)?.topic ?? -1);
  return topic.some((t) => t >= 0) ? { topic, ids: before.topics.map((t) => t.id) } : null;
}

function changesSince(
  before: RunSnapshot,
  runId: string,
  corpus: BuildCorpusResult,
  { fitted, identified }: NonNullable<RunProducts['topics']>,
): RunChanges {
  const changes = compareRuns(before, snapshotOf(runId, corpus.corpus.papers, identified));
  if (fitted.cluster.continues === null) return { ...changes, mode: 'refit' };
  const byPosition = new Map(identified.topics.map((t) => [t.topic, t]));
  const labelOf = new Map(before.topics.map((t) => [t.id, t.label]));
  const idAt = new Map(identified.topics.map((t) => [t.id, t]));
  const ref = (id: number) => ({ id, label: idAt.get(id)?.label ?? labelOf.get(id) ?? '' });
  const events = fitted.cluster.events.map((e): TopicLifeEvent => {
    switch (e.kind) {
      case 'end':
        return { event: 'end', ...ref(e.previousId), reason: e.reason };
      case 'merge':
        return { event: 'merge', ...ref(e.previousId), into: ref(e.into), reason: e.reason };
      case 'split': {
        const t = byPosition.get(e.cluster)!;
        return {
          event: 'split',
          id: t.id,
          label: t.label,
          from: ref(e.previousId),
          papers: e.papers,
          reason: e.reason,
        };
      }
      case 'birth': {
        const t = byPosition.get(e.cluster)!;
        const { papers, joined, cohesion, reason } = e;
        return { event: 'birth', id: t.id, label: t.label, papers, joined, cohesion, reason };
      }
    }
  });
  // An update decides its splits and merges itself and records them as events; reading them again
  // from where papers went would report each twice.
  return { ...changes, topics: { ...changes.topics, split: [], merged: [] }, mode: 'update', events };
}

function summarize(
  runId: string,
  record: RunRecord,
  files: number,
  dumps: readonly ParsedDump[],
  { corpus }: BuildCorpusResult,
  identified: IdentifiedTopics | null,
  guides: readonly TopicGuide[],
): StoredSummary {
  return {
    exitCode: record.exitCode,
    runId,
    files,
    rawPapers: dumps.reduce((n, d) => n + d.papers.length, 0),
    papers: corpus.papers.length,
    duplicatesMerged: corpus.duplicatesMerged,
    skipped: dumps.reduce((n, d) => n + d.skipped.length, 0),
    topics: identified?.topics.map((t) => ({ id: t.id, label: t.label, size: t.size })) ?? [],
    guides,
  };
}

/** Writes every output into a staging folder that then replaces the output folder whole. */
async function writeAll(options: RunOptions, products: RunProducts, record: RunRecord): Promise<void> {
  const staged = await StagedOutput.open(options.out, {
    carryOver: ['.cache', 'runs', 'assigned'],
    beforeSwap: async (staging) => void (await pruneRuns(join(staging, 'runs'), options.keep)),
  });
  try {
    await writeOutputs(staged, products, record);
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
}

/** The no-change shortcut holds only while every required output is still there. */
function requiredOutputsExist(out: string): Promise<boolean> {
  return allExist(
    out,
    OUTPUT_FILES.filter((o) => o.required && o.kept !== 'history').map((o) => o.path),
  );
}

async function allExist(dir: string, names: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(names.map((name) => access(join(dir, name))));
    return true;
  } catch {
    return false;
  }
}
