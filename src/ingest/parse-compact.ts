/**
 * Compact listings: one paper per line, `- ` or an upvote count, then title and abstract run
 * together, then `N authors · Mon D[, YYYY]`. A dash stands for no upvotes.
 */
import { messages } from '../messages.js';
import type { RawPaper } from '../types.js';
import { isBoilerplateText } from './boilerplate.js';
import { LISTING_DATE_SOURCE, parseListingDate } from './dates.js';
import { splitTitleAbstract } from './split-title.js';
import { createTally, endsLikeSentence, skipUnit, type Tally } from './tally.js';
import type { TextLine } from './text-units.js';

/** The start of a compact line: a dash or an upvote count, then text. */
export const COMPACT_LINE_START = /^(-|\d{1,6})\s+(\S.*)$/;
// The copied page's next header word is often glued onto the last date: `Apr 13, 2020new`.
const TRAILING_METADATA = new RegExp(String.raw`\s+(\d+) authors?\s*[·•]\s*${LISTING_DATE_SOURCE}\s*(\S.*)?$`);

/** Parses the non-blank lines of a compact listing; every line is used, boilerplate or skipped. */
export function parseCompactListing(file: string, lines: readonly TextLine[]): Tally {
  const tally = createTally();
  tally.units = lines.length;
  for (const { line, text } of lines) {
    if (isBoilerplateText(text)) {
      tally.boilerplate++;
      continue;
    }
    const paper = parseCompactLine(file, line, text.trim(), tally);
    if (paper === null) {
      skipUnit(tally, messages.unparsedLine(file, line, text));
      continue;
    }
    tally.papers.push(paper);
    tally.used++;
  }
  return tally;
}

function parseCompactLine(file: string, line: number, text: string, tally: Tally): RawPaper | null {
  const start = COMPACT_LINE_START.exec(text);
  if (!start) return null;
  const upvotes = start[1] === '-' ? 0 : Number(start[1]);
  let body = start[2]!;
  let authors: number | null = null;
  let date: RawPaper['date'] = null;
  const metadata = TRAILING_METADATA.exec(body);
  if (metadata) {
    body = body.slice(0, metadata.index);
    authors = Number(metadata[1]);
    date = parseListingDate(metadata[2]!, metadata[3]!, metadata[4]);
    if (date === null) tally.diagnostics.push(messages.badDate(file, line, metadata[0].trim()));
    const trailing = metadata[5];
    if (trailing !== undefined && !isBoilerplateText(trailing)) {
      tally.diagnostics.push(messages.unparsedLine(file, line, trailing));
    }
  } else if (!endsLikeSentence(body)) {
    tally.diagnostics.push(messages.truncatedPaper(file, line, body));
  }
  const split = splitTitleAbstract(body);
  if (split === null) return null;
  return { ...split, authors, date, upvotes, place: { file, line } };
}
