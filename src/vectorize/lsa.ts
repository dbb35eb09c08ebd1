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
  /** Term loadings, cols × k: a TF-IDF row r maps to r · basis. */
  readonly basis: DenseMatrix;
  readonly singularValues: Float64Array;
  /** The documents in the reduced space, rows × k (not normalised). */
  readonly embedding: DenseMatrix;
}

/**
 * Fits LSA with at most `components` dimensions (fewer when the matrix has lower rank). Each
 * component's sign is fixed so its largest term loading is positive: reruns never mirror it.
 */
export function fitLsa(matrix: CsrMatrix, options: Partial<LsaOptions> = {}): LsaModel {
  const opts = { ...LSA_DEFAULTS, ...options };
  const width = Math.max(1, Math.min(opts.components + opts.oversamples, matrix.rows, matrix.cols));
  const gaussian = createGaussian(createRandom(opts.seed));

  // 1. Range finder: Q spans A·Ω, sharpened by power iterations.
  const omega = zeros(matrix.cols, width);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = gaussian();
  // Normalising once per iteration, on the document side, keeps the power iterations well
  // conditioned at half the cost; the last basis gets the full two-pass treatment.
  let q = orthonormalBasis(sparseTimesDense(matrix, omega), 1);
  for (let it = 0; it < opts.powerIterations; it++) {
    q = orthonormalBasis(sparseTimesDense(matrix, sparseTransposeTimesDense(matrix, q)), it === opts.powerIterations - 1 ? 2 : 1);
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

  // 3. V = Bᵀ·U / S, signs fixed; documents = Q·U·S (= A·V).
  const basis = denseTimes(bt, u);
  for (let c = 0; c < k; c++) {
    let largest = 0;
    for (let r = 0; r < basis.rows; r++) {
      const v = basis.data[r * k + c]!;
      if (Math.abs(v) > Math.abs(largest)) largest = v;
    }
    const scale = (largest < 0 ? -1 : 1) / singularValues[c]!;
    for (let r = 0; r < basis.rows; r++) basis.data[r * k + c]! *= scale;
    for (let r = 0; r < q.cols; r++) u.data[r * k + c]! *= largest < 0 ? -1 : 1;
  }
  const embedding = denseTimes(q, u);
  for (let i = 0; i < embedding.rows; i++) for (let c = 0; c < k; c++) embedding.data[i * k + c]! *= singularValues[c]!;
  return { basis, singularValues, embedding };
}

/** Places TF-IDF rows in a fitted LSA space. */
export function transformLsa(model: Pick<LsaModel, 'basis'>, matrix: CsrMatrix): DenseMatrix {
  return sparseTimesDense(matrix, model.basis);
}
