/** Squared Euclidean distances between rows of flat row-major arrays, shared by every k-means phase. */
import type { DenseMatrix } from '../../numeric/dense.js';
import { KernelLayout, withKernelMemory } from '../../numeric/simd/kernels.js';

/**
 * Two running sums, over the even and the odd coordinates, added at the end: each waits on half as
 * many additions in a row as one sum would (at 100 dimensions 1.2x faster; Lloyd's iterations on
 * 2,000 and 20,000 rows 15-18% faster). Every kernel here sums in this order, so a distance is the
 * same bits whichever computed it.
 */
export function squaredDistance(a: Float64Array, offsetA: number, b: Float64Array, offsetB: number, d: number): number {
  let even = 0;
  let odd = 0;
  let j = 0;
  for (; j + 4 <= d; j += 4) {
    const d0 = a[offsetA + j]! - b[offsetB + j]!;
    const d1 = a[offsetA + j + 1]! - b[offsetB + j + 1]!;
    const d2 = a[offsetA + j + 2]! - b[offsetB + j + 2]!;
    const d3 = a[offsetA + j + 3]! - b[offsetB + j + 3]!;
    even += d0 * d0;
    odd += d1 * d1;
    even += d2 * d2;
    odd += d3 * d3;
  }
  for (; j < d; j++) {
    const diff = a[offsetA + j]! - b[offsetB + j]!;
    if (j % 2 === 0) even += diff * diff;
    else odd += diff * diff;
  }
  return even + odd;
}

/**
 * Squared distances from the row at `offset` to four centres (at offsets c0..c3 of `centres`),
 * into `out[0..4)`: each summed in the same order as `squaredDistance`, so bit for bit the same,
 * while every element of the row is read once for the four.
 */
function squaredDistances4(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  d: number,
  out: Float64Array,
): void {
  let e0 = 0;
  let e1 = 0;
  let e2 = 0;
  let e3 = 0;
  let o0 = 0;
  let o1 = 0;
  let o2 = 0;
  let o3 = 0;
  let j = 0;
  for (; j + 2 <= d; j += 2) {
    const x = data[offset + j]!;
    const y = data[offset + j + 1]!;
    const a0 = x - centres[c0 + j]!;
    const a1 = x - centres[c1 + j]!;
    const a2 = x - centres[c2 + j]!;
    const a3 = x - centres[c3 + j]!;
    const b0 = y - centres[c0 + j + 1]!;
    const b1 = y - centres[c1 + j + 1]!;
    const b2 = y - centres[c2 + j + 1]!;
    const b3 = y - centres[c3 + j + 1]!;
    e0 += a0 * a0;
    e1 += a1 * a1;
    e2 += a2 * a2;
    e3 += a3 * a3;
    o0 += b0 * b0;
    o1 += b1 * b1;
    o2 += b2 * b2;
    o3 += b3 * b3;
  }
  if (j < d) {
    const x = data[offset + j]!;
    const a0 = x - centres[c0 + j]!;
    const a1 = x - centres[c1 + j]!;
    const a2 = x - centres[c2 + j]!;
    const a3 = x - centres[c3 + j]!;
    e0 += a0 * a0;
    e1 += a1 * a1;
    e2 += a2 * a2;
    e3 += a3 * a3;
  }
  out[0] = e0 + o0;
  out[1] = e1 + o1;
  out[2] = e2 + o2;
  out[3] = e3 + o3;
}

/**
 * Squared distances from the row at `offset` to each of the k centres, into `out[0..k)`, four
 * centres per pass over the row (see `squaredDistancesToRows`).
 */
export function squaredDistancesToAll(
  data: Float64Array,
  offset: number,
  centres: Float64Array,
  k: number,
  d: number,
  out: Float64Array,
): void {
  if (centreOffsets.k !== k || centreOffsets.d !== d)
    centreOffsets = { k, d, at: Int32Array.from({ length: k }, (_, c) => c * d) };
  squaredDistancesToRows(data, offset, centres, centreOffsets.at, d, out);
}

