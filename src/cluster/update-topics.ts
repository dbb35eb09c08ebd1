/**
 * Updating the last run's topics instead of refitting them, so a rerun shows what changed in the
 * corpus rather than the fit's own noise.
 *
 *   previous members -> initial centres (their mean, in the new space)
 *     -> sticky Lloyd (a paper keeps its topic unless another is closer by `margin`)
 *     -> births (new papers that fit no topic, grouped) -> sticky Lloyd again
 *     -> ends (topics left with no papers)
 *
 * Points are unit rows, so closeness is cosine similarity and a centre is a unit mean direction.
 */
import { dotRows, selectRows, type DenseMatrix } from '../numeric/dense.js';
import { round } from '../numeric/round.js';
import { clusterKmeans } from './kmeans.js';
import { topicCentroids } from './describe-topics.js';

export interface UpdateOptions {
  /**
   * How much closer (cosine) another topic must be before a paper leaves its topic. Papers on a
   * boundary otherwise flip from run to run as the refitted space shifts a little.
   */
  readonly margin: number;
  /** The fewest new papers that can found a topic... */
  readonly minBirth: number;
  /**
   * ...or this share of the corpus, if more: about 5% of new papers fall below the misfit bar by
   * construction, so a large daily feed would otherwise found a small topic every day.
   */
  readonly minBirthShare: number;
  /**
   * A birth must be at least this cohesive: the share of the median existing topic's cohesion
   * (mean cosine of its papers to its centre) it must reach, so scattered misfits found nothing.
   */
  readonly birthCohesion: number;
  /** New papers below this quantile of the existing papers' similarity to their own topic fit no topic. */
  readonly misfitQuantile: number;
  /**
   * A topic splits when its two halves (2-means) are at least this share of the typical distance
   * between two topics apart (1 - the median cosine of topic centres), each half holding a quarter
   * of it and at least `minBirth` papers.
   */
  readonly splitShare: number;
  /**
   * Two topics merge when their centres are within this share of the typical distance. Far below
   * `splitShare`: a pair just split is nowhere near merging back (hysteresis).
   */
  readonly mergeShare: number;
  /** The share of a topic's papers two 2-means starts must put on the same sides before it splits. */
  readonly splitAgreement: number;
  /**
   * Only a topic that has grown by this share of new papers in this update is checked for a split:
   * one that has *grown* into two groups. Topics the last fit made are left as that fit chose them
   * (a refit is the way to redraw them; the drift warning says when).
   */
  readonly splitGrowth: number;
  readonly maxIterations: number;
  readonly seed: number;
}

export const UPDATE_DEFAULTS: UpdateOptions = {
  margin: 0.03,
  minBirth: 5,
  minBirthShare: 0.005,
  birthCohesion: 1,
  misfitQuantile: 0.05,
  splitShare: 0.75,
  mergeShare: 0.25,
  splitAgreement: 0.95,
  splitGrowth: 0.2,
  maxIterations: 50,
  seed: 1,
};

/** Why a topic was born or ended, with the figures behind it. */
export type TopicEvent =
  | {
      readonly kind: 'birth';
      readonly cluster: number;
      /** New papers that founded it. */
      readonly papers: number;
      /** Papers of other topics that then moved into it (closer to it by the margin). */
      readonly joined: number;
      readonly cohesion: number;
      readonly reason: string;
    }
  | { readonly kind: 'end'; readonly previousId: number; readonly reason: string }
  | {
      readonly kind: 'split';
      /** The topic that split: its larger half keeps the id, the other half is `cluster`. */
      readonly previousId: number;
      readonly cluster: number;
      readonly papers: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'merge';
      /** The smaller topic, merged into the topic `into` (which keeps its id). */
      readonly previousId: number;
      readonly into: number;
      readonly reason: string;
    };

export interface TopicUpdate {
  readonly k: number;
  /** Cluster of each paper, in [0, k). */
  readonly labels: Int32Array;
  /** Per cluster: the previous topic id it continues, or null for a topic born in this update. */
  readonly continues: readonly (number | null)[];
  readonly events: readonly TopicEvent[];
  /** Sum over papers of 1 - cosine to their centre: comparable with a fresh k-means fit's inertia / 2. */
  readonly objective: number;
}

