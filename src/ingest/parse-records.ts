/** Structured inputs: JSON (an array, or an object holding one), JSON Lines and CSV with `title` and `abstract`. */
import { messages } from '../messages.js';
import type { ListingDate, RawPaper } from '../types.js';
import { cleanControls, collapseSpaces, mergeReports } from './clean-text.js';
import { parseListingDate } from './dates.js';
import { createTally, skipUnit, type Tally } from './tally.js';
import { splitLines } from './text-units.js';
import { parseCsvRows } from '../table/csv-parse.js';

interface SourceRecord {
  readonly line: number;
  readonly value: unknown;
}

/** Parses JSON text whose records are an array, or the first array-valued field of an object. */
export function parseJsonDump(file: string, text: string): Tally {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const tally = createTally();
    tally.units = 1;
    skipUnit(tally, messages.invalidJson(file, 1, (error as Error).message));
    return tally;
  }
  const records = Array.isArray(parsed) ? parsed : Object.values(parsed as object).find(Array.isArray);
  const starts = topLevelArrayElementLines(text);
  return toTally(
    file,
    (records ?? [parsed]).map((value: unknown, i: number) => ({ line: starts[i] ?? 1, value })),
  );
}

/** Parses JSON Lines: one record per non-blank line; `text` starts at line `firstLine` of the file. */
export function parseJsonLines(file: string, text: string, firstLine = 1): Tally {
  const records: SourceRecord[] = [];
  const broken: { line: number; why: string }[] = [];
  for (const { line, text: value } of splitLines(text, firstLine)) {
    if (value.trim() === '') continue;
    try {
      records.push({ line, value: JSON.parse(value) });
    } catch (error) {
      broken.push({ line, why: `not valid JSON (${(error as Error).message})` });
    }
  }
  const tally = toTally(file, records);
  tally.units += broken.length;
  for (const { line, why } of broken) skipUnit(tally, messages.invalidRecord(file, line, why));
  return tally;
}

/** Parses CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) with a header row. */
export function parseCsvDump(file: string, text: string): Tally {
  const rows = parseCsvRows(text);
  const header = rows.shift();
  if (!header) return createTally();
  const names = header.cells.map((c) => c.trim().toLowerCase());
  return toTally(
    file,
    rows
      .filter((row) => row.cells.some((c) => c.trim() !== ''))
      .map((row) => ({ line: row.line, value: Object.fromEntries(names.map((n, i) => [n, row.cells[i] ?? ''])) })),
  );
}

function toTally(file: string, records: readonly SourceRecord[]): Tally {
  const tally = createTally();
  tally.units = records.length;
  for (const { line, value } of records) {
    const read = toRawPaper(file, line, value, tally);
    if (typeof read === 'string') {
      skipUnit(tally, messages.invalidRecord(file, line, read));
    } else {
      tally.papers.push(read);
      tally.used++;
    }
  }
  return tally;
}

/** Fields (CSV columns) that hold a paper's abstract, the first present one taken. */
export const ABSTRACT_FIELDS: readonly string[] = ['abstract', 'summary'];

/** A record as a paper, or the reason it cannot be one. A record with an abstract but no title is named, with a warning. */
function toRawPaper(file: string, line: number, value: unknown, tally: Tally): RawPaper | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not an object with fields';
  const fields = value as Record<string, unknown>;
  // JSON escapes (`\u0008`) bring control characters past the cleaning of the file's text.
  const abstractField = ABSTRACT_FIELDS.map((name) => fields[name]).find(
    (field) => field !== undefined && field !== null,
  );
  const [given, abstract] = [fields.title, abstractField].map((field) => {
    // Line breaks first: the whole record is on its line, however many its strings hold.
    const cleaned = cleanControls(typeof field === 'string' ? field.replace(/[\r\n]+/g, ' ') : '', line);
    tally.controls = mergeReports(tally.controls, cleaned.report);
    return collapseSpaces(cleaned.text);
  }) as [string, string];
  if (!abstract)
    return given
      ? `the paper ${JSON.stringify(given.slice(0, 40))} has no abstract`
      : 'it has no title and no abstract';
  let title = given;
  if (!title) {
    const id = recordId(fields.id);
    title = id ?? firstWords(abstract, 8);
    tally.diagnostics.push(messages.untitledRecord(file, line, title, id === null ? 'first words' : 'id'));
  }
  return {
    title,
    abstract,
    authors: authorCount(fields.authors ?? fields.num_authors),
    date: recordDate(fields.date ?? fields.published),
    upvotes: wholeNumber(fields.upvotes),
    place: { file, line },
  };
}

/** A bare arXiv id (`2401.01234`, `hep-th/9901001`) gets its prefix; other ids are used as they are. */
function recordId(value: unknown): string | null {
  const id =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  if (id === '') return null;
  return /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})(v\d+)?$/.test(id) ? `arXiv:${id}` : id;
}

function firstWords(text: string, count: number): string {
  const words = text.split(' ');
  return words.length <= count
    ? text
    : `${words
        .slice(0, count)
        .join(' ')
        .replace(/[,;:.]$/, '')}…`;
}

function wholeNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

function authorCount(value: unknown): number | null {
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'string' && /[,;]| and /.test(value))
    return value.split(/,|;| and /).filter((s) => s.trim()).length;
  return wholeNumber(value);
}

/** ISO dates (`2024-05-13`, with or without a time), or listing dates (`May 13, 2024`). */
function recordDate(value: unknown): ListingDate | null {
  if (typeof value !== 'string') return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (iso) {
    const month = Number(iso[2]);
    const day = Number(iso[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year: Number(iso[1]), month, day } : null;
  }
  const listing = /^([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?$/.exec(value.trim());
  return listing ? parseListingDate(listing[1]!, listing[2]!, listing[3]) : null;
}

/** 1-based lines where each element of a top-level JSON array starts. */
function topLevelArrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
