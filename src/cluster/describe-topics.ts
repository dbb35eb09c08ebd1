/**
 * What each topic is about: size, cohesion, its most distinctive terms (by the share of its papers
 * using them, see `topicTermWeights`, ordered so terms used together come together, see
 * `coherentOrder`, no two saying the same thing), a short label from those terms, and the papers
 * nearest its centroid.
 */
import { dotRows, normalizeRowsInPlace, type DenseMatrix } from '../numeric/dense.js';
import { topicMeans } from './topic-means.js';
import type { TfidfMatrix } from '../vectorize/tfidf.js';
import { pairNpmi } from '../eval/coherence.js';

export interface TopicTerm {
  readonly term: string;
  readonly weight: number;
}

export interface TopicSummary {
  readonly topic: number;
  readonly label: string;
  readonly size: number;
  /** Mean cosine between the topic's papers and its centroid, in [−1, 1]. */
  readonly cohesion: number;
  readonly terms: readonly TopicTerm[];
  /** Row indices of the papers nearest the centroid, nearest first. */
  readonly representatives: readonly number[];
  /**
   * The topic in term space, comparable across runs (unlike LSA dimensions): its papers' mean
   * TF-IDF row, cut to the heaviest terms and unit-normalised, keyed by term key.
   */
  readonly signature: Readonly<Record<string, number>>;
  /** Keys of `terms`, for term overlap across runs. */
  readonly termKeys: readonly string[];
}

export interface DescribeTopicsOptions {
  readonly topTerms: number;
  readonly labelTerms: number;
  readonly representatives: number;
}

const DESCRIBE_TOPICS_DEFAULTS: DescribeTopicsOptions = { topTerms: 10, labelTerms: 3, representatives: 3 };

const SIGNATURE_TERMS = 50;

/**
 * Renumbers clusters so topic 0 is the largest (ties: the one whose first paper comes first), and
 * returns the mapping from cluster to topic.
 */
export function orderTopicsBySize(labels: Int32Array, k: number): Int32Array {
  const size = new Int32Array(k);
  const first = new Int32Array(k).fill(labels.length);
  labels.forEach((c, i) => {
    size[c]!++;
    if (first[c] === labels.length) first[c] = i;
  });
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const topicOf = new Int32Array(k);
  order.forEach((c, topic) => (topicOf[c] = topic));
  return topicOf;
}

/**
 * Summaries for topics 0..k-1 of `labels` (already in topic numbering). `points` are unit rows;
 * `centroids`, their topics' unit centres, when the caller has them already.
 */
