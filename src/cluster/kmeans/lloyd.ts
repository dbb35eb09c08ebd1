/**
 * Lloyd's algorithm with triangle-inequality bounds, so a row's distances are only computed when
 * its assignment could change. Same result as plain Lloyd up to exact ties, and up to rounding in
 * the centres' last bits: cluster sums are kept from one iteration to the next (the seeds, 2,000
 * and 20,000 papers gave byte-identical topics either way):
 *
 * - Elkan (2003), one lower bound per row and centre: on 2,000 LSA rows with k = 20 it computes
 *   a fraction of the distances Hamerly's single bound needs (in 100 dimensions most centres sit
 *   at similar distances, so one bound for all of them rarely settles a row).
 * - Hamerly (2010), one lower bound per row, when n·k bounds would take too much memory.
 */
import { axpy, type DenseMatrix } from '../../numeric/dense.js';
import type { Clustering } from '../kmeans.js';
import { candidatesPerCentre, seedIn } from './seeding.js';
import { squaredDistance, withFitSpace, type ElkanMemory, type FitSpace, type FitSpaceOptions } from './distance.js';

/** Up to this many row-centre bounds (8 bytes each) use Elkan's; above, Hamerly's. */
const ELKAN_MAX_BOUNDS = 1 << 22;

/**
 * Runs at most `maxIterations` Lloyd steps from the centres `initial`, stopping early when the
 * centres' summed squared shift is at most `tolerance` or no row changes cluster. Labels and
 * inertia are against the final centres; `initial` is not modified. `where` can keep the rows in
 * JavaScript (tests compare the two paths).
 */
export function iterateLloyd(
  points: DenseMatrix,
  initial: DenseMatrix,
  maxIterations: number,
  tolerance: number,
  where: Pick<FitSpaceOptions, 'mostValues'> = {},
): Clustering {
  const elkan = points.rows * initial.rows <= ELKAN_MAX_BOUNDS;
  return withFitSpace(
    points,
    initial.rows,
    (space) => lloydIn(space, points, initial, maxIterations, tolerance, elkan),
    { ...where, bounds: elkan },
  );
}

/**
 * k-means++ seeding (see seeding.ts), then `iterateLloyd` from those centres, in one space: the
 * rows go into kernel memory once for both. The same result as the two calls one after the other.
 */
export function seedAndIterate(
  points: DenseMatrix,
  k: number,
  random: () => number,
  fixed: DenseMatrix | null,
  maxIterations: number,
  tolerance: number,
): Clustering {
  const elkan = points.rows * k <= ELKAN_MAX_BOUNDS;
  return withFitSpace(
    points,
    k,
    (space) => {
      const seeded = seedIn(space, points.rows, points.cols, k, random, fixed).slice();
      return lloydIn(space, points, { rows: k, cols: points.cols, data: seeded }, maxIterations, tolerance, elkan);
    },
    { bounds: elkan, candidates: candidatesPerCentre(k) },
  );
}

function lloydIn(
  space: FitSpace,
  points: DenseMatrix,
  initial: DenseMatrix,
  maxIterations: number,
  tolerance: number,
  elkan: boolean,
): Clustering {
  const { rows: n, cols: d } = points;
  const { data, centres } = space;
  const k = initial.rows;
  centres.set(initial.data);
  const labels = space.elkan?.labels ?? new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const moved = new Float64Array(k);
  const distance = (i: number, c: number): number => Math.sqrt(space.rowToCentre(i, c));
  const bounds = elkan
    ? elkanBounds(n, k, labels, distance, (i, out) => space.rowToCentres(i, out), space.elkan)
    : hamerlyBounds(n, k, labels, distance);
  bounds.assignAll();

  // Each cluster's sum of rows, kept from one iteration to the next: after the first, only the
  // rows that changed cluster move their coordinates from one sum to the other (late iterations
  // move a few rows of thousands). Summed afresh (every row counted in no cluster, -1) at first
  // and after an iteration that refilled an empty cluster.
  const summedAs = new Int32Array(n);
  let afresh = true;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Move each centre to the mean of its rows; an empty cluster takes the row farthest from its centre.
    if (afresh) {
      sums.fill(0);
      counts.fill(0);
      summedAs.fill(-1);
      afresh = false;
    }
    for (let i = 0; i < n; i++) {
      const from = summedAs[i]!;
      const to = labels[i]!;
      if (from === to) continue;
      if (from !== -1) {
        counts[from]!--;
        axpy(sums, from * d, -1, data, i * d, d);
      }
      counts[to]!++;
      axpy(sums, to * d, 1, data, i * d, d);
    }
    summedAs.set(labels);
    let shift = 0;
    const taken: number[] = [];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // The bounds stay valid: the jump is part of how far this centre moved.
        let far = -1;
        let farthest = -1;
        for (let i = 0; i < n; i++) {
          const dist = distance(i, labels[i]!);
          if (dist > farthest && !taken.includes(i)) {
            farthest = dist;
            far = i;
          }
        }
        taken.push(far);
        for (let j = 0; j < d; j++) sums[c * d + j] = data[far * d + j]!;
        counts[c] = 1;
        afresh = true; // `far` still counts in its own cluster's sum: the next sums start over
      }
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const next = sums[c * d + j]! / counts[c]!;
        squared += (next - centres[c * d + j]!) ** 2;
        centres[c * d + j] = next;
      }
      moved[c] = Math.sqrt(squared);
      shift += squared;
    }
    if (shift <= tolerance) break;
    const gaps = centreGaps(centres, k, d);
    if (bounds.reassign(moved, gaps) === 0) break;
  }
  // Labels and inertia against the final centres.
  let inertia = 0;
  const all = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    space.rowToCentres(i, all);
    let best = 0;
    let first = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = all[c]!;
      if (dist < first) {
        first = dist;
        best = c;
      }
    }
    labels[i] = best;
    inertia += first;
  }
  return { k, labels: labels.slice(), centroids: { rows: k, cols: d, data: centres.slice() }, inertia };
}

