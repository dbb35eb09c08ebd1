/**
 * `topics.csv`: one row per topic, the summary a spreadsheet user sorts and filters. Written by
 * joining encoded cells, as danfo.js's `toCSV` did (same bytes): loading danfo for these few rows
 * cost 1.5 s of a 6 s run on the seeds, and its tfjs dependency put 400 MB into node_modules
 * (README, "Libraries, and why").
 */
import type { IdentifiedTopic } from '../../src/cluster/identify-topics.js';
import { encodeCsvCell } from '../../src/table/csv-cell.js';
import type { Paper } from '../../src/types.js';
import { round } from '../../src/numeric/round.js';

const TOPIC_TABLE_COLUMNS = [
  'topic',
  'label',
  'papers',
  'share',
  'cohesion',
  'top_terms',
  'representative',
  'parent',
] as const;

/**
 * Renders the topics table: a header row, then one row per topic in the order given, every line
 * ending in `\n`. Each cell is RFC 4180-encoded and formula-neutralised (`encodeCsvCell`).
 */
export function renderTopicsCsv(
  papers: readonly Paper[],
  topics: readonly IdentifiedTopic[],
  parentOf: ReadonlyMap<number, number | string>,
): string {
  const rows = topics.map((t) =>
    [
      t.id,
      t.label,
      t.size,
      round(t.size / Math.max(1, papers.length)),
      round(t.cohesion),
      t.terms.map((term) => term.term).join('; '),
      t.representatives.length > 0 ? papers[t.representatives[0]!]!.title : '',
      // Its broad group in the topic tree: a node id (`g3-4`), or its own id when it joins none.
      String(parentOf.get(t.id) ?? t.id),
    ].map(encodeCsvCell),
  );
  return [TOPIC_TABLE_COLUMNS, ...rows].map((row) => `${row.join(',')}\n`).join('');
}