/** Where each of k centres of d dimensions starts: kept for the k and d last asked for. */
let centreOffsets = { k: 0, d: 0, at: new Int32Array(0) };

/**
 * Squared distances from the row at `offset` to the rows of `others` that start at each of
 * `starts`, into `out`, four per pass over the row. A last block of one to three repeats its last
 * row in the spare lanes: four sums side by side cost about what one costs alone (the additions
 * wait on one another, not on ports).
 */
export function squaredDistancesToRows(
  data: Float64Array,
  offset: number,
  others: Float64Array,
  starts: Int32Array,
  d: number,
  out: Float64Array,
): void {
  const count = starts.length;
  const last = count - 1;
  for (let t = 0; t < count; t += 4) {
    squaredDistances4(
      data,
      offset,
      others,
      starts[t]!,
      starts[Math.min(t + 1, last)]!,
      starts[Math.min(t + 2, last)]!,
      starts[Math.min(t + 3, last)]!,
      d,
      quad,
    );
    for (let lane = 0; lane < 4 && t + lane < count; lane++) out[t + lane] = quad[lane]!;
  }
}

const quad = new Float64Array(4);

/**
 * Index of the centre nearest row i of `space` (the first of equals); its squared distance goes
 * to `distance[0]`.
 */
export function nearestCentre(space: FitSpace, k: number, i: number, distance: Float64Array): number {
  if (toCentres.length < k) toCentres = new Float64Array(k);
  space.rowToCentres(i, toCentres);
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = toCentres[c]!;
    if (dist < bestDistance) {
      bestDistance = dist;
      best = c;
    }
  }
  distance[0] = bestDistance;
  return best;
}

let toCentres = new Float64Array(64);

/** Sum over rows of the squared distance to the nearest centre. */
export function nearestInertia(points: DenseMatrix, centres: DenseMatrix): number {
  return withFitSpace(points, centres.rows, (space) => {
    space.centres.set(centres.data);
    const nearest = new Float64Array(1);
    let total = 0;
    for (let i = 0; i < points.rows; i++) {
      nearestCentre(space, centres.rows, i, nearest);
      total += nearest[0]!;
    }
    return total;
  });
}

/**
 * The rows of one k-means fit and its k centres, with the distances between them. Seeding and
 * Lloyd's iterations compute most of a fit's time in these.
 */
export interface FitSpace {
  /** The rows, n × d. */
  readonly data: Float64Array;
  /** The k centres, k × d, which the fit writes. */
  readonly centres: Float64Array;
  /** Squared distance from row i to centre c. */
  rowToCentre(i: number, c: number): number;
  /** Squared distance from row i to row j. */
  rowToRow(i: number, j: number): number;
  /** Squared distances from row i to every centre, into `out[0..k)`. */
  rowToCentres(i: number, out: Float64Array): void;
  /**
   * Squared distances from row i to the rows starting at `starts` (offsets in `data`), into `out`:
   * at most k + 2 of them, or `withFitSpace`'s `candidates` if more.
   */
  rowToRows(i: number, starts: Int32Array, out: Float64Array): void;
  /** Elkan's bounds beside the rows, when asked for (`withFitSpace`'s `bounds`) and in kernel memory. */
  readonly elkan: ElkanMemory | null;
  /** A mini-batch beside the rows, when asked for (`withFitSpace`'s `batch`) and in kernel memory. */
  readonly miniBatch: MiniBatchMemory | null;
  /** k-means++'s state beside the rows, when asked for (`withFitSpace`'s `candidates`) and in kernel memory. */
  readonly seeding: SeedingMemory | null;
}

/** Candidates scored for k-means++: see `SeedingMemory.score`. */
export interface CandidateScores {
  /** n values per candidate: each row's distance to its nearest centre should the candidate join. */
  readonly distances: Float64Array;
  /** Per candidate, the sum of its distances (summed in row order). */
  readonly potentials: Float64Array;
}

