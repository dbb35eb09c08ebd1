/**
 * What each topic is about: size, cohesion, its most distinctive terms (class-based term
 * weighting, see `classTfidf`), a short label from those terms, and the papers nearest its centroid.
 */
import type { DenseMatrix } from '../numeric/dense.js';
import type { TfidfMatrix } from '../vectorize/tfidf.js';

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

export const DESCRIBE_TOPICS_DEFAULTS: DescribeTopicsOptions = { topTerms: 10, labelTerms: 3, representatives: 3 };

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

/** Summaries for topics 0..k-1 of `labels` (already in topic numbering). `points` are unit rows. */
export function describeTopics(
  tfidf: TfidfMatrix,
  points: DenseMatrix,
  labels: Int32Array,
  k: number,
  options: Partial<DescribeTopicsOptions> = {},
): TopicSummary[] {
  const opts = { ...DESCRIBE_TOPICS_DEFAULTS, ...options };
  const weights = classTfidf(tfidf, labels, k);
  const centroids = topicCentroids(points, labels, k);
  const membersOf: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((t, i) => membersOf[t]!.push(i));
  const scratch = new Float64Array(tfidf.cols);
  return membersOf.map((members, topic) => {
    // Columns are sorted by term key, so the index tie-break orders equal weights by term.
    const row = weights.subarray(topic * tfidf.cols, (topic + 1) * tfidf.cols);
    const ranked = heaviest(row, Math.max(opts.topTerms, opts.labelTerms * 3));
    const similarity = members.map((i) => ({ i, cos: dotRow(points, i, centroids, topic) }));
    const cohesion = similarity.length === 0 ? 0 : similarity.reduce((s, m) => s + m.cos, 0) / similarity.length;
    return {
      topic,
      label: topicLabel(ranked, tfidf, opts.labelTerms),
      size: members.length,
      cohesion,
      terms: ranked.slice(0, opts.topTerms).map((j) => ({ term: tfidf.labels[j]!, weight: row[j]! })),
      representatives: similarity
        .sort((a, b) => b.cos - a.cos || a.i - b.i)
        .slice(0, opts.representatives)
        .map((m) => m.i),
      signature: termSignature(tfidf, members, scratch),
      termKeys: ranked.slice(0, opts.topTerms).map((j) => tfidf.terms[j]!),
    };
  });
}

/**
 * Indices of the `count` largest positive values, largest first (ties: lower index first). One
 * pass with a small sorted buffer: a topic's row spans the whole vocabulary.
 */
export function heaviest(values: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let j = 0; j < values.length; j++) {
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
 * k × cols distinctiveness of each term for each topic: its share p of the topic's words times
 * ln(p / q), q its share of the whole corpus's words (a term's contribution to the topic's KL
 * divergence from the corpus). Frequent-everywhere words ("data", "llms") score near zero; a
 * term must be both common in the topic and over-represented there.
 */
export function classTfidf(tfidf: TfidfMatrix, labels: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k * tfidf.cols);
  const wordsPerTopic = new Float64Array(k);
  const termTotals = new Float64Array(tfidf.cols);
  for (let i = 0; i < tfidf.rows; i++) {
    const topic = labels[i]!;
    for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++) {
      const j = tfidf.indices[p]!;
      const c = tfidf.counts[p]!;
      counts[topic * tfidf.cols + j]! += c;
      wordsPerTopic[topic]! += c;
      termTotals[j]! += c;
    }
  }
  const allWords = wordsPerTopic.reduce((s, w) => s + w, 0);
  for (let topic = 0; topic < k; topic++) {
    for (let j = 0; j < tfidf.cols; j++) {
      const at = topic * tfidf.cols + j;
      if (counts[at] === 0) continue;
      const p = counts[at]! / wordsPerTopic[topic]!;
      const q = termTotals[j]! / allWords;
      counts[at] = Math.max(0, p * Math.log(p / q));
    }
  }
  return counts;
}

/** The first `count` ranked terms that share no word with a term already taken. */
function topicLabel(ranked: readonly number[], tfidf: TfidfMatrix, count: number): string {
  const taken: string[] = [];
  const usedWords = new Set<string>();
  for (const j of ranked) {
    const words = tfidf.terms[j]!.split(' ');
    if (words.some((w) => usedWords.has(w))) continue;
    words.forEach((w) => usedWords.add(w));
    taken.push(tfidf.labels[j]!);
    if (taken.length === count) break;
  }
  return taken.join(', ');
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
  const top = heaviest(scratch, SIGNATURE_TERMS).map((j) => [j, scratch[j]!] as const);
  for (const j of touched) scratch[j] = 0;
  const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
  return Object.fromEntries(top.map(([j, w]) => [tfidf.terms[j]!, Math.round((w / norm) * 1e6) / 1e6]));
}

/** Unit-length mean direction of each topic's rows. */
export function topicCentroids(points: DenseMatrix, labels: Int32Array, k: number): DenseMatrix {
  const dims = points.cols;
  const data = new Float64Array(k * dims);
  for (let i = 0; i < points.rows; i++) {
    const t = labels[i]!;
    for (let d = 0; d < dims; d++) data[t * dims + d]! += points.data[i * dims + d]!;
  }
  for (let t = 0; t < k; t++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += data[t * dims + d]! ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < dims; d++) data[t * dims + d]! /= norm;
  }
  return { rows: k, cols: dims, data };
}

function dotRow(a: DenseMatrix, i: number, b: DenseMatrix, j: number): number {
  let s = 0;
  for (let d = 0; d < a.cols; d++) s += a.data[i * a.cols + d]! * b.data[j * b.cols + d]!;
  return s;
}
