/**
 * Guided topics (BERTopic's idea, applied to k-means' start): the user gives seed words per topic,
 * `{"RLHF": ["reward model", "preference"]}`, and each such topic starts k-means from the papers
 * that use its words (their rows averaged, weighted by the words' TF-IDF), so it is found even when
 * k-means++ would not land a centre there. The fit is free to move the centre; the name goes to
 * the topic whose top terms rank one of the seed terms highest (`nameSeededTopics`), on a fresh
 * fit and on every rerun alike.
 */
import { normalizeRowsInPlace, type DenseMatrix } from '../numeric/dense.js';
import { stemWord } from '../text/tokenize.js';
import type { TfidfMatrix } from '../vectorize/tfidf.js';

export interface TopicGuide {
  readonly name: string;
  /** Words or two-word phrases, as written. */
  readonly terms: readonly string[];
}

/** A guide with the term keys its seed words have in this corpus's vocabulary. */
export interface MatchedGuide {
  readonly name: string;
  readonly termKeys: readonly string[];
}

/** The term keys a seed term has in this vocabulary (stemmed like the tokeniser): the phrase's, or its words'. */
function termKeysOf(term: string, known: ReadonlySet<string>, stem: boolean): string[] {
  const words = term
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter((w) => w !== '')
    .map((w) => (stem ? stemWord(w) : w));
  const phrase = words.join(' ');
  if (known.has(phrase)) return [phrase];
  return words.length > 1 ? words.filter((w) => known.has(w)) : [];
}

/** Each guide's term keys in `vocabulary`; guides none of whose words is a term are `unmatched`. */
export function matchGuides(
  guides: readonly TopicGuide[],
  vocabulary: readonly string[],
  stem: boolean,
): { matched: MatchedGuide[]; unmatched: TopicGuide[] } {
  if (guides.length === 0) return { matched: [], unmatched: [] }; // no set of the whole vocabulary for nothing
  const known = new Set(vocabulary);
  const matched: MatchedGuide[] = [];
  const unmatched: TopicGuide[] = [];
  for (const guide of guides) {
    const termKeys = [...new Set(guide.terms.flatMap((t) => termKeysOf(t, known, stem)))];
    if (termKeys.length === 0) unmatched.push(guide);
    else matched.push({ name: guide.name, termKeys });
  }
  return { matched, unmatched };
}

/**
 * One unit row per guide: the mean of the rows of papers using its terms, weighted by those
 * terms' TF-IDF. Every matched guide has such papers (its terms are in the vocabulary).
 */
export function guideStarts(guides: readonly MatchedGuide[], tfidf: TfidfMatrix, points: DenseMatrix): DenseMatrix {
  const columnOf = new Map(tfidf.terms.map((t, j) => [t, j]));
  const data = new Float64Array(guides.length * points.cols);
  guides.forEach((guide, g) => {
    const columns = new Set(guide.termKeys.map((key) => columnOf.get(key)!));
    for (let i = 0; i < tfidf.rows; i++) {
      let w = 0;
      for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++)
        if (columns.has(tfidf.indices[p]!)) w += tfidf.data[p]!;
      if (w === 0) continue;
      for (let d = 0; d < points.cols; d++) data[g * points.cols + d]! += w * points.data[i * points.cols + d]!;
    }
  });
  return normalizeRowsInPlace({ rows: guides.length, cols: points.cols, data });
}

/**
 * The guide name of each topic (by position in `topicTermKeys`), or null. Guides in file order:
 * each names the topic, not yet named, whose top terms rank one of its seed terms highest (ties:
 * the earlier topic, the largest in a fresh fit); a guide whose terms are in no topic's top
 * terms names nothing.
 */
export function nameSeededTopics(
  guides: readonly MatchedGuide[],
  topicTermKeys: readonly (readonly string[])[],
): (string | null)[] {
  const names = new Array<string | null>(topicTermKeys.length).fill(null);
  for (const guide of guides) {
    let best = -1;
    let bestRank = Infinity;
    topicTermKeys.forEach((keys, topic) => {
      if (names[topic] !== null) return;
      const rank = keys.findIndex((key) => guide.termKeys.includes(key));
      if (rank !== -1 && rank < bestRank) [best, bestRank] = [topic, rank];
    });
    if (best !== -1) names[best] = guide.name;
  }
  return names;
}