/** k-means++'s distances in kernel memory, and the kernel that scores candidates. */
export interface SeedingMemory {
  /** Each row's squared distance to its nearest centre so far, which the caller keeps. */
  readonly closest: Float64Array;
  /** Scores the candidate rows starting at `starts` (offsets in `data`); valid until the next call. */
  score(starts: Int32Array): CandidateScores;
}

/** A mini-batch's rows and the centres' counts in kernel memory, and the kernel that takes a step. */
export interface MiniBatchMemory {
  /** The rows of the next batch, which the caller fills. */
  readonly batch: Int32Array;
  /** How many rows each centre has been moved towards so far. */
  readonly counts: Float64Array;
  /**
   * Each row of the batch to its nearest centre (the first of equals), then each such centre
   * moved towards its row by 1 / its count, in batch order; returns the batch's summed squared
   * distance to the centres before the moves.
   */
  step(): number;
}

/** Elkan's per-row state in kernel memory, and the kernel that reassigns rows with it. */
export interface ElkanMemory {
  /** Each row's centre. */
  readonly labels: Int32Array;
  /** Per row, an upper bound on the distance to its centre. */
  readonly upper: Float64Array;
  /** Per row and centre (n × k), a lower bound on the distance. */
  readonly lower: Float64Array;
  /**
   * After the centres moved by `moved`, with the distances `between` centres (k × k) and `half`
   * of each one's distance to its nearest other: reassigns the rows, returns how many changed.
   */
  reassign(moved: Float64Array, between: Float64Array, half: Float64Array): number;
}

export interface FitSpaceOptions {
  /** Room for Elkan's bounds (n × k values). */
  readonly bounds?: boolean;
  /** Room for a mini-batch of this many rows. */
  readonly batch?: number;
  /** Room for k-means++ with this many candidates per centre. */
  readonly candidates?: number;
  /** Rows × dimensions above which the rows stay in JavaScript (see `withFitSpace`). */
  readonly mostValues?: number;
}

/** Rows × dimensions above which a fit's rows are not copied into kernel memory (256 MB). */
const KERNEL_MEMORY_MOST_VALUES = 1 << 25;

/**
 * Runs `use` over the rows of `points` and k centres (zero at first). Up to a size, the rows are
 * copied into WebAssembly memory and the distances computed by kernels.wat: 3× the speed of
 * `squaredDistance` per 100-dimensional distance, and the same bits. Larger fits (mini-batch
 * refinement of a million rows) compute in JavaScript instead of holding a second copy.
 */
