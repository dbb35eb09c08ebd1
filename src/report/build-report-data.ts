/** Gathers what the report shows from the run's pieces. */
import type { TopicSummary } from '../cluster/describe-topics.js';
import type { Paper, ParsedDump } from '../types.js';
import { topicColor, topicName, type ReportData } from './report-data.js';

export interface ReportSources {
  readonly toolVersion: string;
  readonly dumps: readonly ParsedDump[];
  readonly duplicatesByFile: Readonly<Record<string, number>>;
  readonly duplicatesMerged: number;
  readonly diagnostics: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly papers: readonly Paper[];
  readonly labels: Int32Array;
  readonly coordinates: Float64Array;
  readonly centroidPositions: Float64Array;
  readonly topics: readonly TopicSummary[];
  readonly explainedVariance: readonly [number, number];
  readonly kChoice: ReportData['kChoice'];
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function buildReportData(s: ReportSources): ReportData {
  return {
    toolVersion: s.toolVersion,
    inputs: s.dumps.map((d) => ({ path: d.file, format: d.format, papers: d.papers.length, duplicates: s.duplicatesByFile[d.file] ?? 0, skipped: d.skipped.length })),
    rawPapers: s.dumps.reduce((n, d) => n + d.papers.length, 0),
    duplicatesMerged: s.duplicatesMerged,
    skipped: s.dumps.reduce((n, d) => n + d.skipped.length, 0),
    diagnostics: s.diagnostics,
    options: s.options,
    topics: s.topics.map((t) => ({
      id: t.topic,
      label: t.label,
      name: topicName(t.topic, t.label),
      color: topicColor(t.topic),
      size: t.size,
      cohesion: round4(t.cohesion),
      terms: t.terms.map((term) => ({ term: term.term, weight: Math.round(term.weight * 1e6) / 1e6 })),
      representatives: t.representatives.map((i) => s.papers[i]!.id),
      centroid: { x: round4(s.centroidPositions[t.topic * 2]!), y: round4(s.centroidPositions[t.topic * 2 + 1]!) },
    })),
    papers: s.papers.map((p, i) => ({
      id: p.id,
      title: p.title,
      topic: s.labels[i]!,
      x: round4(s.coordinates[i * 2]!),
      y: round4(s.coordinates[i * 2 + 1]!),
      date: p.date,
      upvotes: p.upvotes,
      authors: p.authors,
    })),
    explainedVariance: s.explainedVariance,
    kChoice: s.kChoice,
  };
}
