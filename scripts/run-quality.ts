/** Shared by the evaluations and benchmarks: scoring a run's topics against labels, and bare papers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreClustering, type ClusterScores } from '../src/eval/metrics.js';
import { normaliseTitle } from '../src/ingest/build-corpus.js';
import { parseCsvRows } from '../src/table/csv-parse.js';
import type { Paper } from '../src/types.js';

/** A paper with only a title and an abstract (evaluation corpora carry nothing else). */
export function barePaper(title: string, abstract: string, index: number): Paper {
  return { id: String(index), title, abstract, authors: null, date: null, upvotes: null, sources: [] };
}

/**
 * V-measure, ARI and their parts for the topics of the run in `out` (its papers.csv) against
 * `labelOf` (normalised title -> label); papers without a label are left out, and counted.
 */
export function scoreRun(out: string, labelOf: ReadonlyMap<string, string>): ClusterScores & { matched: number } {
  const rows = parseCsvRows(readFileSync(join(out, 'papers.csv'), 'utf8'));
  const header = rows.shift()!.cells;
  const truth: string[] = [];
  const topics: number[] = [];
  for (const row of rows) {
    const label = labelOf.get(normaliseTitle(row.cells[header.indexOf('title')] ?? ''));
    if (label === undefined) continue;
    truth.push(label);
    topics.push(Number(row.cells[header.indexOf('topic')]));
  }
  return { matched: truth.length, ...scoreClustering(truth, Int32Array.from(topics)) };
}
