/**
 * Per-file format detection, from the text alone (file names are often meaningless). No single
 * line decides: a page dump may open with a title like `[Re] Reproducibility…`, `{Gen}: …` or
 * `Title, Abstract, Keywords: …`, so JSON needs JSON syntax where records start and CSV needs rows
 * as wide as its header; everything else is tried as a compact listing, then as a page dump.
 */
import { parseCsvRows } from '../table/csv-parse.js';
import { ABSTRACT_FIELDS } from './parse-records.js';
import { isBoilerplateText } from './boilerplate.js';
import { COMPACT_LINE_START } from './parse-compact.js';
import { hasAuthorMetadata, headsPaper } from './parse-page-dump.js';
import { textUnits, type TextUnits } from './text-units.js';

/** Every format a file can be read as, and what a file that is none of them is called. */
export type DumpFormat =
  | 'page-dump'
  | 'page-dump-with-metadata'
  | 'compact-listing'
  | 'json'
  | 'jsonl'
  | 'csv'
  | 'empty'
  | 'binary'
  | 'unknown';

// An array of records (or an empty one), or an object whose first key is quoted.
const JSON_ARRAY_START = /^\s*\[\s*[{\]]/;
const JSON_OBJECT_START = /^\s*\{\s*["}]/;
/** How much of a file the CSV check reads: enough rows to tell, without parsing a large file twice. */
const CSV_SAMPLE_CHARS = 256 * 1024;
/** A line with something besides separators and quotes: a CSV record with a non-empty cell. */
const CSV_CONTENT = /[^\s,"]/;
/** A line that could name an abstract column (see `mayBeCsvHeader`). */
const ABSTRACT_COLUMN = new RegExp(ABSTRACT_FIELDS.join('|'), 'i');

/** The format a text is in; `unknown` when no parser would find papers in it. */
export function detectFormat(text: string, units: TextUnits = textUnits(text)): DumpFormat {
  const lines = units.nonBlankLines();
  const first = lines[0]?.text.trim();
  if (first === undefined) return 'empty';
  if (JSON_ARRAY_START.test(text)) return 'json';
  if (JSON_OBJECT_START.test(text)) return isJsonObject(first) ? 'jsonl' : 'json';
  if (mayBeCsvHeader(lines.find((l) => CSV_CONTENT.test(l.text))?.text ?? '') && isCsvTable(text)) return 'csv';

  const content = lines.filter((l) => !isBoilerplateText(l.text));
  const compact = content.filter((l) => l.text.length >= 80 && COMPACT_LINE_START.test(l.text.trim())).length;
  if (content.length > 0 && compact / content.length >= 0.5) return 'compact-listing';

  const paragraphs = units.paragraphs();
  if (paragraphs.some(hasAuthorMetadata)) return 'page-dump-with-metadata';
  const hasTitleThenProse = paragraphs.some((p, i) => headsPaper(p, paragraphs[i + 1]));
  if (hasTitleThenProse || paragraphs.some((p) => isBoilerplateText(p.text))) return 'page-dump';
  return 'unknown';
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * False when the first line with cells (the header, unless a quoted cell breaks it across lines)
 * cannot name an abstract column: prose is then never parsed as CSV (on a 150 kB page dump, 20 of
 * the 70 ms its reading took).
 */
function mayBeCsvHeader(line: string): boolean {
  const quotesOpen = line.split('"').length % 2 === 0;
  return quotesOpen || ABSTRACT_COLUMN.test(line);
}

/**
 * A header naming an abstract column and a title (or id) column, and data rows that parse to the
 * header's width (nine in ten at least: a stray row is reported by the parser, not a reason to
 * read the file as something else).
 */
function isCsvTable(text: string): boolean {
  const sample = text.length > CSV_SAMPLE_CHARS ? text.slice(0, text.lastIndexOf('\n', CSV_SAMPLE_CHARS) + 1) : text;
  const [header, ...rows] = parseCsvRows(sample).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (header === undefined || header.cells.length < 2) return false;
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const named =
    (names.includes('title') || names.includes('id')) && names.some((name) => ABSTRACT_FIELDS.includes(name));
  if (!named || rows.length === 0) return false;
  return rows.filter((r) => r.cells.length === header.cells.length).length >= 0.9 * rows.length;
}
