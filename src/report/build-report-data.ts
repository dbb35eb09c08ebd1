/** Gathers what the report shows from the run's pieces. */
import type { IdentifiedTopics } from '../cluster/identify-topics.js';
import type { Paper, ParsedDump } from '../types.js';
import { round } from '../numeric/round.js';
import { describeChanges, type RunChanges } from '../compare/compare-runs.js';
import { topicColor, topicName, type ReportChanges, type ReportData } from './report-data.js';

export interface ReportSources {
  readonly toolVersion: string;
  readonly dumps: readonly ParsedDump[];
  readonly duplicatesByFile: Readonly<Record<string, number>>;
  readonly duplicatesMerged: number;
  readonly diagnostics: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly papers: readonly Paper[];
  readonly coordinates: Float64Array;
  readonly identified: IdentifiedTopics;
  readonly explainedVariance: readonly [number, number];
  readonly kChoice: ReportData['kChoice'];
  readonly changes: RunChanges | null;
  /** Topics of the previous run (for sizes of topics that vanished). */
  readonly previousTopics: readonly { readonly id: number; readonly label: string; readonly size: number }[];
}


export function buildReportData(s: ReportSources): ReportData {
  return {
    toolVersion: s.toolVersion,
    inputs: s.dumps.map((d) => ({ path: d.file, format: d.format, papers: d.papers.length, duplicates: s.duplicatesByFile[d.file] ?? 0, skipped: d.skipped.length })),
    rawPapers: s.dumps.reduce((n, d) => n + d.papers.length, 0),
    duplicatesMerged: s.duplicatesMerged,
    skipped: s.dumps.reduce((n, d) => n + d.skipped.length, 0),
    diagnostics: s.diagnostics,
    options: s.options,
    topics: s.identified.topics.map((t) => ({
      id: t.id,
      label: t.label,
      name: t.name,
      color: t.color,
      size: t.size,
      cohesion: round(t.cohesion),
      terms: t.terms.map((term) => ({ term: term.term, weight: round(term.weight, 6) })),
      representatives: t.representatives.map((i) => s.papers[i]!.id),
      centroid: { x: round(t.position.x), y: round(t.position.y) },
    })),
    papers: s.papers.map((p, i) => ({
      id: p.id,
      title: p.title,
      topic: s.identified.paperTopics[i]!,
      x: round(s.coordinates[i * 2]!),
      y: round(s.coordinates[i * 2 + 1]!),
      date: p.date,
      upvotes: p.upvotes,
      authors: p.authors,
    })),
    explainedVariance: s.explainedVariance,
    kChoice: s.kChoice,
    changes: s.changes && reportChanges(s),
  };
}

function reportChanges(s: ReportSources): ReportChanges {
  const changes = s.changes!;
  const sizes = new Map<number, { label: string; before: number; after: number }>();
  for (const t of s.previousTopics) sizes.set(t.id, { label: t.label, before: t.size, after: 0 });
  for (const t of s.identified.topics) {
    sizes.set(t.id, { label: t.label, before: sizes.get(t.id)?.before ?? 0, after: t.size });
  }
  return {
    from: changes.from,
    to: changes.to,
    lines: describeChanges(changes),
    sizes: [...sizes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([id, v]) => ({ id, name: topicName(id, v.label), color: topicColor(id), before: v.before, after: v.after })),
  };
}
