/** Text pieces both reports share, so HTML and Markdown say the same thing. */
import type { ReportData, ReportPaper } from './report-data.js';
import { formatCount } from '../format-count.js';

export function reportHeadline(data: ReportData): string {
  return `${data.papers.length} papers in ${data.topics.length} topics`;
}

export function corpusSentence(data: ReportData): string {
  return (
    `Read ${data.inputs.length} input files: ${data.rawPapers} papers, ${data.papers.length} unique after merging ` +
    `${data.duplicatesMerged} duplicates; ${data.skipped} paragraphs skipped; ${data.diagnostics.length} diagnostics.`
  );
}

/** The reports list at most this many papers per topic; papers.csv has them all. */
export const LIST_LIMIT = 200;

/** The day a paper was listed (its own date, else its page's date), or null. */
export function listingDay(p: ReportPaper): string | null {
  return p.date ?? p.listed ?? null;
}

/** A topic's papers, newest listing day first (none last), then by title; at most `limit`, and how many there are. */
export function papersOfTopic(
  data: ReportData,
  topic: number,
  limit = LIST_LIMIT,
): { shown: ReportPaper[]; total: number } {
  const all = data.papers
    .filter((p) => p.topic === topic)
    .sort((a, b) => {
      const [da, db] = [listingDay(a), listingDay(b)];
      if (da !== db) {
        if (da === null) return 1;
        if (db === null) return -1;
        return da < db ? 1 : -1;
      }
      return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
    });
  return { shown: all.slice(0, limit), total: all.length };
}

export function moreNote(shown: number, total: number): string {
  return total > shown ? `… and ${formatCount(total - shown)} more papers in papers.csv` : '';
}

export function titleOf(data: ReportData, id: string): string {
  return data.papers.find((p) => p.id === id)?.title ?? id;
}
