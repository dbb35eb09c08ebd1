/** Small dense-matrix kernels over row-major Float64Arrays, and sparse-times-dense products. */
import { sharedFloat64, sharedInt32 } from './shared-memory.js';
import { KernelLayout, withKernelMemory } from './simd/kernels.js';
import type { CsrMatrix } from '../vectorize/tfidf.js';

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

/**
 * A · B for sparse A (n × m) and dense B. B has m rows, or, with `rowOf`, one row per column of A
 * that has one: column j of A pairs with row rowOf[j] of B, and columns with rowOf[j] = -1 are
 * skipped (a term map kept only for the terms it knows).
 */
export function sparseTimesDense(a: CsrMatrix, b: DenseMatrix, rowOf?: Int32Array, into?: Float64Array): DenseMatrix {
  const out = outputOf(a.rows, b.cols, into);
  sparseTimesDenseRows(a, b.data, b.cols, out.data, 0, a.rows, rowOf);
  return out;
}

/**
 * A rows × cols output over `into` when it has that size (its values are all overwritten), else
 * new. Reusing a dead matrix's memory saves the page faults of fresh memory: in this machine's
 * virtual machine, writing 26 MB into fresh memory took 20-25 ms, into memory written before 3-4.
 */
function outputOf(rows: number, cols: number, into?: Float64Array): DenseMatrix {
  return into !== undefined && into.length === rows * cols ? { rows, cols, data: into } : zeros(rows, cols);
}

/**
 * Rows [from, to) of A · B into `out` (row-major, l columns); other rows untouched. Each output
 * element is one running sum over the row's non-zeros in order (bit for bit what adding
 * `v · B[j]` per non-zero gives), computed by the WebAssembly kernel `sparseRows`: two columns
 * per instruction, 3-5× the speed of the same loop over typed arrays in V8 (LSA-shaped products
 * of 2,000 rows, 110 columns). B (and `rowOf`) are copied into kernel memory whole, A's rows a
 * block at a time; a product with less work than that copy (one paper placed in a saved model
 * reads a few hundred rows of a term map of millions) is summed here instead, in the same order.
 */
export function sparseTimesDenseRows(
  a: CsrMatrix,
  b: Float64Array,
  l: number,
  out: Float64Array,
  from: number,
  to: number,
  rowOf?: Int32Array,
): void {
  const { indptr, indices, data } = a;
  if ((indptr[to]! - indptr[from]!) * l < b.length + (rowOf?.length ?? 0)) {
    // Less work than copying B into kernel memory: the same running sums, here.
    for (let i = from; i < to; i++) {
      out.fill(0, i * l, (i + 1) * l);
      for (let p = indptr[i]!; p < indptr[i + 1]!; p++) {
        const r = rowOf === undefined ? indices[p]! : rowOf[indices[p]!]!;
        if (r !== -1) axpy(out, i * l, data[p]!, b, r * l, l);
      }
    }
    return;
  }
  const ends = blockEnds(indptr, from, to);
  let blockRows = 0;
  let blockNonZeros = 0;
  let rowNonZeros = 0;
  for (let i = from; i < to; i++) rowNonZeros = Math.max(rowNonZeros, indptr[i + 1]! - indptr[i]!);
  ends.forEach((end, at) => {
    const start = at === 0 ? from : ends[at - 1]!;
    blockRows = Math.max(blockRows, end - start);
    blockNonZeros = Math.max(blockNonZeros, indptr[end]! - indptr[start]!);
  });
  const layout = new KernelLayout();
  const bAt = layout.f64(b.length);
  const rowOfAt = rowOf === undefined ? 0 : layout.i32(rowOf.length);
  const indptrAt = layout.i32(blockRows + 1);
  const indicesAt = layout.i32(blockNonZeros);
  const dataAt = layout.f64(blockNonZeros);
  const outAt = layout.f64(blockRows * l);
  const weightsAt = layout.f64(rowNonZeros);
  const sourcesAt = layout.i32(rowNonZeros);
  withKernelMemory(layout, (memory) => {
    memory.f64(bAt, b.length).set(b);
    if (rowOf !== undefined) memory.i32(rowOfAt, rowOf.length).set(rowOf);
    let start = from;
    for (const end of ends) {
      const base = indptr[start]!;
      const top = indptr[end]!;
      const blockIndptr = memory.i32(indptrAt, end - start + 1);
      for (let r = 0; r <= end - start; r++) blockIndptr[r] = indptr[start + r]! - base;
      memory.i32(indicesAt, top - base).set(indices.subarray(base, top));
      memory.f64(dataAt, top - base).set(data.subarray(base, top));
      memory.kernels.sparseRows(
        indptrAt,
        indicesAt,
        dataAt,
        rowOfAt,
        0,
        end - start,
        bAt,
        l,
        outAt,
        weightsAt,
        sourcesAt,
      );
      out.set(memory.f64(outAt, (end - start) * l), start * l);
      start = end;
    }
  });
}