/**
 * @param previousTopic for each paper, the id of its topic in the last run, or -1 for a new paper
 * @param previousIds every topic id of the last run (those with no paper left end)
 */
export function updateTopics(
  points: DenseMatrix,
  previousTopic: Int32Array,
  previousIds: readonly number[],
  options: Partial<UpdateOptions> = {},
): TopicUpdate {
  const given = { ...UPDATE_DEFAULTS, ...options };
  const opts = { ...given, minBirth: Math.max(given.minBirth, Math.ceil(given.minBirthShare * points.rows)) };
  // 1. One cluster per previous topic that still has papers; the others end.
  const ids = [...new Set(Array.from(previousTopic).filter((t) => t >= 0))].sort((a, b) => a - b);
  const events: TopicEvent[] = [...previousIds]
    .sort((a, b) => a - b)
    .filter((id) => !ids.includes(id))
    .map((id) => ({ kind: 'end', previousId: id, reason: 'every paper of it left the corpus' }));
  const clusterOf = new Map(ids.map((id, c) => [id, c]));
  const home = previousTopic.map((t) => (t >= 0 ? clusterOf.get(t)! : -1));
  let continues: (number | null)[] = [...ids];
  let labels = sticky(points, home, topicCentroids(points, home, ids.length), opts);

  // 2. Births: new papers that fit no topic, in groups coherent enough to be topics of their own.
  const born = births(points, previousTopic, labels, continues.length, opts);
  if (born.groups.length > 0) {
    const k = continues.length + born.groups.length;
    born.groups.forEach((group, g) => {
      for (const i of group.members) labels[i] = continues.length + g;
      const cluster = continues.length + g;
      events.push({
        kind: 'birth',
        cluster,
        papers: group.members.length,
        joined: 0,
        cohesion: group.cohesion,
        reason: born.reason,
      });
    });
    continues = [...continues, ...born.groups.map(() => null)];
    // Existing papers keep their topic unless a new one is closer by the margin; the founders stay.
    const current = Int32Array.from(labels);
    labels = sticky(points, current, topicCentroids(points, current, k), opts);
    for (const [e, event] of events.entries()) {
      if (event.kind !== 'birth') continue;
      const joined = labels.filter((c, i) => c === event.cluster && current[i] !== event.cluster).length;
      events[e] = { ...event, joined };
    }
  }

  // 3. Splits and merges, each only past its bar.
  const reshaped = splitsAndMerges(points, labels, continues, previousTopic, opts);
  labels = reshaped.labels;
  continues = reshaped.continues;
  events.push(...reshaped.events);

  // 4. Ends: topics left with no papers (every paper gone, or every paper closer to another).
  const size = new Int32Array(continues.length);
  for (const c of labels) size[c]!++;
  const kept = continues.map((_, c) => c).filter((c) => size[c]! > 0);
  const merged = new Set(reshaped.events.flatMap((e) => (e.kind === 'merge' ? [e.previousId] : [])));
  for (const c of continues.keys()) {
    if (size[c] === 0 && continues[c] !== null && !merged.has(continues[c]!))
      events.push({ kind: 'end', previousId: continues[c]!, reason: 'no papers left in it' });
  }
  const renumber = new Int32Array(continues.length).fill(-1);
  kept.forEach((c, index) => (renumber[c] = index));
  const finalLabels = labels.map((c) => renumber[c]!);
  const k = kept.length;
  const centres = topicCentroids(points, finalLabels, k);
  return {
    k,
    labels: finalLabels,
    continues: kept.map((c) => continues[c]!),
    // A topic born (or split off) here that lost every paper again in the last pass never existed.
    events: events
      .filter((e) => (e.kind === 'birth' || e.kind === 'split' ? renumber[e.cluster]! >= 0 : true))
      .map((e) => (e.kind === 'birth' || e.kind === 'split' ? { ...e, cluster: renumber[e.cluster]! } : e)),
    objective: objective(points, finalLabels, centres),
  };
}

/**
 * Merges of converged topics (the most similar pair first, each topic once), then splits of
 * topics that have grown into two groups. Both are measured against the typical distance between
 * two topics of this corpus, so the bars follow the corpus rather than a fixed cosine.
 */
