/** Everything the charts and reports show, gathered once from the corpus and the fitted topics. */
import { round } from '../numeric/round.js';

export interface ReportTopic {
  readonly id: number;
  readonly label: string;
  /** `3: reward, policy, preference`: how a topic is named in every chart and table. */
  readonly name: string;
  readonly color: string;
  readonly size: number;
  readonly cohesion: number;
  readonly terms: readonly { readonly term: string; readonly weight: number }[];
  readonly representatives: readonly string[];
  readonly centroid: { readonly x: number; readonly y: number };
  /** The topics whose centroids are nearest (cosine in the space clustering ran in), nearest first. */
  readonly nearest?: readonly { readonly id: number; readonly similarity: number }[];
}

export interface ReportPaper {
  readonly id: string;
  readonly title: string;
  readonly topic: number;
  readonly x: number;
  readonly y: number;
  readonly date: string | null;
  readonly upvotes: number | null;
  readonly authors: number | null;
  /** The abstract as read (the HTML report caps what it embeds). */
  readonly abstract?: string;
  /** The listing day: the paper's own date, else its page's date (see `Paper.listed`). */
  readonly listed?: string | null;
  /** Cosine between the paper and its topic's centroid. */
  readonly similarity?: number | null;
}

export interface ReportInput {
  readonly path: string;
  readonly format: string;
  readonly papers: number;
  readonly duplicates: number;
  readonly skipped: number;
}

export interface ReportData {
  readonly toolVersion: string;
  readonly inputs: readonly ReportInput[];
  readonly rawPapers: number;
  readonly duplicatesMerged: number;
  readonly skipped: number;
  readonly diagnostics: readonly string[];
  /** The options that shaped the result, as shown to the reader. */
  readonly options: Readonly<Record<string, string>>;
  readonly topics: readonly ReportTopic[];
  readonly papers: readonly ReportPaper[];
  readonly explainedVariance: readonly [number, number];
  readonly kChoice: {
    readonly k: number;
    /** How k was set: 'reading-size', 'fixed' (--k) or 'kept' (an update). */
    readonly criterion: string;
    /** Broad groups at the coarse level of the topic tree, and the stability of each cut. */
    readonly groups: number;
    readonly curve: readonly { readonly groups: number; readonly stability: number }[];
  };
  /** What changed since the previous run, when there was one. */
  readonly changes: ReportChanges | null;
  /** Cosine similarity between topic centroids: `ids[i]` against `ids[j]` is `matrix[i][j]`. */
  readonly topicSimilarity?: { readonly ids: readonly number[]; readonly matrix: readonly (readonly number[])[] };
  /** Where listing days came from: own printed date, the page's date, or none. */
  readonly listedFrom?: { readonly own: number; readonly page: number; readonly none: number };
  /** The broad level of the topic tree: each group's label and its topics' ids (see cluster/topic-tree.ts). */
  readonly topicGroups?: readonly { readonly id: string; readonly label: string; readonly topics: readonly number[] }[];
  /** Every merge of the topic tree, the root last (topics.json `hierarchy.nodes`), for the tree as text. */
  readonly treeNodes?: readonly {
    readonly id: string;
    readonly label: string;
    readonly size: number;
    readonly children: readonly (number | string)[];
  }[];
}

export interface ReportChanges {
  readonly from: string;
  readonly to: string;
  /** One sentence per change (see `describeChanges`). */
  readonly lines: readonly string[];
  /** Topic sizes in both runs, for every topic in either (0 where it did not exist). */
  readonly sizes: readonly {
    readonly id: number;
    readonly name: string;
    readonly color: string;
    readonly before: number;
    readonly after: number;
  }[];
  /** `update` (topics carried on) or `refit`, when the run recorded it. */
  readonly mode?: 'update' | 'refit';
  /** Ids of the papers new since the previous run. */
  readonly added?: readonly string[];
  /** Topics born in this run (an update's `birth` events, or a refit's new topics). */
  readonly emerging?: readonly {
    readonly id: number;
    readonly name: string;
    readonly color: string;
    readonly papers: number;
    readonly reason: string;
  }[];
}

/**
 * Tableau 10, then ten darker or off-hue colours from d3's category20b/c that none of the first
 * ten resembles (topic 10 must not look like topic 0). Topic id i always gets colour i (cycling
 * past 20), in every chart and every run.
 */
