/** Gathers what the report shows from the run's pieces. */
import type { TopicSummary } from '../cluster/describe-topics.js';
import type { TopicIdentity } from '../cluster/match-topics.js';
import type { Paper, ParsedDump } from '../types.js';
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
  readonly labels: Int32Array;
  readonly coordinates: Float64Array;
  readonly centroidPositions: Float64Array;
  readonly topics: readonly TopicSummary[];
  /** Stable ids and labels of `topics`, by position. */
  readonly identity: Pick<TopicIdentity, 'ids' | 'labels'>;
  readonly explainedVariance: readonly [number, number];
  readonly kChoice: ReportData['kChoice'];
  readonly changes: RunChanges | null;
  /** Topics of the previous run (for sizes of topics that vanished). */
  readonly previousTopics: readonly { readonly id: number; readonly label: string; readonly size: number }[];
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
      id: s.identity.ids[t.topic]!,
      label: s.identity.labels[t.topic]!,
      name: topicName(s.identity.ids[t.topic]!, s.identity.labels[t.topic]!),
      color: topicColor(s.identity.ids[t.topic]!),
      size: t.size,
      cohesion: round4(t.cohesion),
      terms: t.terms.map((term) => ({ term: term.term, weight: Math.round(term.weight * 1e6) / 1e6 })),
      representatives: t.representatives.map((i) => s.papers[i]!.id),
      centroid: { x: round4(s.centroidPositions[t.topic * 2]!), y: round4(s.centroidPositions[t.topic * 2 + 1]!) },
    })),
    papers: s.papers.map((p, i) => ({
      id: p.id,
      title: p.title,
      topic: s.identity.ids[s.labels[i]!]!,
      x: round4(s.coordinates[i * 2]!),
      y: round4(s.coordinates[i * 2 + 1]!),
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
  s.topics.forEach((t) => {
    const id = s.identity.ids[t.topic]!;
    const entry = sizes.get(id);
    sizes.set(id, { label: s.identity.labels[t.topic]!, before: entry?.before ?? 0, after: t.size });
  });
  return {
    from: changes.from,
    to: changes.to,
    lines: describeChanges(changes),
    sizes: [...sizes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([id, v]) => ({ id, name: topicName(id, v.label), color: topicColor(id), before: v.before, after: v.after })),
  };
}
