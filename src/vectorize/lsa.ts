/**
 * LSA: a truncated SVD of the TF-IDF matrix by the seeded randomised range finder of Halko,
 * Martinsson and Tropp (as scikit-learn's TruncatedSVD does), computed on the sparse matrix
 * directly so the dense document-term matrix never exists.
 */
import {
  crossProduct,
  orthonormalBasis,
  SERIAL_PRODUCTS,
  transpose,
  sparseTimesDense,
  type MatrixProducts,
  symmetricEigen,
  zeros,
  type DenseMatrix,
} from '../numeric/dense.js';
import { sharedFloat64, sharedInt32, toSharedInt32 } from '../numeric/shared-memory.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { createRandom, fillGaussian } from '../numeric/random.js';
import { sampleIndices } from '../numeric/sample.js';
import type { CsrMatrix } from './tfidf.js';

export interface LsaOptions {
  /** The most components; fewer for a small corpus (see `lsaComponents`). */
  readonly components: number;
  readonly oversamples: number;
  readonly powerIterations: number;
  readonly seed: number;
  /**
   * Most documents the term map is fitted on; above it, a seeded random sample of that many
   * finds the map and every document is then placed through it (one product with the matrix).
   */
  readonly fitRows: number;
}

// A sample of 10,000 documents pins down 100 directions of term space as well as 20,000 or
// 65,000 do, at half the cost or less (V-measure / ARI on the pool's labels, k = 5, mean of seeds
// 1-10, sd of V 0.016-0.033: first 20,000 papers, all fitted 0.3463 / 0.3077, 10,000 fitted
// 0.3659 / 0.3195, LSA 5.6 -> 3.5 s; first 65,000, 20,000 fitted 0.3517 / 0.3179, 10,000 fitted
// 0.3519 / 0.3141, LSA 9.4 -> 5.1 s; 5,000 kept the means but its worst seed fell to V 0.297).
// Three power iterations, not five: topics as good or better against labels at every size
// measured (mean of seeds 1-5, k = labels, `npm run eval`: dev corpus of 1,837 V 0.5902 ->
// 0.5931, ARI 0.5550 -> 0.5593; the pool's first 2,000 V 0.3437 -> 0.3447, ARI 0.2934 -> 0.2934)
// for two fewer pairs of products with the matrix.
export const LSA_DEFAULTS: LsaOptions = {
  components: 100,
  oversamples: 10,
  powerIterations: 3,
  seed: 1,
  fitRows: 10_000,
};

export interface LsaModel {
  /**
   * One row of k weights per term the fit saw: a TF-IDF row r reaches the topic space as
   * Σ_j r[j] · termMap[rowOf[j]], over the terms j with rowOf[j] ≠ -1.
   */
  readonly termMap: DenseMatrix;
  /** Column -> row of `termMap`, or -1 for a term the fit never saw (it adds nothing). */
  readonly rowOf: Int32Array;
  readonly singularValues: Float64Array;
  /**
   * The documents in the reduced space, rows × k (not normalised): A·V, which `transformLsa`
   * gives for the same rows up to rounding (about 1e-13; computed here as (A·Bᵀ)·U/S when every
   * document was fitted).
   */
  readonly embedding: DenseMatrix;
  /** How many documents the term map was fitted on. */
  readonly fittedRows: number;
}

/** About this many documents per LSA component, below `components` of them. */
const DOCUMENTS_PER_COMPONENT = 8;
/** The fewest components a small corpus gets. */
const MIN_COMPONENTS = 10;

/**
 * The components fitted to `documents` documents: one per DOCUMENTS_PER_COMPONENT of them, from
 * MIN_COMPONENTS up to `most`. In a small corpus the weaker directions are noise that blurs the
 * topics. Mean V-measure on random subsets of the dev corpus (k = its 5 labels, 10 subsets each;
 * the rule gives 13 components to 100 documents, 25 to 200, 38 to 300, 50 to 400):
 *
 *   documents    100 components   25      12           documents   100      50      25
 *   100          0.243            0.355   0.408        400         0.524    0.556   0.562
 *   200          0.360            0.492   0.492        800         0.581    0.572   0.569
 *   300          0.467            0.536 (38: 0.530)    1,837       0.595    0.588   0.582
 *
 * and on subsets of the pool, labelled the same way but mostly cs.CV (5 subsets each): 200
 * documents 0.215 / 0.278 / 0.297 at 100 / 50 / 25 components, 400 0.283 / 0.325 / 0.332,
 * 800 0.318 / 0.335 / 0.327, 1,600 0.346 / 0.351 / 0.341. Top-term coherence held (NPMI on 5
 * samples of 200 dev papers, auto k: 0.242 -> 0.259 by written words). Fewer components also cost
 * less: the seeds' LSA (198 papers, 25 components) takes 84-119 ms against 240-370 at 100.
 */
