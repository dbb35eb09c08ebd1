import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import {
  crossProduct,
  denseTimesRows,
  gramRows,
  orthonormalBasis,
  sparseTimesDenseRows,
  symmetricEigen,
  symmetrise,
} from '../../src/numeric/dense.js';
import { createRandom } from '../../src/numeric/random.js';
import type { CsrMatrix } from '../../src/vectorize/tfidf.js';
import type { DenseMatrix } from '../../src/numeric/dense.js';

// The kernels are blocked for speed, but each output element must still be the plain running sum
// in the plain order: the pool's split and every caller rely on bit-identical results.
const random = createRandom(7);
const values = (n: number, zeros = 0.2): Float64Array =>
  Float64Array.from({ length: n }, () => (random() < zeros ? 0 : random() * 2 - 1));

/** Random entries (30% of them), or with `perRow`, that many in each row at random columns. */
function sparse(rows: number, cols: number, perRow?: (row: number) => number): CsrMatrix {
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < rows; i++) {
    const wanted = perRow?.(i);
    const columns = new Set<number>();
    if (wanted !== undefined) while (columns.size < wanted) columns.add(Math.floor(random() * cols));
    for (let j = 0; j < cols; j++) {
      if (wanted === undefined ? random() < 0.3 : columns.has(j)) {
        indices.push(j);
        data.push(random());
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

/**
 * The plain product the kernels must match bit for bit: rows [from, to) of A·B (through `rowOf`
 * when given), each element summed over the row's non-zeros in order; other rows hold `fill`.
 */
function plainSparseTimes(
  a: CsrMatrix,
  b: Float64Array,
  width: number,
  rowOf: Int32Array | undefined,
  from = 0,
  to = a.rows,
  fill = 0,
): Float64Array {
  const out = new Float64Array(a.rows * width).fill(fill);
  for (let i = from; i < to; i++) {
    out.fill(0, i * width, (i + 1) * width);
    for (let p = a.indptr[i]!; p < a.indptr[i + 1]!; p++) {
      const r = rowOf ? rowOf[a.indices[p]!]! : a.indices[p]!;
      if (r === -1) continue;
      for (let c = 0; c < width; c++) out[i * width + c]! += a.data[p]! * b[r * width + c]!;
    }
  }
  return out;
}

describe('dense kernels', () => {
  for (const width of [1, 3, 4, 7, 13]) {
    it(`sparse times dense, ${width} columns, with and without a row map`, () => {
      // Rows of 0 to 20 non-zeros: every mix of the kernel's passes of four and of one.
      const a = sparse(21, 40, (i) => i);
      const b = values(40 * width);
      const rowOf = Int32Array.from({ length: 40 }, (_, j) => (j % 3 === 1 ? -1 : j));
      for (const map of [undefined, rowOf]) {
        const out = new Float64Array(21 * width).fill(Number.NaN);
        sparseTimesDenseRows(a, b, width, out, 0, 21, map);
        expect(bits(out)).toEqual(bits(plainSparseTimes(a, b, width, map)));
      }
    });

    it(`sparse times dense, ${width} columns: a product smaller than its dense factor, summed in JavaScript`, () => {
      // Two rows of a few non-zeros against 5,000 rows of B: less work than copying B.
      const a: CsrMatrix = {
        rows: 2,
        cols: 5_000,
        indptr: Int32Array.from([0, 3, 5]),
        indices: Int32Array.from([7, 900, 4_999, 0, 2_500]),
        data: values(5, 0),
      };
      const b = values(5_000 * width);
      const rowOf = Int32Array.from({ length: 5_000 }, (_, j) => (j === 900 ? -1 : 4_999 - j));
      for (const map of [undefined, rowOf]) {
        const out = new Float64Array(2 * width).fill(Number.NaN);
        sparseTimesDenseRows(a, b, width, out, 0, 2, map);
        expect(bits(out)).toEqual(bits(plainSparseTimes(a, b, width, map)));
      }
    });

    it(`sparse times dense, ${width} columns: rows of a range only, across blocks of kernel memory`, () => {
      // 4,100 short rows (more than one block of rows), then one of 300,000 non-zeros (more than a
      // block of non-zeros on its own), then short rows again; only rows [5, 4,103) are asked for.
      const rows = 4_104;
      const cols = 300_000;
      const indptr = new Int32Array(rows + 1);
      const indices: number[] = [];
      const data: number[] = [];
      for (let i = 0; i < rows; i++) {
        const count = i === 4_100 ? cols : i % 5;
        for (let t = 0; t < count; t++) {
          indices.push(i === 4_100 ? t : (i * 7919 + t * 104_729) % cols);
          data.push(random());
        }
        indptr[i + 1] = indices.length;
      }
      const a: CsrMatrix = { rows, cols, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
      const b = values(cols * width);
      // Without a row map, and with one that skips every third column and reverses the rest.
      const rowOf = Int32Array.from({ length: cols }, (_, j) => (j % 3 === 2 ? -1 : cols - 1 - j));
      for (const map of [undefined, rowOf]) {
        const out = new Float64Array(rows * width).fill(-7);
        sparseTimesDenseRows(a, b, width, out, 5, 4_103, map);
        expect(bits(out)).toEqual(bits(plainSparseTimes(a, b, width, map, 5, 4_103, -7)));
      }
    });

    it(`Aᵀ·B of a symmetric product, ${width} columns: the upper triangle summed in row order, mirrored`, () => {
      const a = { rows: 17, cols: width, data: values(17 * width) };
      const b = { rows: 17, cols: width, data: values(17 * width) };
      const expected = new Float64Array(width * width);
      for (let x = 0; x < width; x++)
        for (let y = x; y < width; y++) {
          for (let i = 0; i < 17; i++) expected[x * width + y]! += a.data[i * width + x]! * b.data[i * width + y]!;
          expected[y * width + x] = expected[x * width + y]!;
        }
      expect(bits(crossProduct(a, b))).toEqual(bits(expected));
    });

    it(`dense times dense, ${width} columns: rows of a range only, across blocks of kernel memory`, () => {
      // 600 columns of M: about 870 rows per block, so rows [3, 1,801) take three blocks.
      const rows = 1_803;
      const inner = 600;
      const m = values(rows * inner);
      const w = values(inner * width);
      const expected = new Float64Array(rows * width).fill(-7);
      for (let i = 3; i < 1_801; i++) {
        expected.fill(0, i * width, (i + 1) * width);
        for (let x = 0; x < inner; x++)
          for (let c = 0; c < width; c++) expected[i * width + c]! += m[i * inner + x]! * w[x * width + c]!;
      }
      const out = new Float64Array(rows * width).fill(-7);
      denseTimesRows(m, inner, w, width, out, 3, 1_801);
      expect(bits(out)).toEqual(bits(expected));
    });

    it(`the Gram matrix, ${width} columns: rows of a range added to what is there, across blocks`, () => {
      const rows = 300;
      const m = values(rows * width);
      const start = values(width * width);
      const expected = Float64Array.from(start);
      for (let x = 0; x < width; x++)
        for (let y = x; y < width; y++)
          for (let i = 5; i < 290; i++) expected[x * width + y]! += m[i * width + x]! * m[i * width + y]!;
      const g = Float64Array.from(start);
      gramRows(m, width, g, 5, 290);
      // The lower triangle is left as it was.
      expect(bits(g)).toEqual(bits(expected));
    });

    it(`dense times dense and the Gram matrix, ${width} columns`, () => {
      const rows = 7;
      const m = values(rows * 5);
      const w = values(5 * width);
      const expected = new Float64Array(rows * width);
      for (let i = 0; i < rows; i++)
        for (let x = 0; x < 5; x++)
          for (let c = 0; c < width; c++) expected[i * width + c]! += m[i * 5 + x]! * w[x * width + c]!;
      const out = new Float64Array(rows * width);
      denseTimesRows(m, 5, w, width, out, 0, rows);
      expect(bits(out)).toEqual(bits(expected));

      // Upper triangular (column c zero below row c), as an orthonormal basis's inverse factor is:
      // the zeros each column block skips must not change a sum.
      const square = rows;
      const a = values(rows * square);
      const upper = values(square * width, 0).map((v, at) => (Math.floor(at / width) > at % width ? 0 : v));
      const plain = new Float64Array(rows * width);
      for (let i = 0; i < rows; i++)
        for (let x = 0; x < square; x++)
          for (let c = 0; c < width; c++) plain[i * width + c]! += a[i * square + x]! * upper[x * width + c]!;
      const triangular = new Float64Array(rows * width);
      denseTimesRows(a, square, upper, width, triangular, 0, rows);
      expect(Array.from(triangular)).toEqual(Array.from(plain));

      const g = values(rows * width);
      const gram = new Float64Array(width * width);
      for (let i = 0; i < rows; i++)
        for (let x = 0; x < width; x++)
          for (let y = x; y < width; y++) gram[x * width + y]! += g[i * width + x]! * g[i * width + y]!;
      const mine = new Float64Array(width * width);
      gramRows(g, width, mine, 0, 3);
      gramRows(g, width, mine, 3, rows); // in two calls, as a split would
      expect(bits(mine)).toEqual(bits(gram));
    });
  }
});

describe('symmetricEigen', () => {
  // ml-matrix's decomposition, sorted as symmetricEigen sorts: the reference it must match bit for bit.
  function reference(g: Float64Array, l: number): { values: number[]; vectors: number[] } {
    const rows = Array.from({ length: l }, (_, a) => Array.from(g.subarray(a * l, (a + 1) * l)));
    const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
    const raw = evd.realEigenvalues;
    const order = raw.map((_, i) => i).sort((x, y) => raw[y]! - raw[x]! || x - y);
    const vectors: number[] = [];
    for (let r = 0; r < l; r++) for (const source of order) vectors.push(evd.eigenvectorMatrix.get(r, source));
    return { values: order.map((i) => raw[i]!), vectors };
  }

  const gramOf = (rows: number, cols: number, rank: number): Float64Array => {
    // rows × cols data of the given rank (repeated and zero columns give zero eigenvalues).
    const basis = values(rows * rank, 0.3);
    const mix = values(rank * cols, 0.5);
    const m = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let x = 0; x < rank; x++) s += basis[i * rank + x]! * mix[x * cols + c]!;
        m[i * cols + c] = s;
      }
    const g = new Float64Array(cols * cols);
    gramRows(m, cols, g, 0, rows);
    return symmetrise(g, cols);
  };

  const cases: [string, Float64Array, number][] = [
    ['1 × 1', Float64Array.of(3), 1],
    ['zeros', new Float64Array(16), 4],
    ['full-rank Gram, 110 columns', gramOf(300, 110, 110), 110],
    ['rank-5 Gram, 40 columns', gramOf(60, 40, 5), 40],
    ['random symmetric', symmetrise(values(37 * 37, 0.1), 37), 37],
  ];
  for (const [name, g, l] of cases) {
    it(`gives ml-matrix's eigenvalues and eigenvectors bit for bit: ${name}`, () => {
      const { values: got, vectors } = symmetricEigen(g, l);
      const want = reference(g, l);
      expect(Array.from(got)).toEqual(want.values);
      expect(Array.from(vectors.data)).toEqual(want.vectors);
    });
  }
});

describe('orthonormalBasis', () => {
  /** rows × cols data of the given rank: `rank` random directions, mixed at random. */
  function ofRank(rows: number, cols: number, rank: number, spread = 1): DenseMatrix {
    const basis = values(rows * rank, 0);
    const mix = values(rank * cols, 0);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let c = 0; c < cols; c++)
        for (let x = 0; x < rank; x++) data[i * cols + c]! += basis[i * rank + x]! * mix[x * cols + c]! * spread ** -x;
    return { rows, cols, data };
  }

  const dot = (m: DenseMatrix, a: number, b: number, other = m): number => {
    let s = 0;
    for (let i = 0; i < m.rows; i++) s += m.data[i * m.cols + a]! * other.data[i * other.cols + b]!;
    return s;
  };

  const cases: [string, DenseMatrix, number][] = [
    ['full rank, 200 × 110', ofRank(200, 110, 110), 110],
    ['rank 7 of 30 columns', ofRank(80, 30, 7), 7],
    // Directions 1.3x weaker each (condition ~1e4): one pass alone leaves them 6e-4 apart
    // from orthogonal.
    ['ill-conditioned, 120 × 40', ofRank(120, 40, 40, 1.3), 40],
    ['zeros', { rows: 5, cols: 3, data: new Float64Array(15) }, 0],
  ];
  it('leaves one pass short of orthonormal where the input is ill-conditioned, and two passes not', () => {
    const m = cases[2]![1];
    const worst = (q: DenseMatrix): number => {
      let most = 0;
      for (let a = 0; a < q.cols; a++)
        for (let b = a; b < q.cols; b++) most = Math.max(most, Math.abs(dot(q, a, b) - (a === b ? 1 : 0)));
      return most;
    };
    expect(worst(orthonormalBasis(m, 1))).toBeGreaterThan(1e-8);
    expect(worst(orthonormalBasis(m, 1))).toBeLessThan(1e-2);
    expect(worst(orthonormalBasis(m, 2))).toBeLessThan(1e-12);
  });

  for (const [name, m, rank] of cases) {
    it(`gives orthonormal columns spanning the input, as many as its rank: ${name}`, () => {
      const q = orthonormalBasis(m);
      expect(q.rows).toBe(m.rows);
      expect(q.cols).toBe(rank);
      for (let a = 0; a < q.cols; a++)
        for (let b = a; b < q.cols; b++) expect(Math.abs(dot(q, a, b) - (a === b ? 1 : 0))).toBeLessThan(1e-12);
      // Each column of m is reproduced by its projection on q.
      for (let c = 0; c < m.cols; c++) {
        const norm = Math.sqrt(dot(m, c, c));
        const coordinates = Array.from({ length: q.cols }, (_, a) => dot(q, a, c, m));
        let residual = 0;
        for (let i = 0; i < m.rows; i++) {
          let projected = 0;
          for (let a = 0; a < q.cols; a++) projected += q.data[i * q.cols + a]! * coordinates[a]!;
          residual += (m.data[i * m.cols + c]! - projected) ** 2;
        }
        expect(Math.sqrt(residual)).toBeLessThanOrEqual(1e-6 * Math.max(norm, 1e-300));
      }
    });
  }
});
