/**
 * Guided topics (BERTopic's idea, applied to k-means' start): the user gives seed words per topic,
 * `{"RLHF": ["reward model", "preference"]}`, and each such topic starts k-means from the papers
 * that use its words (their rows averaged, weighted by the words' TF-IDF), so it is found even when
 * k-means++ would not land a centre there. The fit is free to move the centre; a guided topic is
 * named after its guide only if one of its seed terms is still among its top terms at the end.
 */
import { normalizeRowsInPlace, type DenseMatrix } from '../numeric/dense.js';
import { stemWord } from '../text/tokenize.js';
import type { TfidfMatrix } from '../vectorize/tfidf.js';

export interface TopicGuide {
  readonly name: string;
  /** Words or two-word phrases, as written. */
  readonly terms: readonly string[];
}

export interface GuideStarts {
  /** One unit row per guide that matched papers, in the order of `matched`. */
  readonly centres: DenseMatrix;
  /** The guides with a start, and the term keys each matched. */
  readonly matched: readonly { readonly guide: TopicGuide; readonly termKeys: readonly string[] }[];
  /** Guides none of whose terms occur in the corpus' vocabulary. */
  readonly unmatched: readonly TopicGuide[];
}

/** The term key a seed term has in this vocabulary (stemmed like the tokeniser), or its words' keys. */
function termKeysOf(term: string, columnOf: ReadonlyMap<string, number>, stem: boolean): string[] {
  const words = term
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (stem ? stemWord(w) : w));
  const phrase = words.join(' ');
  if (columnOf.has(phrase)) return [phrase];
  return words.length > 1 ? words.filter((w) => columnOf.has(w)) : [];
}

export function guideStarts(
  guides: readonly TopicGuide[],
  tfidf: TfidfMatrix,
  points: DenseMatrix,
  stem: boolean,
): GuideStarts {
  const columnOf = new Map(tfidf.terms.map((t, j) => [t, j]));
  const matched: { guide: TopicGuide; termKeys: string[] }[] = [];
  const unmatched: TopicGuide[] = [];
  const rows: Float64Array[] = [];
  for (const guide of guides) {
    const termKeys = [...new Set(guide.terms.flatMap((t) => termKeysOf(t, columnOf, stem)))];
    const columns = new Set(termKeys.map((key) => columnOf.get(key)!));
    const centre = new Float64Array(points.cols);
    let weight = 0;
    for (let i = 0; i < tfidf.rows; i++) {
      let w = 0;
      for (let p = tfidf.indptr[i]!; p < tfidf.indptr[i + 1]!; p++)
        if (columns.has(tfidf.indices[p]!)) w += tfidf.data[p]!;
      if (w === 0) continue;
      weight += w;
      for (let d = 0; d < points.cols; d++) centre[d]! += w * points.data[i * points.cols + d]!;
    }
    if (weight === 0) unmatched.push(guide);
    else {
      matched.push({ guide, termKeys });
      rows.push(centre);
    }
  }
  const data = new Float64Array(rows.length * points.cols);
  rows.forEach((row, g) => data.set(row, g * points.cols));
  return { centres: normalizeRowsInPlace({ rows: rows.length, cols: points.cols, data }), matched, unmatched };
}