export function lsaComponents(documents: number, most: number = LSA_DEFAULTS.components): number {
  return Math.min(most, Math.max(MIN_COMPONENTS, Math.round(documents / DOCUMENTS_PER_COMPONENT)));
}

/**
 * Fits LSA with `lsaComponents(rows, components)` dimensions (fewer when the matrix has lower
 * rank). Each component's sign is fixed so its largest document coordinate is positive: reruns
 * never mirror it.
 */
export function fitLsa(
  matrix: CsrMatrix,
  options: Partial<LsaOptions> = {},
  progress: ProgressSink = NO_PROGRESS,
  products: MatrixProducts = SERIAL_PRODUCTS,
): LsaModel {
  const opts = { ...LSA_DEFAULTS, ...options };
  progress.start(opts.powerIterations + 3, 'passes over the matrix');
  const random = createRandom(opts.seed);
  const sampled =
    matrix.rows > opts.fitRows ? selectRows(matrix, sampleIndices(matrix.rows, opts.fitRows, random)) : null;
  const sample: CsrMatrix = sampled ?? matrix;
  const sampleT = transpose(sample);
  const components = lsaComponents(matrix.rows, opts.components);
  const width = Math.max(1, Math.min(components + opts.oversamples, sample.rows, sample.cols));

  // 1. Range finder: Q spans A·Ω, sharpened by power iterations.
  const omega = zeros(sample.cols, width);
  fillGaussian(omega.data, random);
  // Orthonormalising on the document side every other iteration keeps the iterates well
  // conditioned (two products of A·Aᵀ spread singular values by at most (σ₁/σₖ)⁴ between bases;
  // A·Ω, scaled, by (σ₁/σₖ)³ at the first) at a fraction of the cost; the last basis gets the full
  // two-pass treatment. Directions more than 1e-6 weaker than the strongest after that spread
  // are dropped with the basis's 1e-12 cut on the Gram matrix, so a corpus where one direction
  // dwarfs the rest (σ₁/σ₁₀₀ in the hundreds) can come back with fewer components than asked:
  // σ₁/σ₁₀₀ is 4-7 on the seeds and the pool. On synthetic 600 × 400 matrices with one strong
  // direction, this schedule kept all 100 at σ₁/σ₁₀₀ = 160 and 65 at 240; the previous one
  // (eigen-decomposed bases, one at the start) kept 32 and 12 on the same matrices.)
  const start = products.sparseTimes(sample, omega);
  let q = opts.powerIterations === 0 ? orthonormalBasis(start, 2, products) : scaleColumns(start);
  // Every Aᵀ·Q goes into one term-side block, and each A·(Aᵀ·Q) into Q's own memory (Q is dead
  // once Aᵀ·Q is taken): fresh memory for each costs page faults.
  let termSide: Float64Array | undefined;
  for (let it = 0; it < opts.powerIterations; it++) {
    const last = it === opts.powerIterations - 1;
    const product = products.sparseTimes(sampleT, q, undefined, termSide);
    termSide = product.data;
    const next = products.sparseTimes(sample, product, undefined, q.data);
    q = last
      ? orthonormalBasis(next, 2, products)
      : it % 2 === 0
        ? orthonormalBasis(next, 1, products)
        : scaleColumns(next);
    progress.advance(it + 2);
  }

  // 2. SVD of the small B = Qᵀ·A through the eigen-decomposition of B·Bᵀ = Qᵀ·A·Aᵀ·Q. With
  //    fewer documents than terms, Qᵀ·(A·Bᵀ) and V = Aᵀ·(Q·U/S) work on blocks as tall as the
  //    documents instead of the terms (2,000 papers, 8,563 terms: 150 -> 75 million
  //    multiply-adds for these two steps).
  const bt = products.sparseTimes(sampleT, q, undefined, termSide); // Bᵀ, cols × width
  const documentSide = sample.rows < sample.cols;
  const abt = documentSide ? products.sparseTimes(sample, bt) : null; // A·Bᵀ = A·Aᵀ·Q
  const bbt = abt !== null ? crossProduct(q, abt) : products.gram(bt);
  const { values, vectors } = symmetricEigen(bbt, q.cols);
  let k = 0;
  const limit = Math.min(components, q.cols);
  while (k < limit && values[k]! > (values[0] ?? 0) * 1e-12) k++;
  const singularValues = Float64Array.from(values.subarray(0, k), (v) => Math.sqrt(v));
  // V = Bᵀ·U / S: the right singular vectors, one column per component.
  const u = zeros(q.cols, k);
  for (let r = 0; r < q.cols; r++)
    for (let c = 0; c < k; c++) u.data[r * k + c] = vectors.data[r * q.cols + c]! / singularValues[c]!;
  const termMap = documentSide ? products.sparseTimes(sampleT, products.denseTimes(q, u)) : products.denseTimes(bt, u);
  const rowOf = new Int32Array(matrix.cols).fill(-1);
  if (sampled) sampled.columns.forEach((j, row) => (rowOf[j] = row));
  else rowOf.forEach((_, j) => (rowOf[j] = j));
  progress.advance(opts.powerIterations + 2);

  // 3. Every document = A·V (when the fit saw every document, (A·Bᵀ)·U/S: a dense product
  //    instead of a sparse one); each component's sign fixed by its largest document coordinate.
  const embedding =
    abt !== null && sampled === null ? products.denseTimes(abt, u) : products.sparseTimes(matrix, termMap, rowOf);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let i = 0; i < embedding.rows; i++) {
      const v = embedding.data[i * k + c]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    if (largest >= 0) continue;
    for (let i = 0; i < embedding.rows; i++) embedding.data[i * k + c]! *= -1;
    for (let r = 0; r < termMap.rows; r++) termMap.data[r * k + c]! *= -1;
  }
  progress.advance(opts.powerIterations + 3);
  return { termMap, rowOf, singularValues, embedding, fittedRows: sample.rows };
}

