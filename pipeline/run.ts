/**
 * `topic-atlas run`: read the inputs, run the stages, write `output/` atomically.
 *
 *   1. resolve INPUT paths to files, hash them; stop here if nothing changed since the last run
 *   2. ingest each file (decode, detect format, parse), from the stage cache when it has the file
 *   3. build the corpus (dates, de-duplication)
 *   4. fit topics (tokenise, TF-IDF, LSA, k-means, describe, PCA), ids matched to the last run's
 *   5. compare with the last run
 *   6. render tables, topics, model, charts, reports, manifest; keep a copy under runs/<run-id>/;
 *      swap it all into the output folder (carrying over the cache and earlier runs)
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareRuns, type RunChanges, type RunSnapshot } from '../src/compare/compare-runs.js';
import { matchTopics, type PreviousTopic, type TopicIdentity } from '../src/cluster/match-topics.js';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { buildReportData } from '../src/report/build-report-data.js';
import { encodeCsvCell } from '../src/table/csv-cell.js';
import type { Paper, ParsedDump } from '../src/types.js';
import { openStageCache } from './cache.js';
import type { ProgressReporter } from './progress.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import { resolveInputs } from './inputs.js';
import { recoverStranded, StagedOutput } from './output-dir.js';
import { checkOutputTarget } from './output-guard.js';
import { codeFingerprint } from './code-fingerprint.js';
import { lockOutput } from './output-lock.js';
import { hashFile } from './read-parts.js';
import { ingest } from './ingest.js';
import type { BuildCorpusResult } from '../src/ingest/build-corpus.js';
import { papersCsvChunks } from './papers-table.js';
import { renderTopicsCsv } from './topics-table.js';
import { renderReportFiles } from './report-files.js';
import { listRuns, loadSnapshot, nextRunId, pruneRuns } from './runs.js';
import { measured, runStage, type KeyedResult, type StageTiming } from './stage.js';
import { corpusStage, ingestStage } from './stages.js';
import { modelJsonChunks, renderTopicsJson, topicColumns } from './topic-outputs.js';
import { startKernelPool } from './kernel-pool.js';
import { fitTopics, TOPIC_STAGE_VERSIONS, type FittedTopics, type TopicParams } from './topics.js';

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
  readonly changes: RunChanges | null;
  readonly cacheStats: Readonly<Record<string, { hits: number; misses: number }>>;
}

/** Inputs at least this large (about 20,000 abstracts) start the kernel worker (see kernel-pool.ts). */
const PARALLEL_FROM_BYTES = 24 * 2 ** 20;
const ARTIFACTS = [
  'papers.csv',
  'topics.csv',
  'topics.json',
  'model.json',
  'report.html',
  'report.md',
  'manifest.json',
];

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

    return await runLocked(options, toolVersion, log, reporter);
  } finally {
    await release();
  }
}

