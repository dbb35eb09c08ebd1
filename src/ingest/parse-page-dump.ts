/**
 * Page dumps: a copied listing page, as paragraphs separated by blank lines. After the site header
 * come title / abstract paragraph pairs, optionally each followed by a metadata paragraph
 * (`• 6 authors` / `·` / `Aug 22, 2023 [upvotes]`).
 */
import { messages } from '../messages.js';
import type { ListingDate, RawPaper } from '../types.js';
import { isBoilerplateText, parseMetadataLines, type PaperMetadata } from './boilerplate.js';
import { createTally, endsLikeSentence, skipUnit, type Tally } from './tally.js';
import type { Paragraph } from './text-units.js';

/**
 * Titles are one short line; anything longer, or a long sentence ending in a full stop, is prose.
 * Punctuation inside says nothing: titles carry `vs.`, `I.i.d.`, `?` and `Part I.` as often as
 * abstracts do, so whether a title-shaped paragraph is a title is left to the layout (`headsPaper`).
 */
function looksLikeTitle(paragraph: Paragraph): boolean {
  const { text } = paragraph;
  const words = wordCount(text);
  return paragraph.lines.length === 1 && text.length <= 300 && words <= 40 && !(text.endsWith('.') && words >= 20);
}

/** Whether a paragraph after a title reads as its abstract, rather than as the next title. */
function looksLikeAbstract(paragraph: Paragraph): boolean {
  if (!looksLikeTitle(paragraph)) return true;
  // A short abstract still reads as prose: it ends like a sentence, or has a sentence break inside.
  const { text } = paragraph;
  return (text.endsWith('.') && wordCount(text) >= 8) || /[\p{Ll})\]]\. \p{Lu}\p{Ll}/u.test(text);
}

/**
 * The layout of a paper's start: a title-shaped paragraph, then its abstract, which is either
 * followed by a metadata block or longer than the title and reads as prose. This, not the title's
 * own wording, tells a title from a short line of prose.
 */
export function headsPaper(paragraph: Paragraph, next: Paragraph | undefined, afterNext?: Paragraph): boolean {
  if (next === undefined || !looksLikeTitle(paragraph) || !isText(next)) return false;
  if (afterNext !== undefined && parseMetadataLines(afterNext.lines) !== null) return true;
  return looksLikeAbstract(next) && wordCount(next.text) > wordCount(paragraph.text);
}

/** Neither page furniture nor a metadata block. */
function isText(paragraph: Paragraph): boolean {
  return !isBoilerplateText(paragraph.text) && parseMetadataLines(paragraph.lines) === null;
}

/** Words as `text.split(' ')` counts them, without making the array. */
function wordCount(text: string): number {
  let words = 1;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) words++;
  return words;
}

/** Whether a paragraph is a paper's metadata with an author count, the mark of the metadata layout. */
export function hasAuthorMetadata(paragraph: Paragraph): boolean {
  return parseMetadataLines(paragraph.lines)?.hasAuthorsLine === true;
}

interface OpenPaper {
  title: Paragraph;
  abstract: Paragraph;
  metadata: PaperMetadata | null;
  /** The page date printed above the paper, the listing day of papers that print none. */
  pageDate: ListingDate | null;
}

/** Parses a page dump's paragraphs into papers; every paragraph is counted as used, boilerplate or skipped. */
export function parsePageDump(file: string, paragraphs: readonly Paragraph[]): Tally {
  const tally = createTally();
  tally.units = paragraphs.length;
  let pendingTitle: Paragraph | null = null;
  let open: OpenPaper | null = null;
  let pageDate: ListingDate | null = null;
  const papers: OpenPaper[] = [];

  const dropPendingTitle = (): void => {
    if (pendingTitle === null) return;
    skipUnit(tally, messages.missingAbstract(file, pendingTitle.line, pendingTitle.text));
    pendingTitle = null;
  };

  for (const [i, paragraph] of paragraphs.entries()) {
    if (isBoilerplateText(paragraph.text)) {
      tally.boilerplate++;
      open = null; // a page header ends the paper before it: the page date below is not its date
      continue;
    }
    const metadata = parseMetadataLines(paragraph.lines);
    if (metadata !== null) {
      if (open !== null && open.metadata === null && pendingTitle === null) {
        open.metadata = metadata;
        tally.used++;
      } else if (pendingTitle !== null) {
        const title: Paragraph = pendingTitle;
        dropPendingTitle();
        tally.skipped.push({
          line: paragraph.line,
          code: 'missing-abstract',
          reason: `Metadata of the title at line ${title.line}, which has no abstract`,
        });
      } else if (!metadata.hasAuthorsLine && paragraph.lines.length === 1) {
        tally.boilerplate++; // the listing page's own date, printed under the header
        pageDate = metadata.date;
      } else {
        skipUnit(tally, messages.strayMetadata(file, paragraph.line, paragraph.text));
      }
      continue;
    }
    const [next, afterNext] = [paragraphs[i + 1], paragraphs[i + 2]];
    if (pendingTitle === null) {
      // A title-shaped line of prose (`… (IR). We find…`) is a title only where the layout says so.
      if (looksLikeTitle(paragraph) && (headsPaper(paragraph, next, afterNext) || !looksLikeAbstract(paragraph))) {
        pendingTitle = paragraph;
        open = null;
      } else {
        skipUnit(tally, messages.orphanAbstract(file, paragraph.line, paragraph.text));
      }
      continue;
    }
    // A title-shaped paragraph that heads its own paper is the next title, however it is punctuated;
    // the paragraph just before a metadata block is an abstract, however short.
    const beforeMetadata = next !== undefined && parseMetadataLines(next.lines) !== null;
    if ((looksLikeAbstract(paragraph) || beforeMetadata) && !headsPaper(paragraph, next, afterNext)) {
      open = { title: pendingTitle, abstract: paragraph, metadata: null, pageDate };
      papers.push(open);
      tally.used += 2;
      pendingTitle = null;
    } else {
      dropPendingTitle();
      pendingTitle = paragraph;
    }
  }
  dropPendingTitle();

  const last = papers.at(-1);
  const othersHaveMetadata = papers.some((p) => p.metadata !== null);
  if (last && (!endsLikeSentence(last.abstract.text) || (othersHaveMetadata && last.metadata === null))) {
    tally.diagnostics.push(messages.truncatedPaper(file, last.abstract.line, last.title.text));
  }
  for (const paper of papers) tally.papers.push(toRawPaper(file, paper));
  return tally;
}

function toRawPaper(file: string, paper: OpenPaper): RawPaper {
  return {
    title: paper.title.text,
    abstract: paper.abstract.text,
    authors: paper.metadata?.authors ?? null,
    date: paper.metadata?.date ?? null,
    upvotes: paper.metadata?.upvotes ?? null,
    place: { file, line: paper.title.line },
    ...(paper.pageDate ? { pageDate: paper.pageDate } : {}),
  };
}
