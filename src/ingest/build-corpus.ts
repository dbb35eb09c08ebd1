/**
 * Many parsed dumps to one corpus: resolve yearless dates, merge papers that appear more than
 * once (same normalised title), keep the richest metadata, and sort by a stable id.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { messages } from '../messages.js';
import type { Corpus, Paper, ParsedDump, RawPaper, SourcePlace } from '../types.js';
import { inferListingYear, toIsoDate } from './dates.js';

export interface BuildCorpusOptions {
  /** The year for dates printed without one; null to infer it (see `inferListingYear`). */
  readonly year: number | null;
}

export interface BuildCorpusResult {
  readonly corpus: Corpus;
  /** The year yearless dates were given, or null when none could be inferred. */
  readonly listingYear: number | null;
  /** Per input file: how many of its papers were merged into a paper seen earlier. */
  readonly duplicatesByFile: Readonly<Record<string, number>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Lower-cased, accents and punctuation folded, spaces collapsed: the key papers are merged on. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A short id that depends on the normalised title only, so a paper keeps it across runs. */
export function paperId(title: string): string {
  return createHash('sha256').update(normaliseTitle(title)).digest('hex').slice(0, 12);
}

export function buildCorpus(dumps: readonly ParsedDump[], options: BuildCorpusOptions): BuildCorpusResult {
  const raw = dumps
    .flatMap((d) => d.papers)
    .slice()
    .sort((a, b) => comparePlaces(a.place, b.place));
  const listingYear = inferListingYear(
    raw.flatMap((p) => [p.date, p.pageDate ?? null]),
    options.year,
  );

  const diagnostics: Diagnostic[] = [];
  if (listingYear === null) {
    const files = new Map<string, number>();
    for (const p of raw) {
      const yearless = (p.date && p.date.year === null) || (p.pageDate && p.pageDate.year === null);
      if (yearless && !files.has(p.place.file)) files.set(p.place.file, p.place.line);
    }
    for (const [file, line] of files) diagnostics.push(messages.yearUnknown(file, line));
  }

  const groups = new Map<string, RawPaper[]>();
  const duplicatesByFile: Record<string, number> = {};
  for (const dump of dumps) duplicatesByFile[dump.file] = 0;
  for (const paper of raw) {
    const key = normaliseTitle(paper.title);
    const group = groups.get(key);
    if (group) {
      group.push(paper);
      duplicatesByFile[paper.place.file] = (duplicatesByFile[paper.place.file] ?? 0) + 1;
    } else {
      groups.set(key, [paper]);
    }
  }

  const papers = [...groups.values()].map((group) => mergePapers(group, listingYear));
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    corpus: { papers, duplicatesMerged: raw.length - papers.length },
    listingYear,
    duplicatesByFile,
    diagnostics,
  };
}

/** One paper from its sightings (in source order): the longest abstract, the most complete metadata. */
function mergePapers(group: readonly RawPaper[], listingYear: number | null): Paper {
  const first = group[0]!;
  const abstract = group.reduce((best, p) => (p.abstract.length > best.length ? p.abstract : best), first.abstract);
  const dated = group.find((p) => p.date?.year != null) ?? group.find((p) => p.date !== null);
  const upvotes = group.reduce<number | null>(
    (max, p) => (p.upvotes === null ? max : Math.max(max ?? 0, p.upvotes)),
    null,
  );
  const date = dated?.date ? toIsoDate(dated.date, listingYear) : null;
  // Without a date of its own, a paper was listed on the day its (earliest-read) page shows.
  const paged = group.find((p) => p.pageDate?.year != null) ?? group.find((p) => p.pageDate != null);
  const pageDay = paged?.pageDate ? toIsoDate(paged.pageDate, listingYear) : null;
  return {
    id: paperId(first.title),
    title: first.title,
    abstract,
    authors: group.find((p) => p.authors !== null)?.authors ?? null,
    date,
    upvotes,
    listed: date ?? pageDay,
    listedFrom: date !== null ? 'date' : pageDay !== null ? 'page' : null,
    sources: group.map((p) => p.place),
  };
}

function comparePlaces(a: SourcePlace, b: SourcePlace): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
