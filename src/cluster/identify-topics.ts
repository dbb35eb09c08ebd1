/**
 * The identify step: every fitted topic gets its stable id, label and colour (matched to the
 * previous run's topics), and every paper the id of its topic. Everything after it (tables,
 * model, charts, reports, comparisons) reads identified topics, never fit positions.
 */
import { topicColor, topicName } from '../report/report-data.js';
import type { DenseMatrix } from '../numeric/dense.js';
import type { TopicSummary } from './describe-topics.js';
import { buildTopicTree, type TopicTree } from './topic-tree.js';
import { nameSeededTopics, type MatchedGuide } from './guided-topics.js';
import { matchTopics, type PreviousTopic } from './match-topics.js';

export interface IdentifiedTopic extends TopicSummary {
  /** Stable across runs; `topic` (inherited) is the fit's position, 0 the largest. */
  readonly id: number;
  /** What the topic is called: the user's name for it if given, else `autoLabel`. */
  readonly label: string;
  /** The label from the terms: the previous run's when it continues a topic, else the fit's. */
  readonly autoLabel: string;
  /** True when `label` is not the terms' label: the user's name (names file) or a seed topic's (--seed-topics). */
  readonly named: boolean;
  /** `id: label`, as charts and reports name it. */
  readonly name: string;
  readonly color: string;
  /** Similarity to the previous run's topic it continues; null for a new topic. */
  readonly matchedSimilarity: number | null;
  /** Where the topic sits on the map: the mean position of its papers. */
  readonly position: { readonly x: number; readonly y: number };
}

export interface IdentifiedTopics {
  /** In size order, as fitted. */
  readonly topics: readonly IdentifiedTopic[];
  /** The topic id of each paper, by paper position. */
  readonly paperTopics: Int32Array;
  /** The next id never used, to carry into the next run. */
  readonly nextId: number;
  /** The topics merged into broader groups, by their stable ids. */
  readonly tree: TopicTree;
}

export interface PreviousTopics {
  readonly topics: readonly PreviousTopic[];
  readonly nextId: number;
}

/**
 * @param labels fit position of each paper's topic
 * @param positions k × 2 map positions of the topics, by fit position
 * @param centroids k × dims unit centres of the topics, by fit position (for the tree)
 * @param continues for an update, the previous id each topic continues (null: born now); for a
 *   refit null, and topics are matched to the previous ones by their terms
 * @param names the user's names for topics, by stable id; they survive reruns through the ids
 * @param coarseGroups broad groups at the tree's coarse level (see chooseCoarseGroups)
 * @param guides the seed topics (--seed-topics): each names the topic whose top terms rank one of
 *   its seed terms highest (see nameSeededTopics); the user's names come first
 */
export function identifyTopics(
  summaries: readonly TopicSummary[],
  labels: Int32Array,
  positions: Float64Array,
  centroids: DenseMatrix,
  previous: PreviousTopics,
  continues: readonly (number | null)[] | null = null,
  names: ReadonlyMap<number, string> = new Map(),
  coarseGroups: number,
  guides: readonly MatchedGuide[] = [],
): IdentifiedTopics {
  const identity = continues
    ? carryIds(summaries, continues, previous)
    : matchTopics(previous.topics, summaries, previous.nextId);
  const termKeysAt = [...summaries].sort((a, b) => a.topic - b.topic).map((s) => s.termKeys);
  const seeded = nameSeededTopics(guides, termKeysAt);
  const topics = summaries.map((summary, i): IdentifiedTopic => {
    const id = identity.ids[i]!;
    const autoLabel = identity.labels[i]!;
    const label = names.get(id) ?? seeded[summary.topic] ?? autoLabel;
    return {
      ...summary,
      id,
      label,
      autoLabel,
      named: label !== autoLabel,
      name: topicName(id, label),
      color: topicColor(id),
      matchedSimilarity: identity.matchedSimilarity[i]!,
      position: { x: positions[summary.topic * 2]!, y: positions[summary.topic * 2 + 1]! },
    };
  });
  const idAt = new Int32Array(topics.length);
  for (const t of topics) idAt[t.topic] = t.id;
  const byPosition = [...topics].sort((a, b) => a.topic - b.topic);
  const tree = buildTopicTree(byPosition, centroids, coarseGroups);
  return { topics, paperTopics: labels.map((topic) => idAt[topic]!), nextId: identity.nextId, tree };
}

/** An update's ids: a continued topic keeps its id and label, a born one takes the next unused id. */
function carryIds(
  summaries: readonly TopicSummary[],
  continues: readonly (number | null)[],
  previous: PreviousTopics,
): Pick<IdentifiedTopics, 'nextId'> & { ids: number[]; labels: string[]; matchedSimilarity: (number | null)[] } {
  const labelOf = new Map(previous.topics.map((t) => [t.id, t.label]));
  let nextId = Math.max(
    previous.nextId,
    ...previous.topics.map((t) => t.id + 1),
    ...continues.map((id) => (id ?? -1) + 1),
  );
  const ids = summaries.map((s) => continues[s.topic] ?? nextId++);
  const labels = summaries.map((s, i) => (continues[s.topic] === null ? s.label : (labelOf.get(ids[i]!) ?? s.label)));
  return { ids, labels, matchedSimilarity: summaries.map((s) => (continues[s.topic] === null ? null : 1)), nextId };
}
