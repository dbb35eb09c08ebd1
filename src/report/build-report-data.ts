/** Gathers what the report shows from the run's pieces. */
import type { IdentifiedTopics } from '../cluster/identify-topics.js';
import type { Paper, ParsedDump } from '../types.js';
import { dotRows, type DenseMatrix } from '../numeric/dense.js';
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
  /** The unit-length rows clustering ran on, one per paper (for each paper's similarity to its topic). */
  readonly points?: DenseMatrix;
  /** The unit-length topic centroids, one row per fit position (`IdentifiedTopic.topic`). */
  readonly centroids?: DenseMatrix;
}

/** How many nearest topics each topic lists. */
export const NEAREST_TOPICS = 3;

/**
 * The report's data from the run's pieces: inputs, topics (with their nearest topics when
 * centroids are given), every paper (abstract, listing day, similarity to its topic) and changes.
 */
export function buildReportData(s: ReportSources): ReportData {
  const similarity = s.centroids ? topicSimilarity(s.identified, s.centroids) : null;
  const fitPosition = new Map(s.identified.topics.map((t) => [t.id, t.topic]));
  const listedFrom = { own: 0, page: 0, none: 0 };
  for (const p of s.papers) {
    if (p.date !== null) listedFrom.own++;
    else if ((p.listed ?? null) !== null) listedFrom.page++;
    else listedFrom.none++;
  }
  return {
    toolVersion: s.toolVersion,
    inputs: s.dumps.map((d) => ({
      path: d.file,
      format: d.format,
      papers: d.papers.length,
      duplicates: s.duplicatesByFile[d.file] ?? 0,
      skipped: d.skipped.length,
    })),
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
      ...(similarity ? { nearest: nearestTopics(similarity, t.id) } : {}),
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
      abstract: p.abstract,
      listed: p.date ?? p.listed ?? null,
      similarity:
        s.points && s.centroids
          ? round(paperSimilarity(s.points, s.centroids, i, fitPosition.get(s.identified.paperTopics[i]!) ?? -1), 3)
          : null,
    })),
    explainedVariance: s.explainedVariance,
    kChoice: s.kChoice,
    changes: s.changes && reportChanges(s),
    ...(similarity ? { topicSimilarity: similarity } : {}),
    listedFrom,
    topicGroups: topicGroups(s.identified),
    treeNodes: s.identified.tree.nodes.map(({ id, label, size, children }) => ({ id, label, size, children })),
  };
}

/** Cosine between every pair of topic centroids, in the report's topic order, rounded to 3 places. */
function topicSimilarity(
  identified: IdentifiedTopics,
  centroids: DenseMatrix,
): NonNullable<ReportData['topicSimilarity']> {
  const rows = identified.topics.map((t) => t.topic);
  const matrix = rows.map((a) => rows.map((b) => round(dotRows(centroids, a, centroids, b), 3)));
  return { ids: identified.topics.map((t) => t.id), matrix };
}

function nearestTopics(
  similarity: NonNullable<ReportData['topicSimilarity']>,
  id: number,
): { id: number; similarity: number }[] {
  const row = similarity.matrix[similarity.ids.indexOf(id)] ?? [];
  return similarity.ids
    .map((other, j) => ({ id: other, similarity: row[j] ?? 0 }))
    .filter((n) => n.id !== id)
    .sort((a, b) => b.similarity - a.similarity || a.id - b.id)
    .slice(0, NEAREST_TOPICS);
}

function paperSimilarity(points: DenseMatrix, centroids: DenseMatrix, row: number, topicRow: number): number {
  return topicRow < 0 || row >= points.rows ? 0 : dotRows(points, row, centroids, topicRow);
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
      .map(([id, v]) => ({
        id,
        name: topicName(id, v.label),
        color: topicColor(id),
        before: v.before,
        after: v.after,
      })),
    ...(changes.mode ? { mode: changes.mode } : {}),
    added: changes.papers.added.map((p) => p.id),
    emerging: emergingTopics(changes, s.identified),
  };
}

/** An update's births; for a refit (no events), the topics that appeared. */
function emergingTopics(changes: RunChanges, identified: IdentifiedTopics): NonNullable<ReportChanges['emerging']> {
  const label = (id: number, fallback: string): string => identified.topics.find((t) => t.id === id)?.label ?? fallback;
  const births = (changes.events ?? []).flatMap((e) =>
    e.event === 'birth' ? [{ id: e.id, label: label(e.id, e.label), papers: e.papers, reason: e.reason }] : [],
  );
  const found = changes.events
    ? births
    : changes.topics.appeared.map((t) => ({
        id: t.id,
        label: label(t.id, t.label),
        papers: t.size,
        reason: 'a new topic in this fit',
      }));
  return found.map((t) => ({
    id: t.id,
    name: topicName(t.id, t.label),
    color: topicColor(t.id),
    papers: t.papers,
    reason: t.reason,
  }));
}

/** The tree's broad level as groups of topic ids; a topic that joins no group is a group of its own. */
function topicGroups(identified: IdentifiedTopics): NonNullable<ReportData['topicGroups']> {
  const { tree } = identified;
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  const labelOf = new Map(identified.topics.map((t) => [t.id, t.label]));
  return tree.coarse.map((key) => ({
    id: String(key),
    label: typeof key === 'number' ? (labelOf.get(key) ?? '') : nodes.get(key)!.label,
    // parentOf already maps each topic to its group: no need to walk the tree again.
    topics: [...tree.parentOf]
      .filter(([, group]) => group === key)
      .map(([id]) => id)
      .sort((a, b) => a - b),
  }));
}
