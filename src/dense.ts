/** Small dense-matrix kernels over row-major Float64Arrays, and sparse-times-dense products. */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { CsrMatrix } from './vectorize/tfidf.js';

/** A row-major dense matrix: element (i, j) is `data[i * cols + j]`. */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * out[o .. o+len) += v · src[s .. s+len): the inner loop of every kernel here, unrolled by four
 * (1.5-1.8× faster in V8 on the sparse products; each element still sums in the same order).
 */
export function axpy(out: Float64Array, o: number, v: number, src: Float64Array, s: number, len: number): void {
  let c = 0;
  for (; c + 4 <= len; c += 4) {
    out[o + c]! += v * src[s + c]!;
    out[o + c + 1]! += v * src[s + c + 1]!;
    out[o + c + 2]! += v * src[s + c + 2]!;
    out[o + c + 3]! += v * src[s + c + 3]!;
  }
  for (; c < len; c++) out[o + c]! += v * src[s + c]!;
}

export function zeros(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A · B for sparse A (n × m) and dense B (m × l). */
export function sparseTimesDense(a: CsrMatrix, b: DenseMatrix): DenseMatrix {
  const l = b.cols;
  const out = zeros(a.rows, l);
  const { indptr, indices, data } = a;
  const src = b.data;
  const dst = out.data;
  for (let i = 0; i < a.rows; i++) {
    const row = i * l;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) axpy(dst, row, data[p]!, src, indices[p]! * l, l);
  }
  return out;
}

/** Aᵀ · Q for sparse A (n × m) and dense Q (n × l). */
export function sparseTransposeTimesDense(a: CsrMatrix, q: DenseMatrix): DenseMatrix {
  const l = q.cols;
  const out = zeros(a.cols, l);
  const { indptr, indices, data } = a;
  const src = q.data;
  const dst = out.data;
  for (let i = 0; i < a.rows; i++) {
    const from = i * l;
    for (let p = indptr[i]!; p < indptr[i + 1]!; p++) axpy(dst, indices[p]! * l, data[p]!, src, from, l);
  }
  return out;
}

/** Mᵀ · M (cols × cols), streaming over rows. */
export function gram(m: DenseMatrix): Float64Array {
  const l = m.cols;
  const g = new Float64Array(l * l);
  const src = m.data;
  for (let i = 0; i < m.rows; i++) {
    const row = i * l;
    for (let a = 0; a < l; a++) {
      const va = src[row + a]!;
      if (va === 0) continue;
      axpy(g, a * l + a, va, src, row + a, l - a);
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
  return g;
}

/** Eigenvalues (descending) and eigenvectors (as columns, row-major l × l) of a symmetric matrix. */
export function symmetricEigen(g: Float64Array, l: number): { values: Float64Array; vectors: DenseMatrix } {
  const rows: number[][] = [];
  for (let a = 0; a < l; a++) rows.push(Array.from(g.subarray(a * l, (a + 1) * l)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = raw.map((_, i) => i).sort((x, y) => raw[y]! - raw[x]! || x - y);
  const values = Float64Array.from(order, (i) => raw[i]!);
  const vectors = zeros(l, l);
  order.forEach((source, c) => {
    for (let r = 0; r < l; r++) vectors.data[r * l + c] = vecs.get(r, source);
  });
  return { values, vectors };
}

/** M · W for dense M (n × a) and W (a × b). */
export function denseTimes(m: DenseMatrix, w: DenseMatrix): DenseMatrix {
  const out = zeros(m.rows, w.cols);
  const a = m.cols;
  const b = w.cols;
  const src = m.data;
  const weights = w.data;
  const dst = out.data;
  for (let i = 0; i < m.rows; i++) {
    const oi = i * b;
    for (let x = 0; x < a; x++) {
      const v = src[i * a + x]!;
      if (v === 0) continue;
      axpy(dst, oi, v, weights, x * b, b);
    }
  }
  return out;
}

/**
 * An orthonormal basis of M's column space (rank-revealing: directions with almost no energy are
 * dropped). Uses the eigen-decomposition of MᵀM, so it streams over rows instead of walking
 * columns as Gram-Schmidt would; `passes = 2` repeats it for full accuracy (CholeskyQR2-style).
 */
export function orthonormalBasis(m: DenseMatrix, passes = 2): DenseMatrix {
  let q = m;
  for (let pass = 0; pass < passes; pass++) {
    const { values, vectors } = symmetricEigen(gram(q), q.cols);
    const tolerance = Math.max(values[0] ?? 0, 0) * 1e-12;
    let keep = 0;
    while (keep < values.length && values[keep]! > tolerance) keep++;
    const w = zeros(q.cols, keep);
    for (let r = 0; r < q.cols; r++) {
      for (let c = 0; c < keep; c++) w.data[r * keep + c] = vectors.data[r * q.cols + c]! / Math.sqrt(values[c]!);
    }
    q = denseTimes(q, w);
  }
  return q;
}

/** Scales every row to unit length (zero rows stay zero). */
export function normalizeRows(m: DenseMatrix): DenseMatrix {
  const out = { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  for (let i = 0; i < m.rows; i++) {
    let norm = 0;
    for (let c = 0; c < m.cols; c++) norm += out.data[i * m.cols + c]! ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let c = 0; c < m.cols; c++) out.data[i * m.cols + c]! /= norm;
  }
  return out;
}