/**
 * Where each block of rows [from, to) ends: at most BLOCK_ROWS rows and BLOCK_NON_ZEROS
 * non-zeros, except a single row of more, which is a block of its own.
 */
function blockEnds(indptr: Int32Array, from: number, to: number): number[] {
  const ends: number[] = [];
  for (let start = from; start < to;) {
    let end = start + 1;
    while (end < to && end - start < BLOCK_ROWS && indptr[end + 1]! - indptr[start]! <= BLOCK_NON_ZEROS) end++;
    ends.push(end);
    start = end;
  }
  return ends;
}

/** Rows and non-zeros of A per block in kernel memory: about 3 MB of A and 3.5 MB of output at l = 110. */
const BLOCK_ROWS = 4096;
const BLOCK_NON_ZEROS = 1 << 18;

/**
 * Aᵀ as a CSR matrix (a counting sort by column), in shared memory. Aᵀ·Q as a row-by-row product
 * over Aᵀ gathers and writes each output row once, where scattering from A's rows rewrites them at
 * random: 1.5-2× faster here, and it splits across threads without partial sums.
 */
export function transpose(a: CsrMatrix): CsrMatrix {
  const indptr = sharedInt32(a.cols + 1);
  for (let p = 0; p < a.indices.length; p++) indptr[a.indices[p]! + 1]!++;
  for (let j = 0; j < a.cols; j++) indptr[j + 1]! += indptr[j]!;
  const next = indptr.slice(0, a.cols);
  const indices = sharedInt32(a.indices.length);
  const data = sharedFloat64(a.indices.length);
  for (let i = 0; i < a.rows; i++) {
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const at = next[a.indices[p]!]!++;
      indices[at] = i;
      data[at] = a.data[p]!;
    }
  }
  return { rows: a.cols, cols: a.rows, indptr, indices, data };
}

/** Mᵀ · M (cols × cols), streaming over rows. */
export function gram(m: DenseMatrix): Float64Array {
  const g = new Float64Array(m.cols * m.cols);
  gramRows(m.data, m.cols, g, 0, m.rows);
  return symmetrise(g, m.cols);
}

/**
 * Adds rows [from, to) of M (l columns) to the upper triangle of Mᵀ·M in `g`. Each element sums
 * its rows in order (bit for bit what adding row after row gives).
 */
export function gramRows(m: Float64Array, l: number, g: Float64Array, from: number, to: number): void {
  crossRows(m, null, l, g, from, to);
}

/**
 * Aᵀ · B (l × l) for A and B of the same shape whose product is known to be symmetric (as
 * Qᵀ·A·Aᵀ·Q is): the upper triangle is summed row by row, then mirrored, so the result is
 * exactly symmetric. (Zero entries of A add ±0, which changes no sum of finite values.)
 */
export function crossProduct(a: DenseMatrix, b: DenseMatrix): Float64Array {
  const l = a.cols;
  const g = new Float64Array(l * l);
  crossRows(a.data, b.data, l, g, 0, a.rows);
  return symmetrise(g, l);
}

/**
 * Adds rows [from, to) of M and N (N = M when null) to the upper triangle of Mᵀ·N in `g`, each
 * element summing its rows in order: the WebAssembly kernel `crossRows`, four elements per pass
 * over a block of rows that stays in cache, the rows copied into kernel memory a block at a time.
 */
