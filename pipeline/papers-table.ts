/** `papers.csv` through danfo.js: one row per unique paper, in id order, every cell spreadsheet-safe. */
import type { Paper } from '../src/types.js';
import { encodeCsvCell } from '../src/table/csv-cell.js';

export const PAPER_COLUMNS = ['id', 'title', 'abstract', 'authors', 'date', 'upvotes', 'sources'] as const;

/** Extra columns added by later stages (topic, x, y): their names, and their values for paper i. */
export interface ExtraColumns {
  readonly names: readonly string[];
  readonly values: (index: number) => readonly (string | number | null)[];
}

/** Rows per DataFrame: 200,000 papers never become one frame or one string. */
const CHUNK_ROWS = 5000;

/**
 * The papers table as CSV text, a chunk of rows at a time. danfo's `toCSV` joins cells with
 * commas and does no quoting, so each cell is encoded (quoted, formula-neutralised) before it
 * enters the DataFrame.
 */
export async function* papersCsvChunks(papers: readonly Paper[], extra?: ExtraColumns): AsyncGenerator<string> {
  const { DataFrame, toCSV } = await import('danfojs-node'); // ~1 s to load: only when writing
  const columns = [...PAPER_COLUMNS, ...(extra?.names ?? [])];
  if (papers.length === 0) {
    yield `${columns.join(',')}\n`;
    return;
  }
  for (let from = 0; from < papers.length; from += CHUNK_ROWS) {
    const rows = papers.slice(from, from + CHUNK_ROWS).map((p, offset) => {
      const values: (string | number | null)[] = [
        p.id,
        p.title,
        p.abstract,
        p.authors,
        p.date,
        p.upvotes,
        p.sources.map((s) => `${s.file}:${s.line}`).join('; '),
        ...(extra?.values(from + offset) ?? []),
      ];
      return values.map(encodeCsvCell);
    });
    const csv = toCSV(new DataFrame(rows, { columns, dtypes: columns.map(() => 'string') })) as string;
    // Every frame starts with the header line; the file has it once.
    yield from === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
  }
}