/**
 * The given rows (ascending) as a CSR matrix over only the columns used by at least two of them,
 * renumbered in order, with `columns[c]` the original column of column c. A term in one sampled
 * document shapes no shared direction, and every dense block of the fit is as tall as this
 * vocabulary (on 20,000 of 200,000 papers: 289,000 columns used, ~40% of them twice or more).
 */
function selectRows(matrix: CsrMatrix, rows: Int32Array): CsrMatrix & { columns: Int32Array } {
  const compact = new Int32Array(matrix.cols);
  for (const r of rows) for (let p = matrix.indptr[r]!; p < matrix.indptr[r + 1]!; p++) compact[matrix.indices[p]!]!++;
  const columns: number[] = [];
  compact.forEach((docs, j) => (compact[j] = docs >= 2 ? columns.push(j) - 1 : -1));
  const indptr = sharedInt32(rows.length + 1);
  const indices = new Int32Array(rows.reduce((n, r) => n + matrix.indptr[r + 1]! - matrix.indptr[r]!, 0));
  const data = new Float64Array(indices.length);
  let at = 0;
  rows.forEach((r, i) => {
    for (let p = matrix.indptr[r]!; p < matrix.indptr[r + 1]!; p++) {
      const c = compact[matrix.indices[p]!]!;
      if (c === -1) continue;
      indices[at] = c;
      data[at++] = matrix.data[p]!;
    }
    indptr[i + 1] = at;
  });
  const shared = sharedFloat64(at);
  shared.set(data.subarray(0, at));
  return {
    rows: rows.length,
    cols: columns.length,
    indptr,
    indices: toSharedInt32(indices.subarray(0, at)),
    data: shared,
    columns: Int32Array.from(columns),
  };
}

/** Columns scaled to unit length: keeps magnitudes in range between orthonormalisations. */
function scaleColumns(m: DenseMatrix): DenseMatrix {
  const norms = new Float64Array(m.cols);
  for (let i = 0; i < m.rows; i++) for (let c = 0; c < m.cols; c++) norms[c]! += m.data[i * m.cols + c]! ** 2;
  for (let c = 0; c < m.cols; c++) norms[c] = norms[c]! > 0 ? 1 / Math.sqrt(norms[c]!) : 0;
  for (let i = 0; i < m.rows; i++) for (let c = 0; c < m.cols; c++) m.data[i * m.cols + c]! *= norms[c]!;
  return m;
}

/** Places TF-IDF rows in a fitted LSA space. */
export function transformLsa(model: Pick<LsaModel, 'termMap' | 'rowOf'>, matrix: CsrMatrix): DenseMatrix {
  return sparseTimesDense(matrix, model.termMap, model.rowOf);
}
