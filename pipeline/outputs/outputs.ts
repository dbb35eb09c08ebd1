/**
 * Every file a run writes, in one table: how it is rendered, whether the run history keeps a copy
 * (`runs/<id>/`), and whether the no-change shortcut needs it. Adding an output file is adding a
 * row here.
 */
import type { IdentifiedTopics } from '../../src/cluster/identify-topics.js';
import type { RunChanges } from '../../src/compare/compare-runs.js';
import type { BuildCorpusResult } from '../../src/ingest/build-corpus.js';
import { assignmentsCsvChunks } from '../../src/table/assignments-csv.js';
import type { ParsedDump } from '../../src/types.js';
import { renderManifest } from './manifest.js';
import type { OutputContent, StagedOutput } from '../io/output-dir.js';
import { papersCsvChunks } from './papers-table.js';
import type { ReportFiles } from './report-files.js';
import type { RunRecord } from '../stages/run-record.js';
import type { HashedInput, RunOptions, RunSummary } from '../run.js';
import { measured } from '../stages/stage.js';
import { modelJsonChunks, renderTopicsJson, topicColumns } from './topic-outputs.js';
import type { FittedTopics } from '../stages/topics.js';
import { renderTopicsCsv } from './topics-table.js';

/** Everything a run made, as the outputs read it. */
export interface RunProducts {
  readonly runId: string;
  readonly previousRun: string | null;
  readonly fingerprint: string;
  readonly toolVersion: string;
  readonly options: RunOptions;
  readonly inputs: readonly HashedInput[];
  readonly dumps: readonly ParsedDump[];
  readonly corpus: BuildCorpusResult;
  /** Null when there were too few papers or terms for topics. */
  readonly topics: { readonly fitted: FittedTopics; readonly identified: IdentifiedTopics } | null;
  readonly changes: RunChanges | null;
  readonly report: ReportFiles | null;
  readonly summary: Omit<RunSummary, 'changed' | 'diagnostics' | 'changes' | 'cacheStats'>;
  readonly cacheStats: RunSummary['cacheStats'];
}

type Rendered = OutputContent | ReadonlyMap<string, OutputContent> | null;

export interface OutputFile {
  /** Path in the output folder; a folder (ending in `/`) for a group of files. */
  readonly path: string;
  /** Where it goes: the output folder, a copy under `runs/<id>/` as well, or only there. */
  readonly kept: 'latest' | 'latest-and-history' | 'history';
  /** The no-change shortcut reruns when this file is missing. */
  readonly required: boolean;
  /** The content, a folder's files (path -> content), or null when the run has none. */
  render(run: RunProducts, record: RunRecord): Rendered | Promise<Rendered>;
}

/** In writing order: the manifest comes last, so it can list every diagnostic and timing. */
export const OUTPUT_FILES: readonly OutputFile[] = [
  {
    path: 'papers.csv',
    kept: 'latest',
    required: true,
    render: (run) =>
      papersCsvChunks(
        run.corpus.corpus.papers,
        run.topics ? topicColumns(run.topics.fitted, run.topics.identified) : undefined,
      ),
  },
  {
    path: 'topics.json',
    kept: 'latest-and-history',
    required: true,
    render: (run) => run.topics && renderTopicsJson(run.corpus.corpus.papers, run.topics.fitted, run.topics.identified),
  },
  {
    path: 'topics.csv',
    kept: 'latest',
    required: true,
    render: (run) =>
      run.topics &&
      renderTopicsCsv(run.corpus.corpus.papers, run.topics.identified.topics, run.topics.identified.tree.parentOf),
  },
  {
    path: 'model.json',
    kept: 'latest',
    required: true,
    render: (run) =>
      run.topics && modelJsonChunks(run.topics.fitted, run.topics.identified, run.options.topics, run.toolVersion),
  },
  {
    path: 'changes.json',
    kept: 'latest-and-history',
    required: false,
    render: (run) => run.changes && `${JSON.stringify(run.changes, null, 2)}\n`,
  },
  { path: 'report.html', kept: 'latest-and-history', required: true, render: (run) => run.report?.html ?? null },
  { path: 'report.md', kept: 'latest-and-history', required: true, render: (run) => run.report?.markdown ?? null },
  {
    path: 'assignments.csv',
    kept: 'history',
    required: false,
    render: (run) => run.topics && assignmentsCsvChunks(run.corpus.corpus.papers, run.topics.identified.paperTopics),
  },
  // Last but the manifest: the charts are drawn on the chart worker while the files above are written.
  // NAME.vl.json per chart; NAME.svg with `run --svg` or `--png`, NAME.png with `--png` (options.images).
  // Kept with each run too: its report.md links them.
  {
    path: 'charts/',
    kept: 'latest-and-history',
    required: false,
    render: async (run, record) => {
      const charts = run.report && (await run.report.charts);
      record.report(charts?.diagnostics ?? []);
      return charts?.files ?? null;
    },
  },
  {
    path: 'manifest.json',
    kept: 'latest-and-history',
    required: true,
    render: async (run, record) =>
      renderManifest(run, record, run.options.images === 'none' ? null : ((await run.report?.charts)?.warnings ?? [])),
  },
];

/** Writes every output of `run` into the staging folder, timing each. */
export async function writeOutputs(staged: StagedOutput, run: RunProducts, record: RunRecord): Promise<void> {
  for (const output of OUTPUT_FILES) {
    const started = performance.now();
    const rendered = await output.render(run, record);
    if (rendered === null) continue;
    const files = rendered instanceof Map ? rendered : new Map([[output.path, rendered as OutputContent]]);
    for (const [path, content] of files) {
      const history = `runs/${run.runId}/${path}`;
      // Written once; the run's history copy is a second name for the same file. Nothing writes
      // into an output file afterwards: each run writes a new staging folder.
      if (output.kept === 'history') await staged.write(history, content);
      else await staged.write(path, content);
      if (output.kept === 'latest-and-history') await staged.link(path, history);
    }
    record.timings.push(measured(output.path, run.runId, started));
  }
}
