/**
 * Mini-batch k-means (Sculley 2010, as scikit-learn's MiniBatchKMeans): k-means++ on a sample,
 * then each step assigns a random batch and moves every centre to the running mean of the rows
 * it has been given. Stops after enough steps to see every row about three times (within
 * [MIN_STEPS, MAX_STEPS]), or when the smoothed batch inertia has not improved for 10 steps.
 */
import type { DenseMatrix } from '../../numeric/dense.js';
import { sampleRows } from '../../numeric/sample.js';
import { nearestCentre, withFitSpace, type FitSpace, type FitSpaceOptions } from './distance.js';
import { seedCentres } from './seeding.js';

/** Passes over the data the step budget aims at: scikit-learn's budget is in passes too. */
const PASSES = 3;
/** Step budget's bounds: at least enough steps to settle on small data, at most the full-Lloyd cap. */
const MIN_STEPS = 50;
const MAX_STEPS = 300;
/** Steps without improvement before stopping: scikit-learn's `max_no_improvement`. */
const PATIENCE = 10;
/** Weight of the newest batch in the smoothed inertia, which damps one batch's luck. */
const SMOOTHING = 0.1;
/** Smaller improvements of the smoothed inertia count as none, so float noise never resets patience. */
const MIN_IMPROVEMENT = 1e-9;
/** Seeding sample: scikit-learn's `init_size = 3 · batch_size`, and at least 10 rows per centre. */
const INIT_BATCHES = 3;
const INIT_ROWS_PER_CENTRE = 10;
/** The seeding sample's seed is drawn from the start's stream, as a non-negative 31-bit integer. */
const SEED_RANGE = 2 ** 31;

/**
 * k centres fitted by mini-batch steps on `points`; every draw comes from `random`. `where` can
 * keep the rows in JavaScript (tests compare the two paths).
 */
export function fitMiniBatch(
  points: DenseMatrix,
  k: number,
  batchSize: number,
  random: () => number,
  fixed: DenseMatrix | null = null,
  where: Pick<FitSpaceOptions, 'mostValues'> = {},
): DenseMatrix {
  const { rows: n, cols: d } = points;
  const initSample = sampleRows(
    points,
    Math.min(n, Math.max(INIT_BATCHES * batchSize, INIT_ROWS_PER_CENTRE * k)),
    Math.floor(random() * SEED_RANGE),
  );
  const seeded = seedCentres(initSample, k, random, fixed).data;
  return withFitSpace(
    points,
    k,
    (space) => {
      space.centres.set(seeded);
      return { rows: k, cols: d, data: stepsIn(space, n, d, k, batchSize, random).slice() };
    },
    { ...where, batch: batchSize },
  );
}

/** The mini-batch steps from the centres in `space`; returns them, moved. */
function stepsIn(
  space: FitSpace,
  n: number,
  d: number,
  k: number,
  batchSize: number,
  random: () => number,
): Float64Array {
  const kernel = space.miniBatch;
  // Kernel memory may hold an earlier fit's counts.
  const counts = kernel?.counts.fill(0) ?? new Float64Array(k);
  const batch = kernel?.batch ?? new Int32Array(batchSize);
  // The JavaScript step's scratch (the kernel keeps its own).
  const nearest = new Float64Array(kernel === null ? 1 : 0);
  const assigned = new Int32Array(kernel === null ? batchSize : 0);
  const steps = Math.min(MAX_STEPS, Math.max(MIN_STEPS, Math.ceil((PASSES * n) / batchSize)));
  let smoothed = Infinity;
  let bestSmoothed = Infinity;
  let stale = 0;
  for (let step = 0; step < steps && stale < PATIENCE; step++) {
    // The batch is drawn first (the draws do not depend on the assignments); then the kernel's
    // step, or the same step here when the rows stayed in JavaScript.
    for (let b = 0; b < batchSize; b++) batch[b] = Math.floor(random() * n);
    const inertia = kernel !== null ? kernel.step() : stepHere(space, d, k, batch, assigned, counts, nearest);
    const mean = inertia / batchSize;
    smoothed = smoothed === Infinity ? mean : (1 - SMOOTHING) * smoothed + SMOOTHING * mean;
    if (smoothed < bestSmoothed - MIN_IMPROVEMENT) {
      bestSmoothed = smoothed;
      stale = 0;
    } else stale++;
  }
  return space.centres;
}

/** `MiniBatchMemory.step` in JavaScript, for rows kept out of kernel memory. */
function stepHere(
  space: FitSpace,
  d: number,
  k: number,
  batch: Int32Array,
  assigned: Int32Array,
  counts: Float64Array,
  nearest: Float64Array,
): number {
  const { data, centres } = space;
  let inertia = 0;
  for (let b = 0; b < batch.length; b++) {
    assigned[b] = nearestCentre(space, k, batch[b]!, nearest);
    inertia += nearest[0]!;
  }
  for (let b = 0; b < batch.length; b++) {
    const c = assigned[b]!;
    const i = batch[b]!;
    counts[c]!++;
    const rate = 1 / counts[c]!;
    for (let j = 0; j < d; j++) centres[c * d + j]! += rate * (data[i * d + j]! - centres[c * d + j]!);
  }
  return inertia;
}
