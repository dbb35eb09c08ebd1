/**
 * The artifacts passed between stages. All plain, JSON-safe data: no class instances,
 * so every artifact can be hashed, cached and compared byte for byte.
 */

/** Where a paper (or a skipped paragraph) was found: file path and 1-based line. */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

/** One research paper as read from a dump, before de-duplication. */
export interface RawPaper {
  readonly title: string;
  readonly abstract: string;
  /** Number of authors, when the dump shows it. */
  readonly authors: number | null;
  /** The date as printed; the year is often left out and is resolved for the whole run. */
  readonly date: ListingDate | null;
  readonly upvotes: number | null;
  readonly place: SourcePlace;
  /** The date printed under the header of the page the paper was copied from (page dumps). */
  readonly pageDate?: ListingDate | null;
}

/** A listing date as printed: `Aug 22, 2023` or, for the current year, `Aug 22`. */
export interface ListingDate {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
}

/** One unique paper of the corpus, merged over every dump it appears in. */
export interface Paper {
  /** Stable id derived from the normalised title: the same paper gets the same id in every run. */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly authors: number | null;
  readonly date: string | null;
  readonly upvotes: number | null;
  /**
   * The day the paper was listed: its own date, else the date printed under the header of the
   * page it was copied from (page dumps), with the same year rule; null when neither is known.
   */
  readonly listed?: string | null;
  /** Where `listed` came from: the paper's own date, its page's date, or nowhere. */
  readonly listedFrom?: 'date' | 'page' | null;
  /** Every place the paper was found, sorted. */
  readonly sources: readonly SourcePlace[];
}

/** A non-empty paragraph or line that is not part of any paper, and why. */
export interface SkippedText {
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

/** The formats are named where they are detected (ingest/detect-format.ts). */
export type { DumpFormat } from './ingest/detect-format.js';
import type { DumpFormat } from './ingest/detect-format.js';

/** Everything learned from one input file. */
export interface ParsedDump {
  readonly file: string;
  readonly format: DumpFormat;
  readonly encoding: string;
  readonly papers: readonly RawPaper[];
  /** Non-empty units (paragraphs, lines or records) in the file. */
  readonly units: number;
  /** Units recognised as page boilerplate (site header, page date). */
  readonly boilerplate: number;
  /** Units that went into papers. */
  readonly used: number;
  readonly skipped: readonly SkippedText[];
}

/** The de-duplicated corpus, sorted by paper id. */
export interface Corpus {
  readonly papers: readonly Paper[];
  /** How many raw papers were merged into an existing one. */
  readonly duplicatesMerged: number;
}
