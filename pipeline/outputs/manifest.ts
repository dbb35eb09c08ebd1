/** `manifest.json`: what the run read, how (options, fingerprint), what it found, and how long each step took. */
import { formatDiagnostic } from '../../src/diagnostics.js';
import type { RunProducts } from './outputs.js';
import type { RunRecord } from '../stages/run-record.js';

/** `chartWarnings`: what vega-lite said while drawing the charts; null when none were drawn (no --svg or --png). */
export function renderManifest(run: RunProducts, record: RunRecord, chartWarnings: readonly string[] | null): string {
  const { options, dumps, inputs, corpus, topics } = run;
  const manifest = {
    tool: { name: 'topic-atlas', version: run.toolVersion },
    runId: run.runId,
    previousRun: run.previousRun,
    fingerprint: run.fingerprint,
    options: {
      inputs: options.inputs,
      out: options.out,
      year: options.year,
      topics: options.topics,
      cache: options.cache,
      keep: options.keep,
      refit: options.refit,
      images: options.images,
    },
    listingYear: corpus.listingYear,
    inputs: dumps.map((d, i) => ({
      path: d.file,
      sha256: inputs[i]!.hash,
      format: d.format,
      encoding: d.encoding,
      papers: d.papers.length,
      duplicates: corpus.duplicatesByFile[d.file] ?? 0,
      units: d.units,
      boilerplate: d.boilerplate,
      used: d.used,
      skipped: d.skipped,
      // Papers of this file that take their listing day from the page's date (no date of their own).
      listedByPageDate: d.papers.filter((p) => p.date === null && p.pageDate != null).length,
    })),
    // Where each paper's listing day (papers.csv `listed`, `listed_from`) came from.
    listingDays: {
      ownDate: corpus.corpus.papers.filter((p) => p.listedFrom === 'date').length,
      pageDate: corpus.corpus.papers.filter((p) => p.listedFrom === 'page').length,
      none: corpus.corpus.papers.filter((p) => (p.listedFrom ?? null) === null).length,
    },
    corpus: { papers: corpus.corpus.papers.length, duplicatesMerged: corpus.corpus.duplicatesMerged },
    topics: topics && {
      k: topics.fitted.cluster.k,
      kCriterion: topics.fitted.cluster.continues ? 'kept' : (topics.fitted.cluster.choice?.criterion ?? 'fixed'),
      vocabulary: topics.fitted.vocabulary.terms.length,
      // An update: how far the living topics are from a fresh fit of today's papers, and its births and ends.
      mode: topics.fitted.cluster.continues ? 'update' : 'refit',
      freshRatio: topics.fitted.cluster.freshRatio,
      events: run.changes?.events ?? [],
    },
    diagnostics: record.diagnostics.map(formatDiagnostic),
    chartWarnings,
    cache: run.cacheStats,
    timings: record.timings,
    summary: run.summary,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