async function runLocked(
  options: RunOptions,
  toolVersion: string,
  log: (line: string) => void,
  reporter?: ProgressReporter,
): Promise<RunSummary> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (found: readonly Diagnostic[]): void => {
    for (const d of found) {
      diagnostics.push(d);
      log(formatDiagnostic(d));
    }
  };
  const cache = openStageCache(options.cache);
  const runsDir = join(options.out, 'runs');

  // 1. Inputs, and the fingerprint of everything that shapes the result.
  const { files, diagnostics: inputProblems } = await resolveInputs(options.inputs, [options.out]);
  const inputs: { display: string; path: string; hash: string; bytes: number }[] = [];
  for (const file of files) {
    try {
      inputs.push({ display: file.display, path: file.path, ...(await hashFile(file.path)) });
    } catch (error) {
      inputProblems.push({
        severity: 'error',
        code: 'unreadable-input',
        message: `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        place: { file: file.display, line: 1 },
      });
    }
  }
  const fingerprint = sha256(
    canonicalJson({
      toolVersion,
      code: await codeFingerprint(),
      stages: {
        ...TOPIC_STAGE_VERSIONS,
        [ingestStage.name]: ingestStage.version,
        [corpusStage.name]: corpusStage.version,
      },
      year: options.year,
      topics: options.topics,
      inputs: inputs.map((i) => [i.display, i.hash]),
      problems: inputProblems.map(formatDiagnostic),
    }),
  );
  const previous = await readPreviousManifest(options.out);
  // --no-cache asks for everything to be computed afresh, so it skips this shortcut too.
  if (options.cache !== null && previous?.fingerprint === fingerprint && (await allExist(options.out, ARTIFACTS))) {
    return { ...previous.summary, changed: false, diagnostics: [], changes: null, cacheStats: cache.stats };
  }
  report(inputProblems);

  // Large inputs get a second thread (parsing, the tokeniser's scan, the LSA products) and
  // collections between big steps.
  const inputBytes = inputs.reduce((n, i) => n + i.bytes, 0);
  const pool = inputBytes >= PARALLEL_FROM_BYTES ? await startKernelPool(log) : null;
  let fitted: FittedTopics | null;
  let corpusResult: KeyedResult<BuildCorpusResult>;
  let dumps: ParsedDump[];
  try {
    // 2. Ingest, file by file; a file seen before (same path, same bytes) comes from the cache.
    const ingested = await ingest(inputs, cache, pool, timings, report, reporter);
    dumps = ingested.dumps;
    const ingestKeys = ingested.keys;

    // 3. Corpus.
    // Keys chain from the inputs' hashes, so no stage ever serialises the whole corpus to hash it.
    const corpusInput = sha256(canonicalJson(ingestKeys));
    corpusResult = runStage(corpusStage, dumps, { year: options.year }, corpusInput, timings);
    report(corpusResult.diagnostics);
    const papers = corpusResult.value.corpus.papers;

    // 4. Topics, with ids carried over from the last run.
    fitted =
      papers.length >= 2
        ? fitTopics(papers, options.topics, corpusResult.key, timings, reporter, pool ?? undefined)
        : null;
    pool?.releaseMemory(); // what the fit dropped (the TF-IDF matrix), before the output files
  } finally {
    await pool?.close();
  }
  const { corpus, listingYear, duplicatesByFile } = corpusResult.value;
  if (fitted === null) {
    const few = corpus.papers.length < 2;
    report([
      {
        severity: 'warning',
        code: few ? 'too-few-papers' : 'too-few-terms',
        message: few
          ? `Found ${corpus.papers.length} papers; topics need at least 2`
          : `No term occurs in at least 2 and at most half of the ${corpus.papers.length} papers, so nothing tells them apart; no topics this time`,
      },
    ]);
  }
  const runs = await listRuns(runsDir);
  const runId = nextRunId(runs, fingerprint);
  const lastRun = runs.at(-1);
  const previousTopics = await readPreviousTopics(options.out);
  const identity = fitted && matchTopics(previousTopics.topics, fitted.topics, previousTopics.nextId);

  // 5. Changes since the last run.
  let changes: RunChanges | null = null;
  let before: RunSnapshot | null = null;
  if (fitted && identity && lastRun) {
    try {
      before = await loadSnapshot(join(runsDir, lastRun), lastRun);
      changes = compareRuns(before, snapshotOf(runId, corpus.papers, fitted, identity));
    } catch {
      log(`warning: the previous run ${lastRun} could not be read; no comparison this time`);
    }
  }

  const summary = {
    exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0,
    runId,
    files: files.length,
    rawPapers: dumps.reduce((n, d) => n + d.papers.length, 0),
    papers: corpus.papers.length,
    duplicatesMerged: corpus.duplicatesMerged,
    skipped: dumps.reduce((n, d) => n + d.skipped.length, 0),
    topics:
      fitted && identity
        ? fitted.topics.map((t) => ({ id: identity.ids[t.topic]!, label: identity.labels[t.topic]!, size: t.size }))
        : [],
  } as const;

  // 6. Outputs, written as they are made into a staging folder that replaces the old one at the end.

  const staged = await StagedOutput.open(options.out, {
    carryOver: ['.cache', 'runs', 'assigned'],
    beforeSwap: async (staging) => void (await pruneRuns(join(staging, 'runs'), options.keep)),
  });
  try {
    // Small files, kept whole: written once the manifest exists, and again under runs/<id>/.
    const recorded = new Map<string, string>();
    const chartWarnings: string[] = [];
    let started = performance.now();
    await staged.write(
      'papers.csv',
      papersCsvChunks(corpus.papers, fitted && identity ? topicColumns(fitted, identity) : undefined),
    );
    timings.push(measured('papers-table', runId, started));
    if (fitted && identity) {
      started = performance.now();
      recorded.set('topics.json', renderTopicsJson(corpus.papers, fitted, identity));
      await staged.write('topics.csv', await renderTopicsCsv(corpus.papers, fitted, identity));
      await staged.write('model.json', modelJsonChunks(fitted, identity, options.topics, toolVersion));
      timings.push(measured('topic-files', runId, started));
      if (changes) recorded.set('changes.json', `${JSON.stringify(changes, null, 2)}\n`);
      started = performance.now();
      const reportData = buildReportData({
        toolVersion,
        dumps,
        duplicatesByFile,
        duplicatesMerged: corpus.duplicatesMerged,
        diagnostics: diagnostics.map(formatDiagnostic),
        options: describeOptions(options, listingYear, fitted.cluster.k),
        papers: corpus.papers,
        labels: fitted.cluster.labels,
        coordinates: fitted.projection.coordinates,
        centroidPositions: fitted.centroidPositions,
        topics: fitted.topics,
        identity,
        explainedVariance: fitted.projection.explainedVariance,
        kChoice: {
          k: fitted.cluster.k,
          criterion: fitted.cluster.choice?.criterion ?? 'fixed',
          curve: fitted.cluster.choice?.curve ?? [],
        },
        changes,
        previousTopics: before?.topics ?? [],
      });
      const reportProgress = reporter?.stage('report');
      const rendered = await renderReportFiles(reportData, reportProgress);
      reportProgress?.finish();
      for (const [path, content] of rendered.files) {
        if (typeof content === 'string' && (path === 'report.html' || path === 'report.md'))
          recorded.set(path, content);
        else await staged.write(path, content);
      }
      chartWarnings.push(...rendered.warnings);
      report(rendered.diagnostics);
      timings.push(measured('report', runId, started));
    }
    const manifest = {
      tool: { name: 'topic-atlas', version: toolVersion },
      runId,
      previousRun: lastRun ?? null,
      fingerprint,
      options: {
        inputs: options.inputs,
        out: options.out,
        year: options.year,
        topics: options.topics,
        cache: options.cache,
        keep: options.keep,
      },
      listingYear,
      inputs: dumps.map((d, i) => ({
        path: d.file,
        sha256: inputs[i]!.hash,
        format: d.format,
        encoding: d.encoding,
        papers: d.papers.length,
        duplicates: duplicatesByFile[d.file] ?? 0,
        units: d.units,
        boilerplate: d.boilerplate,
        used: d.used,
        skipped: d.skipped,
      })),
      corpus: { papers: corpus.papers.length, duplicatesMerged: corpus.duplicatesMerged },
      topics: fitted && {
        k: fitted.cluster.k,
        kCriterion: fitted.cluster.choice?.criterion ?? 'fixed',
        vocabulary: fitted.vocabulary.terms.length,
      },
      diagnostics: diagnostics.map(formatDiagnostic),
      chartWarnings,
      cache: cache.stats,
      timings,
      summary,
    };
    recorded.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    for (const [name, content] of recorded) await staged.write(name, content);
    // The run's own record, written last: what it found, and the report as it was.
    for (const [name, content] of recorded) await staged.write(`runs/${runId}/${name}`, content);
    if (fitted && identity)
      await staged.write(`runs/${runId}/assignments.csv`, assignmentsCsvChunks(corpus.papers, fitted, identity));
  } catch (error) {
    await staged.discard();
    throw error;
  }
  await staged.commit();
  return { ...summary, changed: true, diagnostics, changes, cacheStats: cache.stats };
}

/** id,topic,title per paper: what a later run compares against. */
function* assignmentsCsvChunks(
  papers: readonly Paper[],
  fitted: FittedTopics,
  identity: TopicIdentity,
): Generator<string> {
  yield 'id,topic,title\n';
  for (let from = 0; from < papers.length; from += 10_000) {
    const rows = papers
      .slice(from, from + 10_000)
      .map(
        (p, offset) => `${p.id},${identity.ids[fitted.cluster.labels[from + offset]!]!},${encodeCsvCell(p.title)}\n`,
      );
    yield rows.join('');
  }
}

function snapshotOf(
  runId: string,
  papers: readonly Paper[],
  fitted: FittedTopics,
  identity: TopicIdentity,
): RunSnapshot {
  return {
    runId,
    topics: fitted.topics.map((t) => ({
      id: identity.ids[t.topic]!,
      label: identity.labels[t.topic]!,
      size: t.size,
      terms: t.terms.map((x) => x.term),
    })),
    papers: new Map(papers.map((p, i) => [p.id, { topic: identity.ids[fitted.cluster.labels[i]!]!, title: p.title }])),
  };
}

interface PreviousManifest {
  readonly fingerprint: string;
  readonly summary: Omit<RunSummary, 'changed' | 'diagnostics' | 'changes' | 'cacheStats'>;
}

async function readPreviousManifest(out: string): Promise<PreviousManifest | null> {
  try {
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Partial<PreviousManifest>;
    return manifest.fingerprint && manifest.summary ? (manifest as PreviousManifest) : null;
  } catch {
    return null;
  }
}

/** The last run's topics, to carry their ids over; none when there is no readable last run. */
async function readPreviousTopics(out: string): Promise<{ topics: PreviousTopic[]; nextId: number }> {
  try {
    const document = JSON.parse(await readFile(join(out, 'topics.json'), 'utf8')) as {
      nextTopicId?: number;
      topics?: PreviousTopic[];
    };
    const topics = (document.topics ?? []).filter(
      (t) => typeof t.id === 'number' && t.signature && Array.isArray(t.termKeys),
    );
    return { topics, nextId: document.nextTopicId ?? 0 };
  } catch {
    return { topics: [], nextId: 0 };
  }
}

async function allExist(dir: string, names: readonly string[]): Promise<boolean> {
  try {
    await Promise.all(names.map((name) => access(join(dir, name))));
    return true;
  } catch {
    return false;
  }
}

/** The options that shaped the result, in words, for the report's run summary. */
function describeOptions(options: RunOptions, listingYear: number | null, k: number): Record<string, string> {
  const t = options.topics;
  return {
    inputs: options.inputs.join(', '),
    'topics (k)': t.k === 'auto' ? `${k}, chosen automatically (up to ${t.kMax})` : `${k}, set with --k`,
    representation: t.representation === 'lsa' ? `LSA, ${t.lsaComponents} dimensions` : 'TF-IDF',
    seed: String(t.seed),
    stemming: t.tokenize.stem ? 'Porter' : 'off',
    phrases: t.tokenize.phrases ? `two-word phrases in at least ${t.tokenize.minPhraseCount} papers` : 'off',
    'year of undated listings':
      listingYear === null ? 'unknown' : `${listingYear}${options.year === null ? ' (inferred)' : ' (--year)'}`,
  };
}
