/** `papers.csv` through danfo.js: one row per unique paper, in id order, every cell spreadsheet-safe. */
import type { Paper } from '../src/types.js';
import { encodeCsvCell } from '../src/table/csv-cell.js';

export const PAPER_COLUMNS = ['id', 'title', 'abstract', 'authors', 'date', 'upvotes', 'sources'] as const;

/** Extra columns added by later stages (topic, x, y), keyed by paper id. */
export type ExtraColumns = ReadonlyMap<string, ReadonlyMap<string, string | number | null>>;

/**
 * Renders the papers table as CSV text. danfo's `toCSV` joins cells with commas and does no
 * quoting, so each cell is encoded (quoted, formula-neutralised) before it enters the DataFrame.
 */
export async function renderPapersCsv(papers: readonly Paper[], extraColumns: readonly string[] = [], extra?: ExtraColumns): Promise<string> {
  const { DataFrame, toCSV } = await import('danfojs-node'); // ~1 s to load: only when writing
  const columns = [...PAPER_COLUMNS, ...extraColumns];
  const rows = papers.map((p) => {
    const values: (string | number | null)[] = [
      p.id,
      p.title,
      p.abstract,
      p.authors,
      p.date,
      p.upvotes,
      p.sources.map((s) => `${s.file}:${s.line}`).join('; '),
      ...extraColumns.map((c) => extra?.get(p.id)?.get(c) ?? null),
    ];
    return values.map(encodeCsvCell);
  });
  if (rows.length === 0) return `${columns.join(',')}\n`;
  const frame = new DataFrame(rows, { columns, dtypes: columns.map(() => 'string') });
  return toCSV(frame) as string;
}
