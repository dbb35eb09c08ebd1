/**
 * LSA: a truncated SVD of the TF-IDF matrix by the seeded randomised range finder of Halko,
 * Martinsson and Tropp (as scikit-learn's TruncatedSVD does), computed on the sparse matrix
 * directly so the dense document-term matrix never exists.
 */
import {
  denseTimes,
  gram,
  orthonormalBasis,
  sparseTimesDense,
  sparseTransposeTimesDense,
  symmetricEigen,
  zeros,
  type DenseMatrix,
} from '../dense.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { createGaussian, createRandom } from '../random.js';
import type { CsrMatrix } from './tfidf.js';

export interface LsaOptions {
  readonly components: number;
  readonly oversamples: number;
  readonly powerIterations: number;
  readonly seed: number;
}

export const LSA_DEFAULTS: LsaOptions = { components: 100, oversamples: 10, powerIterations: 5, seed: 1 };

export interface LsaModel {
  /**
   * How a TF-IDF row r reaches the topic space, kept factored to save the cols × width × k
   * product: r · termFactor (cols × width), then · mixing (width × k).
   */
  readonly termFactor: DenseMatrix;
  readonly mixing: DenseMatrix;
  readonly singularValues: Float64Array;
  /** The documents in the reduced space, rows × k (not normalised). */
  readonly embedding: DenseMatrix;
}

/**
 * Fits LSA with at most `components` dimensions (fewer when the matrix has lower rank). Each
 * component's sign is fixed so its largest document coordinate is positive: reruns never mirror it.
 */
export function fitLsa(matrix: CsrMatrix, options: Partial<LsaOptions> = {}, progress: ProgressSink = NO_PROGRESS): LsaModel {
  const opts = { ...LSA_DEFAULTS, ...options };
  progress.start(opts.powerIterations + 2, 'passes over the matrix');
  const width = Math.max(1, Math.min(opts.components + opts.oversamples, matrix.rows, matrix.cols));
  const gaussian = createGaussian(createRandom(opts.seed));

  // 1. Range finder: Q spans A·Ω, sharpened by power iterations.
  const omega = zeros(matrix.cols, width);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = gaussian();
  // Normalising on the document side every other iteration keeps the iterates well conditioned
  // (two products of A·Aᵀ spread singular values by at most (σ₁/σₖ)⁴ between normalisations) at
  // a fraction of the cost; the last basis gets the full two-pass treatment.
  let q = orthonormalBasis(sparseTimesDense(matrix, omega), opts.powerIterations === 0 ? 2 : 1);
  for (let it = 0; it < opts.powerIterations; it++) {
    const last = it === opts.powerIterations - 1;
    const next = sparseTimesDense(matrix, sparseTransposeTimesDense(matrix, q));
    q = last ? orthonormalBasis(next, 2) : it % 2 === 1 ? orthonormalBasis(next, 1) : scaleColumns(next);
    progress.advance(it + 2);
  }

  // 2. SVD of the small B = Qᵀ·A through the eigen-decomposition of B·Bᵀ.
  const bt = sparseTransposeTimesDense(matrix, q); // Bᵀ, cols × width
  const { values, vectors } = symmetricEigen(gram(bt), q.cols);
  let k = 0;
  const limit = Math.min(opts.components, q.cols);
  while (k < limit && values[k]! > (values[0] ?? 0) * 1e-12) k++;
  const singularValues = Float64Array.from(values.subarray(0, k), (v) => Math.sqrt(v));
  const u = zeros(q.cols, k);
  for (let r = 0; r < q.cols; r++) for (let c = 0; c < k; c++) u.data[r * k + c] = vectors.data[r * q.cols + c]!;

  // 3. Documents = Q·U·S (= A·V), each component's sign fixed; V = Bᵀ·(U / S), kept factored.
  const embedding = denseTimes(q, u);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let i = 0; i < embedding.rows; i++) {
      const v = embedding.data[i * k + c]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < embedding.rows; i++) embedding.data[i * k + c]! *= sign * singularValues[c]!;
    for (let r = 0; r < q.cols; r++) u.data[r * k + c]! *= sign / singularValues[c]!;
  }
  progress.advance(opts.powerIterations + 2);
  return { termFactor: bt, mixing: u, singularValues, embedding };
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
export function transformLsa(model: Pick<LsaModel, 'termFactor' | 'mixing'>, matrix: CsrMatrix): DenseMatrix {
  return denseTimes(sparseTimesDense(matrix, model.termFactor), model.mixing);
}