function splitsAndMerges(
  points: DenseMatrix,
  start: Int32Array,
  startContinues: readonly (number | null)[],
  previousTopic: Int32Array,
  opts: UpdateOptions,
): { labels: Int32Array; continues: (number | null)[]; events: TopicEvent[] } {
  const labels = Int32Array.from(start);
  const continues = [...startContinues];
  const events: TopicEvent[] = [];
  const k = continues.length;
  const size = new Int32Array(k);
  for (const c of labels) size[c]!++;
  const centres = topicCentroids(points, labels, k);
  const pairs: { a: number; b: number; cos: number }[] = [];
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++)
      if (size[a]! > 0 && size[b]! > 0) pairs.push({ a, b, cos: dotRows(centres, a, centres, b) });
  if (pairs.length === 0) return { labels, continues, events };
  const sorted = pairs.map((p) => p.cos).sort((x, y) => x - y);
  const typical = 1 - sorted[Math.floor(sorted.length / 2)]!;
  const touched = new Set<number>();
  for (const { a, b, cos } of [...pairs].sort((x, y) => y.cos - x.cos || x.a - y.a || x.b - y.b)) {
    if (1 - cos > opts.mergeShare * typical) break;
    if (touched.has(a) || touched.has(b) || continues[a] === null || continues[b] === null) continue;
    const [keep, gone] = size[a]! >= size[b]! ? [a, b] : [b, a];
    for (let i = 0; i < labels.length; i++) if (labels[i] === gone) labels[i] = keep;
    touched.add(a).add(b);
    events.push({
      kind: 'merge',
      previousId: continues[gone]!,
      into: continues[keep]!,
      reason: `their centres are ${round(1 - cos, 3)} apart (cosine distance), within ${opts.mergeShare} of the typical ${round(typical, 3)} between two topics`,
    });
  }
  const membersOf: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((c, i) => membersOf[c]!.push(i));
  for (let c = 0; c < k; c++) {
    if (touched.has(c) || continues[c] === null || size[c]! < 2 * opts.minBirth) continue;
    const members = membersOf[c]!;
    const grown = members.filter((i) => previousTopic[i]! < 0).length;
    if (grown < opts.splitGrowth * members.length) continue;
    const rows = selectRows(points, members);
    const halves = clusterKmeans(rows, 2, { seed: opts.seed, restarts: 3 });
    if (halves.k < 2) continue;
    // Any topic splits somewhere; a real fault line is found again from another start.
    const again = clusterKmeans(rows, 2, { seed: opts.seed + SPLIT_CHECK_SEED, restarts: 3 });
    if (agreement(halves.labels, again.labels) < opts.splitAgreement) continue;
    const counts = [0, 1].map((h) => halves.labels.filter((l) => l === h).length);
    const smaller = counts[0]! <= counts[1]! ? 0 : 1;
    if (counts[smaller]! < Math.max(opts.minBirth, 0.25 * members.length)) continue;
    const halfCentres = topicCentroids(rows, halves.labels, 2);
    const apart = 1 - dotRows(halfCentres, 0, halfCentres, 1);
    if (apart < opts.splitShare * typical) continue;
    const cluster = continues.length;
    continues.push(null);
    members.forEach((i, r) => halves.labels[r] === smaller && (labels[i] = cluster));
    events.push({
      kind: 'split',
      previousId: continues[c]!,
      cluster,
      papers: counts[smaller]!,
      reason:
        `its two halves are ${round(apart, 3)} apart (cosine distance), at least ${opts.splitShare} of the typical ` +
        `${round(typical, 3)} between two topics, and 2-means from another start finds the same halves ` +
        `(${grown} of its ${members.length} papers are new)`,
    });
  }
  return { labels, continues, events };
}

/** Share of rows two 2-way labelings put on the same side, the better of the two ways to pair the sides. */
function agreement(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return Math.max(same, a.length - same) / Math.max(1, a.length);
}

/** Offset of the second start's seed in the split check. */
const SPLIT_CHECK_SEED = 7;

/** Sum over rows of 1 - cosine to the row's centre. */
export function objective(points: DenseMatrix, labels: Int32Array, centres: DenseMatrix): number {
  let total = 0;
  for (let i = 0; i < points.rows; i++) total += 1 - dotRows(points, i, centres, labels[i]!);
  return total;
}