export const TOPIC_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#843c39',
  '#637939',
  '#7b4173',
  '#d6616b',
  '#8ca252',
  '#bd9e39',
  '#31a354',
];

export function topicColor(topic: number): string {
  return TOPIC_PALETTE[topic % TOPIC_PALETTE.length]!;
}

export function topicName(topic: number, label: string): string {
  return `${topic}: ${label}`;
}

/** Topics by id (ids are stable across runs, so they need not be 0..k-1). */
export function topicsById(data: Pick<ReportData, 'topics'>): ReadonlyMap<number, ReportTopic> {
  return new Map(data.topics.map((t) => [t.id, t]));
}

/**
 * Colours of the broad groups: d3's category10 without its grey and olive, strong hues that stay
 * apart on the map (a broad group is what the map is coloured by), cycling past eight.
 */
export const GROUP_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export interface BroadGroup {
  /** The tree's id for the group (a node id, or a topic id for a topic that joined nothing), as text. */
  readonly id: string;
  /** A short handle, `A`, `B`, …: in the order of the groups' smallest topic ids. */
  readonly key: string;
  readonly label: string;
  /** `A: robot, grasping, navigation`: how a group is named in every chart and table (unique). */
  readonly name: string;
  readonly color: string;
  /** Its topics' ids, largest topic first. */
  readonly topics: readonly number[];
  readonly size: number;
  /** The mean of its topics' map centres, weighted by their papers. */
  readonly centroid: { readonly x: number; readonly y: number };
}

/**
 * The broad level of the topic tree as the report shows it. Groups are ordered by their smallest
 * topic id (topic 0 is the largest of a fresh fit, and ids carry over reruns), so a group keeps its
 * letter and colour as long as its topics do. Without a tree, each topic is its own group.
 */
export function broadGroups(data: Pick<ReportData, 'topics' | 'topicGroups'>): readonly BroadGroup[] {
  const drawn = groupCache.get(data);
  if (drawn) return drawn;
  const byId = topicsById(data);
  const raw = (data.topicGroups ?? data.topics.map((t) => ({ id: String(t.id), label: t.label, topics: [t.id] })))
    .map((g) => ({ ...g, topics: g.topics.filter((id) => byId.has(id)) }))
    .filter((g) => g.topics.length > 0)
    .sort((a, b) => Math.min(...a.topics) - Math.min(...b.topics));
  const groups = raw.map((g, i): BroadGroup => {
    const topics = g.topics.map((id) => byId.get(id)!).sort((a, b) => b.size - a.size || a.id - b.id);
    const size = topics.reduce((n, t) => n + t.size, 0);
    // Weighted by papers; an empty topic still counts a little, so a group always has a centre.
    const weights = topics.map((t) => Math.max(t.size, 1e-6));
    const total = weights.reduce((s, w) => s + w, 0);
    const mean = (pick: (t: ReportTopic) => number): number =>
      round(topics.reduce((s, t, j) => s + pick(t) * weights[j]!, 0) / total);
    const key = groupKey(i);
    return {
      id: String(g.id),
      key,
      label: g.label,
      name: `${key}: ${g.label}`,
      color: GROUP_PALETTE[i % GROUP_PALETTE.length]!,
      topics: topics.map((t) => t.id),
      size,
      centroid: { x: mean((t) => t.centroid.x), y: mean((t) => t.centroid.y) },
    };
  });
  groupCache.set(data, groups);
  return groups;
}

const groupCache = new WeakMap<object, readonly BroadGroup[]>();

/** A, B, …, Z, AA, AB, …: spreadsheet-style column letters. */
function groupKey(index: number): string {
  let key = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) key = String.fromCharCode(65 + ((n - 1) % 26)) + key;
  return key;
}

/** Topic id -> its broad group. */
export function groupOfTopic(data: Pick<ReportData, 'topics' | 'topicGroups'>): ReadonlyMap<number, BroadGroup> {
  return new Map(broadGroups(data).flatMap((g) => g.topics.map((id) => [id, g] as const)));
}

/**
 * Whether the topics have a grouping worth showing: some broad group holds two or more topics.
 * When every group is a single topic (no cut of the tree was stable, or there is no tree), the
 * report is flat: the map and the timeline by topic, no group rows, buttons or tree bars.
 */
export function hasGrouping(data: Pick<ReportData, 'topics' | 'topicGroups'>): boolean {
  return broadGroups(data).some((g) => g.topics.length > 1);
}
