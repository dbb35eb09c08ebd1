/**
 * Sparse TF-IDF over typed arrays, with scikit-learn's definitions: min_df / max_df / max_features
 * vocabulary pruning, sublinear tf (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), and
 * L2-normalised rows.
 */
import type { DenseMatrix } from '../numeric/dense.js';
import { sharedFloat64, sharedInt32, toSharedInt32 } from '../numeric/shared-memory.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import type { TokenizedCorpus } from '../text/tokenize.js';

export interface TfidfOptions {
  /** Keep terms in at least this many documents (an integer) … */
  readonly minDf: number;
  /** … and in at most this fraction of them. */
  readonly maxDf: number;
  /** Keep only the most frequent terms (by corpus count); null for all. */
  readonly maxFeatures: number | null;
  readonly sublinearTf: boolean;
}

export const TFIDF_DEFAULTS: TfidfOptions = { minDf: 2, maxDf: 0.5, maxFeatures: null, sublinearTf: true };

/**
 * A CSR matrix: row i holds columns `indices[indptr[i] .. indptr[i+1])` (ascending) with values
 * `data[…]` at the same positions.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
}

export interface TfidfMatrix extends CsrMatrix {
  /** Column j's term key and readable label; columns are sorted by term key. */
  readonly terms: readonly string[];
  readonly labels: readonly string[];
  readonly idf: Float64Array;
  /** Raw counts with the same layout as `data`, for per-topic term statistics. */
  readonly counts: Int32Array;
}

// The per-document steps of buildTfidf as small functions: V8 optimises each after some hundred
// documents, where a loop in the once-called builder would wait for on-stack replacement.

/** Document d's terms into the corpus counts and document frequencies. */
function countDocument(
  corpus: TokenizedCorpus,
  d: number,
  total: Float64Array,
  df: Int32Array,
  lastSeen: Int32Array,
): void {
  for (let p = corpus.offsets[d]!; p < corpus.offsets[d + 1]!; p++) {
    const t = corpus.tokenIds[p]!;
    total[t]!++;
    if (lastSeen[t] !== d) {
      lastSeen[t] = d;
      df[t]!++;
    }
  }
}

/** Document d's kept columns and their counts, in column order, from position `at`; returns the end. */
function listColumns(
  corpus: TokenizedCorpus,
  d: number,
  column: Int32Array,
  scratch: Int32Array,
  touched: Int32Array,
  indices: Int32Array,
  counts: Int32Array,
  at: number,
): number {
  let distinct = 0;
  for (let p = corpus.offsets[d]!; p < corpus.offsets[d + 1]!; p++) {
    const j = column[corpus.tokenIds[p]!]!;
    if (j === -1) continue;
    if (scratch[j] === 0) touched[distinct++] = j;
    scratch[j]!++;
  }
  touched.subarray(0, distinct).sort();
  for (let x = 0; x < distinct; x++) {
    const j = touched[x]!;
    indices[at] = j;
    counts[at] = scratch[j]!;
    scratch[j] = 0;
    at++;
  }
  return at;
}

/** The TF-IDF weights of entries [from, to) (one document), L2-normalised. */
function weighRow(
  from: number,
  to: number,
  counts: Int32Array,
  indices: Int32Array,
  idf: Float64Array,
  sublinearTf: boolean,
  data: Float64Array,
): void {
  let norm = 0;
  for (let p = from; p < to; p++) {
    const tf = sublinearTf ? 1 + Math.log(counts[p]!) : counts[p]!;
    data[p] = tf * idf[indices[p]!]!;
    norm += data[p]! * data[p]!;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let p = from; p < to; p++) data[p]! /= norm;
}

export function buildTfidf(
  corpus: TokenizedCorpus,
  options: Partial<TfidfOptions> = {},
  progress: ProgressSink = NO_PROGRESS,
): TfidfMatrix {
  const opts = { ...TFIDF_DEFAULTS, ...options };
  const rows = corpus.offsets.length - 1;
  const termCount = corpus.terms.length;

  // 1. Document and corpus frequencies.
  const df = new Int32Array(termCount);
  const total = new Float64Array(termCount);
  const lastSeen = new Int32Array(termCount).fill(-1);
  for (let d = 0; d < rows; d++) countDocument(corpus, d, total, df, lastSeen);

  // 2. Vocabulary: pruned by document frequency, optionally capped, then sorted by term key.
  const maxDocs = opts.maxDf <= 1 ? opts.maxDf * rows : opts.maxDf;
  let kept: number[] = [];
  for (let t = 0; t < termCount; t++) if (df[t]! >= opts.minDf && df[t]! <= maxDocs) kept.push(t);
  if (opts.maxFeatures !== null && kept.length > opts.maxFeatures) {
    kept.sort((a, b) => total[b]! - total[a]! || compare(corpus.terms[a]!, corpus.terms[b]!));
    kept = kept.slice(0, opts.maxFeatures);
  }
  kept.sort((a, b) => compare(corpus.terms[a]!, corpus.terms[b]!));
  const column = new Int32Array(termCount).fill(-1);
  kept.forEach((t, j) => (column[t] = j));
  const idf = Float64Array.from(kept, (t) => Math.log((1 + rows) / (1 + df[t]!)) + 1);

  // 3. Rows: count each document's columns in a dense scratch row, then list them in column order.
  const scratch = new Int32Array(kept.length);
  const touched = new Int32Array(kept.length);
  const indptr = sharedInt32(rows + 1);
  let indices: Int32Array = new Int32Array(corpus.tokenIds.length); // an upper bound; trimmed below
  let counts = new Int32Array(corpus.tokenIds.length);
  let at = 0;
  progress.start(rows, 'papers');
  for (let d = 0; d < rows; d++) {
    if (d % 5000 === 0) progress.advance(d);
    at = listColumns(corpus, d, column, scratch, touched, indices, counts, at);
    indptr[d + 1] = at;
  }
  indices = toSharedInt32(indices.subarray(0, at));
  counts = counts.slice(0, at);
  const data = sharedFloat64(indices.length);
  for (let d = 0; d < rows; d++) weighRow(indptr[d]!, indptr[d + 1]!, counts, indices, idf, opts.sublinearTf, data);

  return {
    rows,
    cols: kept.length,
    indptr,
    indices,
    data,
    counts,
    terms: kept.map((t) => corpus.terms[t]!),
    labels: kept.map((t) => corpus.labels[t]!),
    idf,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The matrix as dense rows (for clustering on raw TF-IDF, `--representation tfidf`: small corpora). */
export function denseRows(matrix: TfidfMatrix): DenseMatrix {
  const data = new Float64Array(matrix.rows * matrix.cols);
  for (let i = 0; i < matrix.rows; i++) {
    for (let p = matrix.indptr[i]!; p < matrix.indptr[i + 1]!; p++)
      data[i * matrix.cols + matrix.indices[p]!] = matrix.data[p]!;
  }
  return { rows: matrix.rows, cols: matrix.cols, data };
}
