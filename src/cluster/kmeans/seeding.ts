/** k-means++ seeding (Arthur & Vassilvitskii 2007), greedy as in scikit-learn. */
import type { DenseMatrix } from '../../numeric/dense.js';
import { withFitSpace, type CandidateScores, type FitSpace, type FitSpaceOptions } from './distance.js';

/**
 * Candidates per centre beyond ln k: scikit-learn's `n_local_trials = 2 + int(log(k))`, which
 * Arthur & Vassilvitskii found to beat plain k-means++ at little cost.
 */
const EXTRA_TRIALS = 2;

/** Candidates drawn per centre. */
export function candidatesPerCentre(k: number): number {
  return EXTRA_TRIALS + Math.floor(Math.log(k));
}

/**
 * Greedy k-means++: each centre is the best of several candidates drawn in proportion to D².
 * @param fixed centres given beforehand (guided topics): the first rows, the rest drawn around them
 * @param where can keep the rows in JavaScript (tests compare the two paths)
 */
export function seedCentres(
  points: DenseMatrix,
  k: number,
  random: () => number,
  fixed: DenseMatrix | null = null,
  where: Pick<FitSpaceOptions, 'mostValues'> = {},
): DenseMatrix {
  return withFitSpace(
    points,
    k,
    (space) => ({
      rows: k,
      cols: points.cols,
      data: seedIn(space, points.rows, points.cols, k, random, fixed).slice(),
    }),
    { ...where, candidates: candidatesPerCentre(k) },
  );
}

/** `seedCentres` in `space`: fills and returns its centres. */
export function seedIn(
  space: FitSpace,
  n: number,
  d: number,
  k: number,
  random: () => number,
  fixed: DenseMatrix | null,
): Float64Array {
  const { data, centres } = space;
  const trials = candidatesPerCentre(k);
  // In kernel memory when the space has room for seeding (it may hold an earlier fit's values).
  const closest = (space.seeding?.closest ?? new Float64Array(n)).fill(Infinity);
  const given = Math.min(fixed?.rows ?? 0, k);
  if (fixed && given > 0) {
    centres.set(fixed.data.subarray(0, given * d), 0);
    for (let c = 0; c < given; c++)
      for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i]!, space.rowToCentre(i, c));
  } else {
    const first = Math.floor(random() * n);
    centres.set(data.subarray(first * d, (first + 1) * d), 0);
    for (let i = 0; i < n; i++) closest[i] = space.rowToRow(i, first);
  }
  let potential = closest.reduce((s, v) => s + v, 0);
  // Each centre's candidates are drawn first (the draws do not depend on one another), then scored
  // in one pass over the rows.
  const candidates = new Int32Array(trials);
  const starts = new Int32Array(trials);
  const score = space.seeding?.score ?? scoreHere(space, n, closest);
  for (let c = Math.max(1, given); c < k; c++) {
    for (let t = 0; t < trials; t++) {
      candidates[t] = sampleByWeight(closest, potential, random);
      starts[t] = candidates[t]! * d;
    }
    const { distances, potentials } = score(starts);
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t]! < potentials[best]!) best = t;
    centres.set(data.subarray(candidates[best]! * d, (candidates[best]! + 1) * d), c * d);
    closest.set(distances.subarray(best * n, (best + 1) * n));
    potential = potentials[best]!;
  }
  return centres;
}

/** `SeedingMemory.score` in JavaScript, for rows kept out of kernel memory. */
function scoreHere(space: FitSpace, n: number, closest: Float64Array): (starts: Int32Array) => CandidateScores {
  let distances = new Float64Array(0);
  let potentials = new Float64Array(0);
  let toCandidates = new Float64Array(0);
  return (starts) => {
    const count = starts.length;
    if (potentials.length !== count) {
      distances = new Float64Array(count * n);
      potentials = new Float64Array(count);
      toCandidates = new Float64Array(count);
    }
    potentials.fill(0);
    for (let i = 0; i < n; i++) {
      space.rowToRows(i, starts, toCandidates);
      for (let t = 0; t < count; t++) {
        const dist = Math.min(closest[i]!, toCandidates[t]!);
        distances[t * n + i] = dist;
        potentials[t]! += dist;
      }
    }
    return { distances, potentials };
  };
}

/** An index drawn in proportion to `weights` (uniformly when they are all zero: every row already a centre). */
function sampleByWeight(weights: Float64Array, total: number, random: () => number): number {
  if (total <= 0) return Math.floor(random() * weights.length);
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target <= 0) return i;
  }
  return weights.length - 1;
}
