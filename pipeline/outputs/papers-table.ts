/** `papers.csv`: one row per unique paper, in id order, every cell spreadsheet-safe. */
import type { Paper } from '../../src/types.js';
import { encodeCsvCell } from '../../src/table/csv-cell.js';

/**
 * `date` is the paper's own printed date; `listed` its listing day (its own date, else the date
 * printed under its page's header); `listed_from` says which (`date`, `page`, or empty).
 */
const PAPER_COLUMNS = [
  'id',
  'title',
  'abstract',
  'authors',
  'date',
  'upvotes',
  'sources',
  'listed',
  'listed_from',
] as const;

/** Extra columns added by later stages (topic, x, y): their names, and their values for paper i. */
export interface ExtraColumns {
  readonly names: readonly string[];
  readonly values: (index: number) => readonly (string | number | null)[];
}

/** Rows per piece: 200,000 papers never become one string. */
const CHUNK_ROWS = 5000;

/**
 * The papers table as CSV text, a chunk of rows at a time. Written directly rather than through
 * danfo.js: at 200,000 papers a DataFrame per chunk plus `toCSV` took 3.4 s against 1.5 s for the
 * same bytes joined here (and 1 s more to import danfo); see topics-table.ts for where danfo serves.
 */
export function* papersCsvChunks(papers: readonly Paper[], extra?: ExtraColumns): Generator<string> {
  yield `${[...PAPER_COLUMNS, ...(extra?.names ?? [])].join(',')}\n`;
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
        p.listed ?? null,
        p.listedFrom ?? null,
        ...(extra?.values(from + offset) ?? []),
      ];
      return `${values.map(encodeCsvCell).join(',')}\n`;
    });
    yield rows.join('');
  }
}