export function describeTopics(
  tfidf: TfidfMatrix,
  points: DenseMatrix,
  labels: Int32Array,
  k: number,
  options: Partial<DescribeTopicsOptions> = {},
  centroids: DenseMatrix = topicCentroids(points, labels, k),
): TopicSummary[] {
  const opts = { ...DESCRIBE_TOPICS_DEFAULTS, ...options };
  const weights = topicTermWeights(tfidf, labels, k);
  const membersOf: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((t, i) => membersOf[t]!.push(i));
  const scratch = new Float64Array(tfidf.cols);
  const candidateCount = Math.max(CANDIDATE_TERMS, opts.topTerms, opts.labelTerms * 3);
  // Columns are sorted by term key, so the index tie-break orders equal weights by term.
  const rowOf = (topic: number) => weights.subarray(topic * tfidf.cols, (topic + 1) * tfidf.cols);
  const candidatesOf = membersOf.map((_, topic) => heaviest(rowOf(topic), candidateCount));
  // Column -> position among the terms being looked at, -1 elsewhere; reset after each use.
  const slot = new Int32Array(tfidf.cols).fill(-1);
  const { papersUsing, papers } = termPapers(tfidf, new Set(candidatesOf.flat()), slot);
  const ordered = candidatesOf.map((candidates, topic) => coherentOrder(candidates, rowOf(topic), papersUsing, papers));
  // A term in the top terms of more than MAX_SHARED topics stays only where it weighs most; the
  // others take their next term, unless that would leave them too few for a label (then they share).
  // Repeated while taking terms away frees others, at most SHARE_ROUNDS times.
  const overlapOf = ordered.map((candidates, topic) => termOverlap(tfidf, membersOf[topic]!, candidates, slot));
  const excluded = membersOf.map(() => new Set<number>());
  const shared = membersOf.map(() => new Set<number>());
  const pick = (topic: number) => {
    const at = ordered[topic]!.flatMap((j, position) => (excluded[topic]!.has(j) ? [] : [position]));
    const candidates = at.map((position) => ordered[topic]![position]!);
    const overlap: TermOverlap = { at: (a, b) => overlapOf[topic]!.at(at[a]!, at[b]!) };
    return { candidates, overlap, top: distinctTerms(candidates, tfidf, overlap, opts.topTerms) };
  };
  const picked = membersOf.map((_, topic) => pick(topic));
  for (let round = 0; round < SHARE_ROUNDS; round++) {
    const usedBy = new Map<number, number[]>();
    picked.forEach(({ top }, topic) => top.forEach((j) => usedBy.set(j, [...(usedBy.get(j) ?? []), topic])));
    let changed = false;
    for (const [j, topics] of usedBy) {
      const losers = [...topics]
        .sort((a, b) => rowOf(b)[j]! - rowOf(a)[j]! || a - b)
        .slice(MAX_SHARED)
        .filter((topic) => !shared[topic]!.has(j));
      for (const topic of losers) {
        excluded[topic]!.add(j);
        const next = pick(topic);
        if (next.top.length < Math.min(picked[topic]!.top.length, opts.labelTerms)) {
          excluded[topic]!.delete(j);
          shared[topic]!.add(j);
        } else {
          picked[topic] = next;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return membersOf.map((members, topic) => {
    const row = rowOf(topic);
    const { candidates, overlap, top } = picked[topic]!;
    const similarity = members.map((i) => ({ i, cos: dotRows(points, i, centroids, topic) }));
    const cohesion = similarity.length === 0 ? 0 : similarity.reduce((s, m) => s + m.cos, 0) / similarity.length;
    return {
      topic,
      label: topicLabel(
        [...top, ...candidates.filter((j) => !top.includes(j))],
        tfidf,
        overlap,
        opts.labelTerms,
        candidates,
      ),
      size: members.length,
      cohesion,
      terms: top.map((j) => ({ term: tfidf.labels[j]!, weight: row[j]! })),
      representatives: similarity
        .sort((a, b) => b.cos - a.cos || a.i - b.i)
        .slice(0, opts.representatives)
        .map((m) => m.i),
      signature: termSignature(tfidf, members, scratch),
      termKeys: top.map((j) => tfidf.terms[j]!),
    };
  });
}

/**
 * How much a candidate's co-occurrence with the terms already taken counts against its weight
 * (relative to the topic's heaviest term) when the top terms are ordered. NPMI of the top 10
 * (written words) at 0 / 0.5 / 1 / 2: seeds k = 5 0.070 / 0.099 / 0.161 / 0.197, k = 10
 * 0.130 / 0.237 / 0.236 / 0.273; dev corpus k = 5 0.205 / 0.218 / 0.219 / 0.264, k = 15
 * 0.238 / 0.262 / 0.288 / 0.306 (scikit-learn NMF: 0.197, 0.237, 0.175, 0.222).
 */
const COHERENCE_PULL = 2;
/**
 * A term is among the top terms of at most this many topics, so each topic's list tells it apart
 * (how related topics are is the tree's job). Topic diversity on 20,000 pool papers at k = 50
 * with no limit / 3 / 2 / 1: 0.854 / 0.858 / 0.874 / 1.000, NPMI 0.333 / 0.333 / 0.331 / 0.319
 * (NMF: diversity 0.832, NPMI 0.219); on the dev corpus at k = 15 0.947 -> 1.000, NPMI 0.306 ->
 * 0.296.
 */
const MAX_SHARED = 1;
/** Passes of taking shared terms away and refilling; each pass can free terms the next settles. */
const SHARE_ROUNDS = 10;

/** Papers the co-occurrence of candidate terms is counted on, at most. */
const COHERENCE_PAPERS = 20_000;

/**
 * The papers using each of `columns`, among every stride-th paper (at most COHERENCE_PAPERS of
 * them): a bitset per column (bit i for the i-th paper sampled) and how many use it, and how many
 * were sampled. Pairs of candidates share papers by an AND of two bitsets (at 20,000 papers 625
 * words) instead of a merge of two lists thousands long. `slot` as for `termOverlap`.
 */
function termPapers(
  tfidf: TfidfMatrix,
  columns: ReadonlySet<number>,
  slot: Int32Array,
): { papersUsing: Map<number, TermPapers>; papers: number } {
  const ordered = [...columns];
  ordered.forEach((j, at) => (slot[j] = at));
  const stride = Math.max(1, Math.ceil(tfidf.rows / COHERENCE_PAPERS));
  const papers = Math.ceil(tfidf.rows / stride);
  const words = (papers + 31) >>> 5;
  const bits = new Uint32Array(ordered.length * words);
  const counts = new Int32Array(ordered.length);
  for (let i = 0, paper = 0; i < tfidf.rows; i += stride, paper++)
    for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++) {
      const at = slot[tfidf.indices[p]!]!;
      if (at === -1) continue;
      bits[at * words + (paper >>> 5)]! |= 1 << (paper & 31);
      counts[at]!++;
    }
  for (const j of ordered) slot[j] = -1;
  return {
    papersUsing: new Map(
      ordered.map((j, at) => [j, { bits: bits.subarray(at * words, (at + 1) * words), count: counts[at]! }]),
    ),
    papers,
  };
}

/** The papers (of those sampled) using a term, as a bitset, and how many. */
interface TermPapers {
  readonly bits: Uint32Array;
  readonly count: number;
}

/** How many papers two terms share. */
function sharedPapers(a: TermPapers, b: TermPapers): number {
  let count = 0;
  for (let w = 0; w < a.bits.length; w++) {
    let x = a.bits[w]! & b.bits[w]!;
    // Bits set in x, in parallel (the classic SWAR count).
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    count += Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

/**
 * The candidates reordered so that terms used together come together: the heaviest first, then at
 * each step the candidate with the best weight (relative to the heaviest) plus COHERENCE_PULL times
 * its mean NPMI with the terms already placed. Terms that describe one thing share papers; a
 * generic word that is merely frequent in a mixed topic (`enhance`, `single`) shares few.
 */
function coherentOrder(
  candidates: readonly number[],
  row: Float64Array,
  papersUsing: ReadonlyMap<number, TermPapers>,
  papers: number,
): number[] {
  if (candidates.length === 0) return [];
  const top = row[candidates[0]!]!;
  const order = [candidates[0]!];
  const left = candidates.slice(1);
  const npmiSum = new Float64Array(left.length);
  const docs = (j: number) => papersUsing.get(j)!;
  while (left.length > 0) {
    const last = docs(order[order.length - 1]!);
    let best = 0;
    let bestScore = -Infinity;
    for (let at = 0; at < left.length; at++) {
      const j = left[at]!;
      const mine = docs(j);
      npmiSum[at]! += pairNpmi(mine.count, last.count, sharedPapers(mine, last), papers);
      const score = row[j]! / top + (COHERENCE_PULL * npmiSum[at]!) / order.length;
      if (score > bestScore + 1e-12) [best, bestScore] = [at, score];
    }
    order.push(left[best]!);
    left.splice(best, 1);
    npmiSum.copyWithin(best, best + 1);
  }
  return order;
}

/** How many of a topic's heaviest terms are considered for its top terms and label. */
const CANDIDATE_TERMS = 40;
/**
 * Two terms that share a word say the same thing when they are in mostly the same papers of the
 * topic (Jaccard of their paper sets at least this): `reinforcement` and `reinforcement learning`.
 */
const SAME_THING = 0.6;
/** Label terms that share no word but are this often in the same papers (`lora`, `low-rank`). */
const LABEL_OVERLAP = 0.5;

/** Jaccard similarity of candidate terms' paper sets within a topic: `at(a, b)` by candidate position. */
interface TermOverlap {
  at(a: number, b: number): number;
}

/**
 * `slot` maps a column to its candidate position, -1 elsewhere: all -1 on entry and on return (one
 * array of the vocabulary's length serves every topic).
 */
function termOverlap(
  tfidf: TfidfMatrix,
  members: readonly number[],
  candidates: readonly number[],
  slot: Int32Array,
): TermOverlap {
  candidates.forEach((j, at) => (slot[j] = at));
  const c = candidates.length;
  const together = new Float64Array(c * c);
  const present: number[] = [];
  for (const i of members) {
    present.length = 0;
    for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++) {
      const at = slot[tfidf.indices[p]!]!;
      if (at !== -1) present.push(at);
    }
    for (const a of present) for (const b of present) together[a * c + b]!++;
  }
  for (const j of candidates) slot[j] = -1;
  return {
    at: (a, b) => {
      const both = together[a * c + b]!;
      const either = together[a * c + a]! + together[b * c + b]! - both;
      return either === 0 ? 0 : both / either;
    },
  };
}

/** A term's words, hyphenated words split into their parts (`parameter-efficient` -> 2 words). */
function wordsOf(tfidf: TfidfMatrix, j: number): string[] {
  return tfidf.terms[j]!.split(/[ -]/);
}

function shareWord(tfidf: TfidfMatrix, a: number, b: number): boolean {
  const words = wordsOf(tfidf, b);
  return wordsOf(tfidf, a).some((w) => words.includes(w));
}

/**
 * The first `count` candidates (heaviest first) with no two saying the same thing: a term that
 * shares a word with one already taken and is in mostly the same papers (see `SAME_THING`) is
 * dropped, or takes its place if it is the longer (phrases carry the meaning: `model merging`
 * rather than `merging`).
 */
function distinctTerms(
  candidates: readonly number[],
  tfidf: TfidfMatrix,
  overlap: TermOverlap,
  count: number,
): number[] {
  let taken: number[] = []; // positions in candidates
  for (let at = 0; at < candidates.length && taken.length < count; at++) {
    const j = candidates[at]!;
    const same = taken.filter((t) => shareWord(tfidf, candidates[t]!, j) && overlap.at(t, at) >= SAME_THING);
    if (same.length === 0) taken.push(at);
    else if (same.every((t) => wordsOf(tfidf, j).length > wordsOf(tfidf, candidates[t]!).length)) {
      // The phrase takes the place of the first word it repeats; the others go.
      taken = taken.flatMap((t) => (t === same[0] ? [at] : same.includes(t) ? [] : [t]));
    }
  }
  return taken.map((at) => candidates[at]!);
}

/**
 * Indices of the `count` largest positive values, largest first (ties: lower index first). One
 * pass with a small sorted buffer: a topic's row spans the whole vocabulary.
 */
export function heaviest(values: Float64Array, count: number): number[] {
  return heaviestOf(values, null, count);
}

/** `heaviest` among the given indices (ascending), or among all when `indices` is null. */
function heaviestOf(values: Float64Array, indices: ArrayLike<number> | null, count: number): number[] {
  const top: number[] = [];
  const n = indices === null ? values.length : indices.length;
  for (let next = 0; next < n; next++) {
    const j = indices === null ? next : indices[next]!;
    const v = values[j]!;
    if (v <= 0 || (top.length === count && v <= values[top[count - 1]!]!)) continue;
    let at = top.length === count ? count - 1 : top.length;
    while (at > 0 && values[top[at - 1]!]! < v) {
      if (at < count) top[at] = top[at - 1]!;
      at--;
    }
    top[at] = j;
  }
  return top;
}

/**
 * k × cols distinctiveness of each term for each topic, by papers rather than word counts: with p
 * the share of the topic's papers that use the term and q the share of all papers,
 * p · ln(p / q) · (1 − q). A term ranks high when many of the topic's papers use it (not when a
 * few repeat it), more than elsewhere; the (1 − q) factor ranks down words common across the whole
 * corpus (`data`, `llms`). Counting papers, not words, makes the top terms ones that occur together
 * (NPMI of the top 10 on the dev corpus 0.192 -> 0.205 at k = 5; see README, Describing topics).
 */
function topicTermWeights(tfidf: TfidfMatrix, labels: Int32Array, k: number): Float64Array {
  const weights = new Float64Array(k * tfidf.cols);
  const papersPerTopic = new Float64Array(k);
  const papersWith = new Float64Array(tfidf.cols);
  // Counted topic by topic, so one topic's row of counts is written at a time and stays in cache
  // (k rows of every term do not: 20,000 papers, k = 20, 10 MB). Counts: the same in any order.
  const membersOf: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((topic, i) => membersOf[topic]!.push(i));
  membersOf.forEach((members, topic) => {
    const row = topic * tfidf.cols;
    papersPerTopic[topic] = members.length;
    for (const i of members) {
      for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++) weights[row + tfidf.indices[p]!]!++;
    }
  });
  for (let p = 0; p < tfidf.indptr[tfidf.rows]!; p++) papersWith[tfidf.indices[p]!]!++;
  for (let topic = 0; topic < k; topic++) {
    for (let j = 0; j < tfidf.cols; j++) {
      const at = topic * tfidf.cols + j;
      if (weights[at] === 0) continue;
      const p = weights[at]! / papersPerTopic[topic]!;
      const q = papersWith[j]! / tfidf.rows;
      weights[at] = Math.max(0, p * Math.log(p / q) * (1 - q));
    }
  }
  return weights;
}

/**
 * The first `count` top terms that share no word with a label term already taken and are not
 * mostly in the same papers as one (`LABEL_OVERLAP`), so each label term says something new; when
 * too few are left, terms that only co-occur fill the label.
 */
function topicLabel(
  ranked: readonly number[],
  tfidf: TfidfMatrix,
  overlap: TermOverlap,
  count: number,
  candidates: readonly number[],
): string {
  const taken: number[] = [];
  for (const strict of [true, false]) {
    for (const j of ranked) {
      if (taken.length === count) break;
      if (taken.includes(j) || taken.some((t) => shareWord(tfidf, t, j))) continue;
      if (strict && taken.some((t) => overlap.at(candidates.indexOf(t), candidates.indexOf(j)) >= LABEL_OVERLAP))
        continue;
      taken.push(j);
    }
  }
  // In ranked order, whichever pass took them.
  return ranked
    .filter((j) => taken.includes(j))
    .map((j) => tfidf.labels[j]!)
    .join(', ');
}

function termSignature(tfidf: TfidfMatrix, members: readonly number[], scratch: Float64Array): Record<string, number> {
  const touched: number[] = [];
  for (const i of members) {
    for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++) {
      const j = tfidf.indices[p]!;
      if (scratch[j] === 0) touched.push(j);
      scratch[j]! += tfidf.data[p]!;
    }
  }
  // Only the touched columns can weigh anything: ranked in column order, as `heaviest` ranks ties
  // (a typed array sorts numbers natively, several times faster than a comparator).
  const columns = Int32Array.from(touched).sort();
  const top = heaviestOf(scratch, columns, SIGNATURE_TERMS).map((j) => [j, scratch[j]!] as const);
  for (const j of touched) scratch[j] = 0;
  const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return Object.fromEntries(top.map(([j, w]) => [tfidf.terms[j]!, Math.round((w / norm) * 1e6) / 1e6]));
}

/** Unit-length mean direction of each topic's rows; rows labelled -1 (no topic yet) count in none. */
export function topicCentroids(points: DenseMatrix, labels: Int32Array, k: number): DenseMatrix {
  return normalizeRowsInPlace(topicMeans(points, labels, k).means);
}
