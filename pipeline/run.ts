/**
 * `topic-atlas run`: read the inputs, run the stages of `stages.ts`, write `output/` atomically.
 *
 *   1. resolve INPUT paths to files
 *   2. ingest each file (decode, detect format, parse)
 *   3. build the corpus (dates, de-duplication)
 *   4. fit topics (tokenise, TF-IDF, LSA, k-means, describe, PCA), when there are papers
 *   5. render tables, topics, model, charts, reports and manifest, and swap them into the output folder
 */
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import type { ParsedDump } from '../src/types.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import { resolveInputs } from './inputs.js';
import { writeOutputDir } from './output-dir.js';
import { renderPapersCsv } from './papers-table.js';
import { runStage, type StageTiming } from './stage.js';
import { corpusStage, ingestStage } from './stages.js';
import { renderModelJson, renderTopicsJson, TOPIC_COLUMNS, topicColumns } from './topic-outputs.js';
import { fitTopics, type TopicParams } from './topics.js';
import { buildReportData } from '../src/report/build-report-data.js';
import { renderReportFiles } from './report-files.js';

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  /** Year for dates printed without one; null to infer it. */
  readonly year: number | null;
  readonly topics: TopicParams;
}

export interface RunSummary {
  readonly exitCode: 0 | 1;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  readonly rawPapers: number;
  readonly papers: number;
  readonly duplicatesMerged: number;
  readonly skipped: number;
  readonly topics: readonly { label: string; size: number }[];
}

export async function runPipeline(options: RunOptions, toolVersion: string, log: (line: string) => void): Promise<RunSummary> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (found: readonly Diagnostic[]): void => {
    for (const d of found) {
      diagnostics.push(d);
      log(formatDiagnostic(d));
    }
  };

  // 1. Inputs.
  const { files, diagnostics: inputProblems } = await resolveInputs(options.inputs, [options.out]);
  report(inputProblems);

  // 2. Ingest, file by file.
  const dumps: ParsedDump[] = [];
  const hashes = new Map<string, string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      report([{ severity: 'error', code: 'unreadable-input', message: `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, place: { file: file.display, line: 1 } }]);
      continue;
    }
    const hash = sha256(bytes);
    hashes.set(file.display, hash);
    const result = runStage(ingestStage, { file: file.display, bytes }, {}, hash, timings);
    report(result.diagnostics);
    dumps.push(result.value);
  }

  // 3. Corpus.
  const corpusParams = { year: options.year };
  const corpusResult = runStage(corpusStage, dumps, corpusParams, sha256(canonicalJson(dumps)), timings);
  report(corpusResult.diagnostics);
  const { corpus, listingYear, duplicatesByFile } = corpusResult.value;

  // 4. Topics.
  const corpusHash = sha256(canonicalJson(corpus.papers));
  const fitted = corpus.papers.length >= 2 ? fitTopics(corpus.papers, options.topics, corpusHash, timings) : null;
  if (fitted === null) {
    report([{ severity: 'warning', code: 'too-few-papers', message: `Found ${corpus.papers.length} papers; topics need at least 2` }]);
  }

  // 5. Outputs.
  const chartWarnings: string[] = [];
  const outputs = new Map<string, string | Uint8Array>();
  outputs.set(
    'papers.csv',
    fitted
      ? await renderPapersCsv(corpus.papers, TOPIC_COLUMNS, topicColumns(corpus.papers, fitted))
      : await renderPapersCsv(corpus.papers),
  );
  if (fitted) {
    outputs.set('topics.json', renderTopicsJson(corpus.papers, fitted));
    outputs.set('model.json', renderModelJson(fitted, options.topics, toolVersion));
    const started = performance.now();
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
      explainedVariance: fitted.projection.explainedVariance,
      kChoice: { k: fitted.cluster.k, criterion: fitted.cluster.choice?.criterion ?? 'fixed', curve: fitted.cluster.choice?.curve ?? [] },
    });
    const report = await renderReportFiles(reportData);
    for (const [path, content] of report.files) outputs.set(path, content);
    chartWarnings.push(...report.warnings);
    timings.push({ stage: 'report', key: '', ms: Math.round(performance.now() - started) });
  }
  const manifest = {
    tool: { name: 'topic-atlas', version: toolVersion },
    options: { inputs: options.inputs, out: options.out, year: options.year, topics: options.topics },
    listingYear,
    inputs: dumps.map((d) => ({
      path: d.file,
      sha256: hashes.get(d.file),
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
    topics: fitted && { k: fitted.cluster.k, kCriterion: fitted.cluster.choice?.criterion ?? 'fixed', vocabulary: fitted.tfidf.cols },
    diagnostics: diagnostics.map(formatDiagnostic),
    chartWarnings,
    timings,
  };
  outputs.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  await writeOutputDir(options.out, outputs);

  const skipped = dumps.reduce((n, d) => n + d.skipped.length, 0);
  return {
    exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0,
    diagnostics,
    files: files.length,
    rawPapers: dumps.reduce((n, d) => n + d.papers.length, 0),
    papers: corpus.papers.length,
    duplicatesMerged: corpus.duplicatesMerged,
    skipped,
    topics: fitted?.topics.map((t) => ({ label: t.label, size: t.size })) ?? [],
  };
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
    'year of undated listings': listingYear === null ? 'unknown' : `${listingYear}${options.year === null ? ' (inferred)' : ' (--year)'}`,
  };
}
