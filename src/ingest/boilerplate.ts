/** Recognising the listing site's page furniture, and the metadata lines under each paper. */
import type { ListingDate } from '../types.js';
import { LISTING_DATE_SOURCE, parseListingDate } from './dates.js';

/** Header lines of a copied listing page, compared lower-cased and trimmed. */
const PAGE_BOILERPLATE = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'daily papers',
  'trending papers',
  'byak and the research community',
]);

/** The longest header line: anything longer is content, without lower-casing it to look. */
const LONGEST_BOILERPLATE = Math.max(...[...PAGE_BOILERPLATE].map((line) => line.length));

export function isBoilerplateText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= LONGEST_BOILERPLATE && PAGE_BOILERPLATE.has(trimmed.toLowerCase());
}

const AUTHORS_LINE = /^[•·*-]?\s*(\d+) authors?$/i;
const SEPARATOR_LINE = /^[·•]$/;
const DATE_LINE = new RegExp(String.raw`^${LISTING_DATE_SOURCE}(?:\s+(\d+))?$`);

/** What the metadata lines under a paper say: `• 6 authors` / `·` / `Aug 22, 2023 12`. */
export interface PaperMetadata {
  readonly authors: number | null;
  readonly date: ListingDate | null;
  readonly upvotes: number | null;
  /** Whether any line held a date. */
  readonly hasDateLine: boolean;
  /** Whether any line held an author count. */
  readonly hasAuthorsLine: boolean;
}

/** Reads a paragraph of metadata lines; null when any line is something else. */
export function parseMetadataLines(lines: readonly string[]): PaperMetadata | null {
  let authors: number | null = null;
  let date: ListingDate | null = null;
  let upvotes: number | null = null;
  let hasDateLine = false;
  let hasAuthorsLine = false;
  for (const raw of lines) {
    const line = raw.trim();
    const authorsMatch = AUTHORS_LINE.exec(line);
    if (authorsMatch) {
      authors = Number(authorsMatch[1]);
      hasAuthorsLine = true;
      continue;
    }
    if (SEPARATOR_LINE.test(line)) continue;
    const dateMatch = DATE_LINE.exec(line);
    if (dateMatch) {
      const parsed = parseListingDate(dateMatch[1]!, dateMatch[2]!, dateMatch[3]);
      if (parsed === null) return null;
      date = parsed;
      upvotes = dateMatch[4] === undefined ? null : Number(dateMatch[4]);
      hasDateLine = true;
      continue;
    }
    return null;
  }
  return { authors, date, upvotes, hasDateLine, hasAuthorsLine };
}
