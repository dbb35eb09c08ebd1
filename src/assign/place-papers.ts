/**
 * Placing new papers in a fitted model without refitting: the model's vocabulary and idf turn a
 * paper into a TF-IDF row, the saved LSA basis into the topic space, and the nearest centroid
 * (cosine) names its topic. A paper whose best similarity is below the model's threshold fits no
 * topic well: a candidate for a new topic.
 */
import type { DenseMatrix } from '../numeric/dense.js';
import type { CsrMatrix } from '../vectorize/tfidf.js';
import { transformLsa, type LsaModel } from '../vectorize/lsa.js';
import { tokenizeCorpus, type TokenizeOptions } from '../text/tokenize.js';

export interface PlacementModel {
  readonly tokenize: TokenizeOptions;
  readonly sublinearTf: boolean;
  readonly terms: readonly string[];
  readonly idf: Float64Array;
  /** The fitted LSA map (see `transformLsa`), or null when topics live in the raw TF-IDF space. */
  readonly lsa: Pick<LsaModel, 'termMap' | 'rowOf'> | null;
  /** k × dims unit-length centroids; row i is topic `topicIds[i]`. */
  readonly centroids: DenseMatrix;
  readonly topicIds: readonly number[];
  /** Similarities below this mean "fits no topic well". */
  readonly minSimilarity: number;
}

export interface Placement {
  readonly topic: number;
  readonly similarity: number;
  readonly fits: boolean;
  /** The runner-up topic, to show how clear the choice was. */
  readonly secondTopic: number | null;
}

export function placePapers(model: PlacementModel, texts: readonly string[]): Placement[] {
  // Phrases are kept whatever their count here: the model's vocabulary decides which exist.
  const corpus = tokenizeCorpus(texts, { ...model.tokenize, minPhraseCount: 1 });
  const column = new Map(model.terms.map((t, j) => [t, j]));
  const termColumn = corpus.terms.map((t) => column.get(t) ?? -1);
  const dims = model.centroids.cols;
  return texts.map((_, d) => {
    const counts = new Map<number, number>();
    for (let p = corpus.offsets[d]!; p < corpus.offsets[d + 1]!; p++) {
      const j = termColumn[corpus.tokenIds[p]!]!;
      if (j !== -1) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const weights = [...counts.entries()].map(
      ([j, c]) => [j, (model.sublinearTf ? 1 + Math.log(c) : c) * model.idf[j]!] as const,
    );
    const norm = Math.sqrt(weights.reduce((s, [, w]) => s + w * w, 0)) || 1;
    const row: CsrMatrix = {
      rows: 1,
      cols: model.terms.length,
      indptr: Int32Array.from([0, weights.length]),
      indices: Int32Array.from(weights.map(([j]) => j)),
      data: Float64Array.from(weights.map(([, w]) => w / norm)),
    };
    const vector = model.lsa === null ? denseRow(row) : transformLsa(model.lsa, row).data;
    const length = Math.sqrt(vector.reduce((s, v) => s + v * v, 0)) || 1;
    const scores = model.topicIds.map((id, t) => {
      let dot = 0;
      for (let c = 0; c < dims; c++) dot += (vector[c]! / length) * model.centroids.data[t * dims + c]!;
      return { id, dot };
    });
    scores.sort((a, b) => b.dot - a.dot || a.id - b.id);
    const best = scores[0]!;
    return {
      topic: best.id,
      similarity: best.dot,
      fits: best.dot >= model.minSimilarity,
      secondTopic: scores[1]?.id ?? null,
    };
  });
}

function denseRow(row: CsrMatrix): Float64Array {
  const out = new Float64Array(row.cols);
  row.indices.forEach((j, p) => (out[j] = row.data[p]!));
  return out;
}

/** The `quantile` of fitted papers' similarities to their own centroid: the bar new papers must clear. */
export function similarityThreshold(
  points: DenseMatrix,
  labels: Int32Array,
  centroids: DenseMatrix,
  quantile = 0.05,
): number {
  const sims: number[] = [];
  for (let i = 0; i < points.rows; i++) {
    let dot = 0;
    for (let c = 0; c < points.cols; c++)
      dot += points.data[i * points.cols + c]! * centroids.data[labels[i]! * points.cols + c]!;
    sims.push(dot);
  }
  sims.sort((a, b) => a - b);
  return sims.length === 0 ? 0 : sims[Math.min(sims.length - 1, Math.floor(quantile * sims.length))]!;
}