function crossRows(
  m: Float64Array,
  n: Float64Array | null,
  l: number,
  g: Float64Array,
  from: number,
  to: number,
): void {
  const blockRows = rowsPerBlock(to - from, l);
  const layout = new KernelLayout();
  const gAt = layout.f64(l * l);
  const mAt = layout.f64(blockRows * l);
  const nAt = n === null ? mAt : layout.f64(blockRows * l);
  withKernelMemory(layout, (memory) => {
    const sums = memory.f64(gAt, l * l);
    sums.set(g.subarray(0, l * l));
    for (let start = from; start < to; start += blockRows) {
      const rows = Math.min(blockRows, to - start);
      memory.f64(mAt, rows * l).set(m.subarray(start * l, (start + rows) * l));
      if (n !== null) memory.f64(nAt, rows * l).set(n.subarray(start * l, (start + rows) * l));
      for (let at = 0; at < rows; at += GRAM_BLOCK)
        memory.kernels.crossRows(mAt + at * l * 8, nAt + at * l * 8, l, gAt, Math.min(GRAM_BLOCK, rows - at));
    }
    g.set(sums);
  });
}

/** Rows per pass of `crossRows`: 64 rows of 110 columns are 56 kB. */
const GRAM_BLOCK = 64;

/** Copies the upper triangle of an l × l matrix onto its lower one. */
export function symmetrise(g: Float64Array, l: number): Float64Array {
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
  return g;
}

/**
 * Eigenvalues (descending) and eigenvectors (as columns, row-major l × l) of a symmetric matrix:
 * ml-matrix's `EigenvalueDecomposition` with `assumeSymmetric` (the JAMA tred2 + tql2 it runs,
 * operation for operation, so bit for bit the same), on one flat array instead of a Matrix read
 * through get/set: before V8 optimises them, the Matrix accessors made the decompositions of an
 * LSA fit and the PCA about 0.35 s of a run on 200 papers.
 */
export function symmetricEigen(g: Float64Array, l: number): { values: Float64Array; vectors: DenseMatrix } {
  if (l === 0) throw new Error('Matrix must be non-empty');
  // v holds the eigenvectors transposed, as ml-matrix keeps them while it works: v[j·l + i] is
  // element (i, j), so the hot loops walk rows.
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = 0; j < l; j++) v[j * l + i] = g[i * l + j]!;
  const d = new Float64Array(l);
  const e = new Float64Array(l);
  tred2(l, e, d, v);
  tql2(l, e, d, v);
  const order = Array.from(d, (_, i) => i).sort((x, y) => d[y]! - d[x]! || x - y);
  const values = Float64Array.from(order, (i) => d[i]!);
  const vectors = zeros(l, l);
  order.forEach((source, c) => {
    for (let r = 0; r < l; r++) vectors.data[r * l + c] = v[source * l + r]!;
  });
  return { values, vectors };
}