export function withFitSpace<T>(
  points: DenseMatrix,
  k: number,
  use: (space: FitSpace) => T,
  { bounds = false, batch = 0, candidates = 0, mostValues = KERNEL_MEMORY_MOST_VALUES }: FitSpaceOptions = {},
): T {
  const { rows: n, cols: d } = points;
  if (n * d > mostValues) return use(scriptSpace(points, k));
  // k centres, or up to 2 + ln k ≤ k + 2 seeding candidates.
  const targets = Math.max(k + 2, candidates);
  const layout = new KernelLayout();
  const dataAt = layout.f64(n * d);
  const centresAt = layout.f64(k * d);
  const centreStartsAt = layout.i32(k);
  const startsAt = layout.i32(targets);
  const outAt = layout.f64(targets);
  const elkanAt = bounds ? elkanLayout(layout, n, k) : null;
  const seedingAt =
    candidates > 0
      ? { closest: layout.f64(n), distances: layout.f64(candidates * n), potentials: layout.f64(candidates) }
      : null;
  const batchAt = batch > 0 ? { rows: layout.i32(batch), assigned: layout.i32(batch), counts: layout.f64(k) } : null;
  return withKernelMemory(layout, ({ kernels, f64, i32 }) => {
    const data = f64(dataAt, n * d);
    data.set(points.data);
    const centres = f64(centresAt, k * d).fill(0); // kernel memory may hold an earlier fit's
    i32(centreStartsAt, k).forEach((_, c, starts) => (starts[c] = c * d));
    const starts = i32(startsAt, targets);
    const distances = f64(outAt, targets);
    const rowBytes = d * 8;
    return use({
      data,
      centres,
      rowToCentre: (i, c) => kernels.squaredDistance(dataAt + i * rowBytes, centresAt + c * rowBytes, d),
      rowToRow: (i, j) => kernels.squaredDistance(dataAt + i * rowBytes, dataAt + j * rowBytes, d),
      rowToCentres(i, out) {
        kernels.squaredDistancesToRows(dataAt + i * rowBytes, centresAt, centreStartsAt, k, d, outAt);
        for (let c = 0; c < k; c++) out[c] = distances[c]!;
      },
      rowToRows(i, rowStarts, out) {
        starts.set(rowStarts); // a RangeError past the `targets` reserved
        kernels.squaredDistancesToRows(dataAt + i * rowBytes, dataAt, startsAt, rowStarts.length, d, outAt);
        for (let t = 0; t < rowStarts.length; t++) out[t] = distances[t]!;
      },
      elkan:
        elkanAt === null
          ? null
          : {
              labels: i32(elkanAt.labels, n),
              upper: f64(elkanAt.upper, n),
              lower: f64(elkanAt.lower, n * k),
              reassign(moved, between, half) {
                f64(elkanAt.moved, k).set(moved);
                f64(elkanAt.between, k * k).set(between);
                f64(elkanAt.half, k).set(half);
                return kernels.elkanReassign(
                  dataAt,
                  centresAt,
                  d,
                  n,
                  k,
                  elkanAt.labels,
                  elkanAt.upper,
                  elkanAt.lower,
                  elkanAt.moved,
                  elkanAt.between,
                  elkanAt.half,
                );
              },
            },
      miniBatch:
        batchAt === null
          ? null
          : {
              batch: i32(batchAt.rows, batch),
              counts: f64(batchAt.counts, k),
              step: () =>
                kernels.miniBatchStep(dataAt, centresAt, d, k, batchAt.rows, batch, batchAt.assigned, batchAt.counts),
            },
      seeding:
        seedingAt === null
          ? null
          : {
              closest: f64(seedingAt.closest, n),
              score(rowStarts) {
                // The distances have room for `candidates` of them (the kernel would write past it).
                if (rowStarts.length > candidates) throw new RangeError(`more than ${candidates} candidates`);
                starts.set(rowStarts);
                const count = rowStarts.length;
                kernels.seedCandidates(
                  dataAt,
                  d,
                  n,
                  startsAt,
                  count,
                  seedingAt.closest,
                  seedingAt.distances,
                  seedingAt.potentials,
                );
                return { distances: f64(seedingAt.distances, count * n), potentials: f64(seedingAt.potentials, count) };
              },
            },
    });
  });
}

/** Where Elkan's state goes in kernel memory. */
function elkanLayout(layout: KernelLayout, n: number, k: number) {
  return {
    labels: layout.i32(n),
    upper: layout.f64(n),
    lower: layout.f64(n * k),
    moved: layout.f64(k),
    between: layout.f64(k * k),
    half: layout.f64(k),
  };
}

/** `FitSpace` in JavaScript, over the rows themselves. */
function scriptSpace(points: DenseMatrix, k: number): FitSpace {
  const { cols: d, data } = points;
  const centres = new Float64Array(k * d);
  return {
    data,
    centres,
    rowToCentre: (i, c) => squaredDistance(data, i * d, centres, c * d, d),
    rowToRow: (i, j) => squaredDistance(data, i * d, data, j * d, d),
    rowToCentres: (i, out) => squaredDistancesToAll(data, i * d, centres, k, d, out),
    rowToRows: (i, starts, out) => squaredDistancesToRows(data, i * d, data, starts, d, out),
    elkan: null,
    miniBatch: null,
    seeding: null,
  };
}
