/** `topics.csv` through danfo.js: one row per topic, the summary a spreadsheet user sorts and filters. */
import type { IdentifiedTopic } from '../../src/cluster/identify-topics.js';
import { encodeCsvCell } from '../../src/table/csv-cell.js';
import type { Paper } from '../../src/types.js';
import { round } from '../../src/numeric/round.js';

export const TOPIC_TABLE_COLUMNS = [
  'topic',
  'label',
  'papers',
  'share',
  'cohesion',
  'top_terms',
  'representative',
] as const;

/**
 * Renders the topics table. danfo's `toCSV` joins cells with commas and does no quoting, so each
 * cell is encoded (quoted, formula-neutralised) before it enters the DataFrame.
 */
export async function renderTopicsCsv(
  papers: readonly Paper[],
  topics: readonly IdentifiedTopic[],
): Promise<string> {
  const { DataFrame, toCSV } = await import('danfojs-node'); // ~1 s to load: only when writing
  const columns = [...TOPIC_TABLE_COLUMNS];
  const rows = topics.map((t) =>
    [
      t.id,
      t.label,
      t.size,
      round(t.size / Math.max(1, papers.length)),
      round(t.cohesion),
      t.terms.map((term) => term.term).join('; '),
      t.representatives.length > 0 ? papers[t.representatives[0]!]!.title : '',
    ].map(encodeCsvCell),
  );
  if (rows.length === 0) return `${columns.join(',')}\n`;
  return toCSV(new DataFrame(rows, { columns, dtypes: columns.map(() => 'string') })) as string;
}