/**
 * Lloyd steps where a paper with a home topic moves only to a topic closer by the margin; papers
 * without one (-1) go to the nearest. Starts from `home`, returns when nothing moves.
 */
function sticky(points: DenseMatrix, home: Int32Array, initial: DenseMatrix, opts: UpdateOptions): Int32Array {
  const k = initial.rows;
  let centres = initial;
  const labels = Int32Array.from(home);
  for (let iteration = 0; iteration < opts.maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < points.rows; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const sim = dotRows(points, i, centres, c);
        if (sim > bestSim) [best, bestSim] = [c, sim];
      }
      const own = home[i]!;
      const next = own >= 0 && best !== own && bestSim < dotRows(points, i, centres, own) + opts.margin ? own : best;
      if (next !== labels[i]) {
        labels[i] = next;
        changed++;
      }
    }
    if (changed === 0 && iteration > 0) break;
    centres = keepEmpty(topicCentroids(points, labels, k), centres);
  }
  return labels;
}

/** New papers that fit no topic well, grouped; only coherent groups of `minBirth` or more are born. */
function births(
  points: DenseMatrix,
  previousTopic: Int32Array,
  labels: Int32Array,
  k: number,
  opts: UpdateOptions,
): { groups: { members: number[]; cohesion: number }[]; reason: string } {
  const centres = topicCentroids(points, labels, k);
  const existing: number[] = [];
  const cohesion = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (let i = 0; i < points.rows; i++) {
    const sim = dotRows(points, i, centres, labels[i]!);
    cohesion[labels[i]!]! += sim;
    sizes[labels[i]!]!++;
    if (previousTopic[i]! >= 0) existing.push(sim);
  }
  existing.sort((a, b) => a - b);
  const bar = existing[Math.min(existing.length - 1, Math.floor(opts.misfitQuantile * existing.length))] ?? -Infinity;
  const misfits: number[] = [];
  for (let i = 0; i < points.rows; i++) {
    if (previousTopic[i]! >= 0) continue;
    let best = -Infinity;
    for (let c = 0; c < k; c++) best = Math.max(best, dotRows(points, i, centres, c));
    if (best < bar) misfits.push(i);
  }
  const cohesions = Array.from(cohesion, (s, c) => s / Math.max(1, sizes[c]!)).sort((a, b) => a - b);
  const needed = opts.birthCohesion * (cohesions[Math.floor(cohesions.length / 2)] ?? 0);
  const reason =
    `at least ${opts.minBirth} new papers less similar to every topic than ${round(bar, 3)} ` +
    `(the ${opts.misfitQuantile * 100}th percentile of existing papers), as cohesive as the median topic (${round(needed, 3)})`;
  if (misfits.length < opts.minBirth) return { groups: [], reason };
  const rows = selectRows(points, misfits);
  const parts = Math.max(1, Math.floor(misfits.length / opts.minBirth));
  const grouped = clusterKmeans(rows, Math.min(parts, 3), { seed: opts.seed, restarts: 3 });
  const groupCentres = topicCentroids(rows, grouped.labels, grouped.k);
  const groups: { members: number[]; cohesion: number }[] = [];
  for (let g = 0; g < grouped.k; g++) {
    const members = misfits.filter((_, r) => grouped.labels[r] === g);
    const local = misfits.map((_, r) => r).filter((r) => grouped.labels[r] === g);
    const mean = local.reduce((s, r) => s + dotRows(rows, r, groupCentres, g), 0) / Math.max(1, local.length);
    if (members.length >= opts.minBirth && mean >= needed) groups.push({ members, cohesion: round(mean, 3) });
  }
  return { groups, reason };
}

/** A cluster that lost every paper keeps its last centre, so it can win papers back. */
function keepEmpty(next: DenseMatrix, previous: DenseMatrix): DenseMatrix {
  const { rows, cols } = next;
  for (let c = 0; c < rows; c++) {
    let norm = 0;
    for (let d = 0; d < cols; d++) norm += next.data[c * cols + d]! ** 2;
    if (norm === 0) next.data.set(previous.data.subarray(c * cols, (c + 1) * cols), c * cols);
  }
  return next;
}