interface Bounds {
  /** Every row to its nearest centre, computing all distances. */
  assignAll(): void;
  /** After the centres moved by `moved`: rows whose nearest centre may have changed are reassigned; returns how many changed. */
  reassign(moved: Float64Array, gaps: CentreGaps): number;
}

/** Distances between centres, and half of each centre's distance to its nearest other centre. */
interface CentreGaps {
  readonly between: Float64Array;
  readonly half: Float64Array;
}

function centreGaps(centres: Float64Array, k: number, d: number): CentreGaps {
  const between = new Float64Array(k * k);
  const half = new Float64Array(k).fill(Infinity);
  for (let c = 0; c < k; c++) {
    for (let o = c + 1; o < k; o++) {
      const dist = Math.sqrt(squaredDistance(centres, c * d, centres, o * d, d));
      between[c * k + o] = dist;
      between[o * k + c] = dist;
      half[c] = Math.min(half[c]!, dist / 2);
      half[o] = Math.min(half[o]!, dist / 2);
    }
  }
  return { between, half };
}

/**
 * Elkan: an upper bound on each row's distance to its centre, a lower bound to every centre.
 * With `memory` (the bounds in kernel memory), its WebAssembly kernel reassigns the rows, decision
 * for decision what `reassign` below does.
 */
function elkanBounds(
  n: number,
  k: number,
  labels: Int32Array,
  distance: (i: number, c: number) => number,
  toAll: (i: number, out: Float64Array) => void,
  memory: ElkanMemory | null,
): Bounds {
  const upper = memory?.upper ?? new Float64Array(n);
  const lower = memory?.lower ?? new Float64Array(n * k);
  return {
    assignAll() {
      const all = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        toAll(i, all);
        let best = 0;
        let first = Infinity;
        for (let c = 0; c < k; c++) {
          const dist = Math.sqrt(all[c]!);
          lower[i * k + c] = dist;
          if (dist < first) {
            first = dist;
            best = c;
          }
        }
        labels[i] = best;
        upper[i] = first;
      }
    },
    reassign(moved, { between, half }) {
      if (memory !== null) return memory.reassign(moved, between, half);
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const row = i * k;
        for (let c = 0; c < k; c++) lower[row + c] = Math.max(0, lower[row + c]! - moved[c]!);
        const was = labels[i]!;
        let c = was;
        let up = upper[i]! + moved[c]!;
        if (up <= half[c]!) {
          upper[i] = up;
          continue;
        }
        let tight = false;
        for (let o = 0; o < k; o++) {
          if (o === c || up <= lower[row + o]! || up <= between[c * k + o]! / 2) continue;
          if (!tight) {
            up = distance(i, c);
            lower[row + c] = up;
            tight = true;
            if (up <= lower[row + o]! || up <= between[c * k + o]! / 2) continue;
          }
          const dist = distance(i, o);
          lower[row + o] = dist;
          if (dist < up) {
            c = o;
            up = dist;
          }
        }
        upper[i] = up;
        if (c !== was) {
          labels[i] = c;
          changed++;
        }
      }
      return changed;
    },
  };
}

/** Hamerly: an upper bound on each row's distance to its centre, one lower bound to any other. */
function hamerlyBounds(n: number, k: number, labels: Int32Array, distance: (i: number, c: number) => number): Bounds {
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const assign = (i: number): void => {
    let best = 0;
    let first = Infinity;
    let second = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = distance(i, c);
      if (dist < first) {
        second = first;
        first = dist;
        best = c;
      } else if (dist < second) second = dist;
    }
    labels[i] = best;
    upper[i] = first;
    lower[i] = second;
  };
  return {
    assignAll() {
      for (let i = 0; i < n; i++) assign(i);
    },
    reassign(moved, { half }) {
      let maxMoved = 0;
      let secondMoved = 0;
      let maxMover = -1;
      for (let c = 0; c < k; c++) {
        if (moved[c]! > maxMoved) {
          secondMoved = maxMoved;
          maxMoved = moved[c]!;
          maxMover = c;
        } else if (moved[c]! > secondMoved) secondMoved = moved[c]!;
      }
      let changed = 0;
      for (let i = 0; i < n; i++) {
        const c = labels[i]!;
        upper[i]! += moved[c]!;
        lower[i]! -= c === maxMover ? secondMoved : maxMoved;
        const bound = Math.max(half[c]!, lower[i]!);
        if (upper[i]! <= bound) continue;
        upper[i] = distance(i, c);
        if (upper[i]! <= bound) continue;
        assign(i);
        if (labels[i] !== c) changed++;
      }
      return changed;
    },
  };
}