/** Householder reduction to tridiagonal form (JAMA's tred2, as ml-matrix 6 writes it; V transposed, flat). */
function tred2(n: number, e: Float64Array, d: Float64Array, v: Float64Array): void {
  let f: number, g: number, h: number, hh: number, scale: number;
  for (let j = 0; j < n; j++) d[j] = v[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    scale = 0;
    h = 0;
    for (let k = 0; k < i; k++) scale = scale + Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[j * n + i - 1]!;
        v[j * n + i] = 0;
        v[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      f = d[i - 1]!;
      g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h = h - f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[i * n + j] = f;
        e[j] = dotAndUpdate(v, j * n, d, e, j + 1, i, f, e[j]! + v[j * n + j]! * f);
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        rankTwoUpdate(v, j * n, j, i, f, e, g, d);
        d[j] = v[j * n + i - 1]!;
        v[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[i * n + n - 1] = v[i * n + i]!;
    v[i * n + i] = 1;
    h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[(i + 1) * n + k]! / h;
      for (let j = 0; j <= i; j++) {
        g = rowDot(v, (i + 1) * n, j * n, i + 1);
        axpy(v, j * n, -g, d, 0, i + 1); // v − g·d, bit for bit (negating is exact)
      }
    }
    for (let k = 0; k <= i; k++) v[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[j * n + n - 1]!;
    v[j * n + n - 1] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Symmetric tridiagonal QL (JAMA's tql2, as ml-matrix 6 writes it; V transposed, flat). */
function tql2(n: number, e: Float64Array, d: Float64Array, v: Float64Array): void {
  let g: number, h: number, m: number, p: number, r: number, dl1: number;
  let c: number, c2: number, c3: number, el1: number, s: number, s2: number;
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        g = d[l]!;
        p = (d[l + 1]! - g) / (2 * e[l]!);
        r = hypotenuse(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        dl1 = d[l + 1]!;
        h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f = f + h;
        p = d[m]!;
        c = 1;
        c2 = c;
        c3 = c;
        el1 = e[l + 1]!;
        s = 0;
        s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypotenuse(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          rotateRows(v, (i + 1) * n, i * n, n, c, s);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        p = v[i * n + j]!;
        v[i * n + j] = v[k * n + j]!;
        v[k * n + j] = p;
      }
    }
  }
}

// The O(n³) inner loops of tred2 and tql2 as small functions: V8 optimises a small function soon
// after it has been called a few hundred times, where a loop inside the large one waits for
// on-stack replacement of the whole function (each runs once per decomposition, cold).

/** Rows at `above` and `at` of v rotated by (c, s). */
function rotateRows(v: Float64Array, above: number, at: number, n: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const h = v[above + k]!;
    v[above + k] = s * v[at + k]! + c * h;
    v[at + k] = c * v[at + k]! - s * h;
  }
}

/** g + Σ_{k ∈ [from, to)} row[k]·d[k], adding row[k]·f to e[k] on the way. */
function dotAndUpdate(
  v: Float64Array,
  row: number,
  d: Float64Array,
  e: Float64Array,
  from: number,
  to: number,
  f: number,
  g: number,
): number {
  for (let k = from; k < to; k++) {
    g += v[row + k]! * d[k]!;
    e[k]! += v[row + k]! * f;
  }
  return g;
}

/** row[k] -= f·e[k] + g·d[k] for k in [from, to). */
function rankTwoUpdate(
  v: Float64Array,
  row: number,
  from: number,
  to: number,
  f: number,
  e: Float64Array,
  g: number,
  d: Float64Array,
): void {
  for (let k = from; k < to; k++) v[row + k] = v[row + k]! - (f * e[k]! + g * d[k]!);
}

/** Σ_{k < length} v[a + k]·v[b + k]. */
function rowDot(v: Float64Array, a: number, b: number, length: number): number {
  let g = 0;
  for (let k = 0; k < length; k++) g += v[a + k]! * v[b + k]!;
  return g;
}

/** √(a² + b²) as ml-matrix computes it (not Math.hypot, which rounds differently). */
function hypotenuse(a: number, b: number): number {
  let r: number;
  if (Math.abs(a) > Math.abs(b)) {
    r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/** M · W for dense M (n × a) and W (a × b). */
export function denseTimes(m: DenseMatrix, w: DenseMatrix): DenseMatrix {
  const out = zeros(m.rows, w.cols);
  denseTimesRows(m.data, m.cols, w.data, w.cols, out.data, 0, m.rows);
  return out;
}

/**
 * Rows [from, to) of M · W into `out`, for M with `a` columns and W (a × b). Each element is one
 * running sum over x in order (bit for bit what adding `M[i][x] · W[x]` row by row gives),
 * computed by the WebAssembly kernel `denseRows`, two rows by four columns at a time. Each block
 * of columns stops at its last non-zero row of W: an upper-triangular W (an orthonormal basis's
 * inverse factor) costs half a full one. (The terms skipped are M[i][x]·0, which add nothing for
 * finite M.) M's rows are copied into kernel memory a block at a time.
 */
export function denseTimesRows(
  m: Float64Array,
  a: number,
  w: Float64Array,
  b: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  const blockRows = rowsPerBlock(to - from, Math.max(a, b));
  const layout = new KernelLayout();
  const heightsAt = layout.i32(b);
  const wAt = layout.f64(a * b);
  const mAt = layout.f64(blockRows * a);
  const outAt = layout.f64(blockRows * b);
  withKernelMemory(layout, (memory) => {
    memory.i32(heightsAt, b).set(columnHeights(w, a, b));
    memory.f64(wAt, a * b).set(w.subarray(0, a * b));
    for (let start = from; start < to; start += blockRows) {
      const rows = Math.min(blockRows, to - start);
      memory.f64(mAt, rows * a).set(m.subarray(start * a, (start + rows) * a));
      memory.kernels.denseRows(mAt, a, wAt, b, outAt, rows, heightsAt);
      out.set(memory.f64(outAt, rows * b), start * b);
    }
  });
}

/** Values of M (or of the output) per block in kernel memory: 4 MB. */
const DENSE_BLOCK_VALUES = 1 << 19;

/** Rows of a dense matrix `width` wide copied into kernel memory at a time, of `rows` in all. */
function rowsPerBlock(rows: number, width: number): number {
  return Math.max(1, Math.min(rows, Math.floor(DENSE_BLOCK_VALUES / Math.max(1, width))));
}

/** For each column of W (a × b), one past its last non-zero row: the terms beyond add nothing. */
function columnHeights(w: Float64Array, a: number, b: number): Int32Array {
  const height = new Int32Array(b);
  for (let x = 0; x < a; x++) for (let c = 0; c < b; c++) if (w[x * b + c] !== 0) height[c] = x + 1;
  return height;
}

/**
 * An orthonormal basis of M's column space (rank-revealing: directions with almost no energy are
 * dropped), as M·P·R⁻¹ with R the pivoted Cholesky factor of MᵀM: it streams over rows instead of
 * walking columns as Gram-Schmidt would, and `passes = 2` repeats it for full accuracy
 * (CholeskyQR2). The factor costs l³/3 where an eigen-decomposition of MᵀM cost about 30 times
 * that (l = 110 in LSA: 15-80 ms per basis, a fifth of the seeds' LSA); with M's columns taken in
 * pivot order, R⁻¹ is upper triangular and the product with it half a full one.
 */
export function orthonormalBasis(m: DenseMatrix, passes = 2, products: MatrixProducts = SERIAL_PRODUCTS): DenseMatrix {
  let q = m;
  for (let pass = 0; pass < passes; pass++) {
    const { pivots, inverse } = inverseCholeskyFactor(products.gram(q), q.cols);
    q = products.denseTimes(selectColumns(q, pivots), inverse);
  }
  return q;
}

/** The given columns of `m`, in the order given (large ones in shared memory, as the kernel pool reads them). */
function selectColumns(m: DenseMatrix, columns: Int32Array): DenseMatrix {
  const data = selection(m.rows * columns.length);
  for (let i = 0; i < m.rows; i++)
    for (let t = 0; t < columns.length; t++) data[i * columns.length + t] = m.data[i * m.cols + columns[t]!]!;
  return { rows: m.rows, cols: columns.length, data };
}

/**
 * For G = MᵀM (l × l): G = PᵀRᵀRP by Cholesky with diagonal pivoting, stopped once every remaining
 * column's energy is below 1e-12 of the largest column's (r = the numerical rank). Returns the r
 * pivoted columns in order and R⁻¹ (r × r, upper triangular): M's pivoted columns times R⁻¹ are
 * orthonormal.
 */
function inverseCholeskyFactor(g: Float64Array, l: number): { pivots: Int32Array; inverse: DenseMatrix } {
  const remaining = new Float64Array(l);
  let largest = 0;
  for (let c = 0; c < l; c++) largest = Math.max(largest, (remaining[c] = g[c * l + c]!));
  const tolerance = largest * 1e-12;
  const pivots = Int32Array.from({ length: l }, (_, c) => c);
  // Row t of R (in original column order) at r[t·l ..]; only the columns not yet pivoted are filled.
  const r = new Float64Array(l * l);
  let rank = 0;
  for (; rank < l; rank++) {
    let best = rank;
    for (let i = rank + 1; i < l; i++) if (remaining[pivots[i]!]! > remaining[pivots[best]!]!) best = i;
    const p = pivots[best]!;
    if (!(remaining[p]! > tolerance)) break;
    pivots[best] = pivots[rank]!;
    pivots[rank] = p;
    const diagonal = Math.sqrt(remaining[p]!);
    r[rank * l + p] = diagonal;
    for (let i = rank + 1; i < l; i++) {
      const c = pivots[i]!;
      let sum = g[p * l + c]!;
      for (let t = 0; t < rank; t++) sum -= r[t * l + p]! * r[t * l + c]!;
      const entry = sum / diagonal;
      r[rank * l + c] = entry;
      remaining[c]! -= entry * entry;
    }
  }
  // R⁻¹ in pivot order, solved column by column (back substitution).
  const inverse = zeros(rank, rank);
  const at = (t: number, s: number): number => r[t * l + pivots[s]!]!;
  for (let j = 0; j < rank; j++) {
    inverse.data[j * rank + j] = 1 / at(j, j);
    for (let t = j - 1; t >= 0; t--) {
      let sum = 0;
      for (let s = t + 1; s <= j; s++) sum += at(t, s) * inverse.data[s * rank + j]!;
      inverse.data[t * rank + j] = -sum / at(t, t);
    }
  }
  return { pivots: pivots.slice(0, rank), inverse };
}

/**
 * Selections at least this large go to shared memory: the nested k-means hands each area's rows
 * to the kernel worker, which then reads them instead of receiving a copy (1,000,000 papers:
 * areas of about 100 MB each).
 */
const SHARE_SELECTION_FROM = 2 ** 17;

/** The array for a selection of `length` values: in shared memory when large (see above). */
function selection(length: number): Float64Array {
  return length >= SHARE_SELECTION_FROM ? sharedFloat64(length) : new Float64Array(length);
}

/** A new matrix of the given rows of `m`, in the order given. */
export function selectRows(m: DenseMatrix, rows: ArrayLike<number>): DenseMatrix {
  const data = selection(rows.length * m.cols);
  for (let i = 0; i < rows.length; i++)
    data.set(m.data.subarray(rows[i]! * m.cols, (rows[i]! + 1) * m.cols), i * m.cols);
  return { rows: rows.length, cols: m.cols, data };
}

/** Dot product of row i of `a` with row j of `b` (same width): the cosine when both are unit rows. */
export function dotRows(a: DenseMatrix, i: number, b: DenseMatrix, j: number): number {
  let s = 0;
  for (let d = 0; d < a.cols; d++) s += a.data[i * a.cols + d]! * b.data[j * b.cols + d]!;
  return s;
}

/** Scales every row to unit length (zero rows stay zero). */
export function normalizeRows(m: DenseMatrix): DenseMatrix {
  return normalizeRowsInPlace({ rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) });
}

/** `normalizeRows` without the copy: `m` itself is scaled and returned. */
export function normalizeRowsInPlace(m: DenseMatrix): DenseMatrix {
  for (let i = 0; i < m.rows; i++) {
    let norm = 0;
    for (let c = 0; c < m.cols; c++) norm += m.data[i * m.cols + c]! ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let c = 0; c < m.cols; c++) m.data[i * m.cols + c]! /= norm;
  }
  return m;
}

/** The products whose cost grows with the corpus; a worker pool can stand in for these. */
export interface MatrixProducts {
  /** A·B; `into`, a dead matrix's data of the output's size, is overwritten instead of new memory. */
  sparseTimes(a: CsrMatrix, b: DenseMatrix, rowOf?: Int32Array, into?: Float64Array): DenseMatrix;
  denseTimes(m: DenseMatrix, w: DenseMatrix): DenseMatrix;
  gram(m: DenseMatrix): Float64Array;
}

export const SERIAL_PRODUCTS: MatrixProducts = { sparseTimes: sparseTimesDense, denseTimes, gram };
