/** Text pieces both reports share, so HTML and Markdown say the same thing. */
import type { ReportData, ReportPaper } from './report-data.js';

export function reportHeadline(data: ReportData): string {
  return `${data.papers.length} papers in ${data.topics.length} topics`;
}

export function corpusSentence(data: ReportData): string {
  return (
    `Read ${data.inputs.length} input files: ${data.rawPapers} papers, ${data.papers.length} unique after merging ` +
    `${data.duplicatesMerged} duplicates; ${data.skipped} paragraphs skipped; ${data.diagnostics.length} diagnostics.`
  );
}

/** A topic's papers, newest first (undated last), then by title. */
export function papersOfTopic(data: ReportData, topic: number): ReportPaper[] {
  return data.papers
    .filter((p) => p.topic === topic)
    .sort((a, b) => {
      if (a.date !== b.date) {
        if (a.date === null) return 1;
        if (b.date === null) return -1;
        return a.date < b.date ? 1 : -1;
      }
      return a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
    });
}

export function titleOf(data: ReportData, id: string): string {
  return data.papers.find((p) => p.id === id)?.title ?? id;
}
