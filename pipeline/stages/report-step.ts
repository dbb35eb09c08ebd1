/**
 * The report step: the run's pieces gathered into report data, then rendered as charts, HTML and
 * Markdown. The charts are still being drawn when it returns: the output files wait for them.
 */
import type { IdentifiedTopics } from '../../src/cluster/identify-topics.js';
import type { RunChanges, RunSnapshot } from '../../src/compare/compare-runs.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import type { BuildCorpusResult } from '../../src/ingest/build-corpus.js';
import { buildReportData } from '../../src/report/build-report-data.js';
import type { ParsedDump } from '../../src/types.js';
import type { ProgressReporter } from '../io/progress.js';
import { startReportFiles, type ReportFiles } from '../outputs/report-files.js';
import type { RunRecord } from './run-record.js';
import type { RunOptions } from '../run.js';
import type { FittedTopics } from './topics.js';

export interface ReportInput {
  readonly toolVersion: string;
  readonly options: RunOptions;
  readonly dumps: readonly ParsedDump[];
  readonly corpus: BuildCorpusResult;
  readonly fitted: FittedTopics;
  readonly identified: IdentifiedTopics;
  readonly changes: RunChanges | null;
  readonly before: RunSnapshot | null;
}

export async function renderReport(
  input: ReportInput,
  record: RunRecord,
  reporter?: ProgressReporter,
): Promise<ReportFiles> {
  const { fitted, corpus } = input;
  const data = buildReportData({
    toolVersion: input.toolVersion,
    dumps: input.dumps,
    duplicatesByFile: corpus.duplicatesByFile,
    duplicatesMerged: corpus.corpus.duplicatesMerged,
    diagnostics: record.diagnostics.map(formatDiagnostic),
    options: describeOptions(input.options, corpus.listingYear, fitted.cluster.k, fitted.lsa.singularValues.length),
    papers: corpus.corpus.papers,
    coordinates: fitted.projection.coordinates,
    identified: input.identified,
    explainedVariance: fitted.projection.explainedVariance,
    kChoice: {
      k: fitted.cluster.k,
      criterion: fitted.cluster.continues ? 'kept' : (fitted.cluster.choice?.criterion ?? 'fixed'),
      groups: fitted.cluster.coarse.groups,
      curve: fitted.cluster.coarse.curve,
    },
    changes: input.changes,
    previousTopics: input.before?.topics ?? [],
    points: fitted.points,
    centroids: fitted.centroids,
  });
  const progress = reporter?.stage('report');
  const rendered = await startReportFiles(data, progress, { images: input.options.images });
  // What drawing the charts found is reported when they are written (outputs.ts).
  void rendered.charts.then(
    () => progress?.finish(),
    () => undefined,
  );
  return rendered;
}

/** The options that shaped the result, in words, for the report's run summary. */
function describeOptions(
  options: RunOptions,
  listingYear: number | null,
  k: number,
  lsaDimensions: number,
): Record<string, string> {
  const t = options.topics;
  return {
    inputs: options.inputs.join(', '),
    'topics (k)': t.k === 'auto' ? `${k}, chosen automatically (up to ${t.kMax})` : `${k}, set with --k`,
    representation: t.representation === 'lsa' ? `LSA, ${lsaDimensions} dimensions` : 'TF-IDF',
    seed: String(t.seed),
    stemming: t.tokenize.stem ? 'Porter' : 'off',
    phrases: t.tokenize.phrases ? `two-word phrases in at least ${t.tokenize.minPhraseCount} papers` : 'off',
    'year of undated listings':
      listingYear === null ? 'unknown' : `${listingYear}${options.year === null ? ' (inferred)' : ' (--year)'}`,
  };
}
