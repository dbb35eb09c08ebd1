/**
 * k-means on unit-length rows (squared Euclidean distance is then 2 - 2·cosine: spherical
 * geometry). Greedy k-means++ seeding (2 + ln k candidates per centre, as scikit-learn does),
 * Lloyd iterations over a flat Float64Array, several seeded restarts, the lowest inertia kept.
 *
 *   small data:  for each restart: kmeans/seeding.ts -> kmeans/lloyd.ts        -> keep the lowest inertia
 *   large data:  for each restart: kmeans/minibatch.ts -> score on a fixed sample -> best: a few Lloyd steps
 *
 * Written here rather than taken from `ml-kmeans`: on 5,000 × 100 LSA rows, ml-kmeans (arrays of
 * arrays, a distance callback per pair) spent 58 s where this kernel needs about 1 s. ml-kmeans
 * stays the reference it is tested against (test/topics/kmeans.test.ts).
 */
import type { DenseMatrix } from '../numeric/dense.js';
import { createRandom } from '../numeric/random.js';
import { sampleRows } from '../numeric/sample.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { nearestInertia, squaredDistance } from './kmeans/distance.js';
import { iterateLloyd, seedAndIterate } from './kmeans/lloyd.js';
import { fitMiniBatch } from './kmeans/minibatch.js';
import { runningHere, type TaskRunner } from './tasks.js';

export interface KmeansOptions {
  readonly restarts: number;
  readonly maxIterations: number;
  /**
   * Stop when the centres' summed squared shift falls below this times the data's mean per-dimension
   * variance (scikit-learn's rule), or when no row changes cluster.
   */
  readonly tolerance: number;
  readonly seed: number;
  /** Above this many rows, restarts run mini-batch k-means and only the best is refined by full Lloyd steps. */
  readonly miniBatchAbove: number;
  readonly batchSize: number;
  /** Centres to start every restart from (guided topics); the other centres are seeded as usual. */
  readonly initialCentres: DenseMatrix | null;
}

export const KMEANS_DEFAULTS: KmeansOptions = {
  restarts: 10,
  maxIterations: 300,
  tolerance: 1e-4,
  seed: 1,
  miniBatchAbove: 10_000,
  batchSize: 2048,
  initialCentres: null,
};

/** Full Lloyd iterations that polish the best mini-batch solution. */
const REFINE_ITERATIONS = 5;
/**
 * Restart r of seed s draws from the stream `s · RESTART_SEED_STRIDE + r`: a prime far above any
 * restart count, so two integer seeds never share a restart's stream (seed 1's restarts are not
 * seed 2's shifted by one).
 */
const RESTART_SEED_STRIDE = 7919;
/**
 * Mini-batch restarts are scored on one fixed sample of at most this many rows: every start is
 * judged on the same rows, and scoring costs the same whatever the corpus size.
 */
const SCORING_ROWS = 20_000;
/** A restart must beat the best by more than rounding noise, so ties keep the earlier start on every machine. */
const TIE_MARGIN = 1e-12;
/** Seed of the projection that counts distinct rows: fixed, so the cap on k never depends on `--seed`. */
const DISTINCT_ROWS_SEED = 12345;

export interface Clustering {
  readonly k: number;
  /** Cluster of each row, in [0, k). */
  readonly labels: Int32Array;
  /** k × dims. */
  readonly centroids: DenseMatrix;
  readonly inertia: number;
}

/**
 * One k-means fit's restarts, as a job a second thread can share (see tasks.ts): restart r is
 * `runRestart(job, r)`, whichever thread runs it.
 */
export interface RestartJob {
  readonly points: DenseMatrix;
  readonly clusters: number;
  readonly options: KmeansOptions;
  /** Absolute tolerance: `options.tolerance` times the data's mean variance. */
  readonly tolerance: number;
  /** Above `options.miniBatchAbove` rows: the fixed sample every mini-batch start is scored on. */
  readonly scoring: DenseMatrix | null;
}

/** A restart's result: a full Lloyd fit, or mini-batch centres with their score on the sample. */
export type RestartResult =
  | { readonly kind: 'lloyd'; readonly clustering: Clustering }
  | { readonly kind: 'mini-batch'; readonly centres: DenseMatrix; readonly score: number };

/** Restart r of a fit: its own seeded stream, whatever ran before it. */
export function runRestart(job: RestartJob, r: number): RestartResult {
  const { points, clusters, options: opts } = job;
  const random = createRandom(opts.seed * RESTART_SEED_STRIDE + r);
  if (job.scoring !== null) {
    const centres = fitMiniBatch(points, clusters, opts.batchSize, random, opts.initialCentres);
    return { kind: 'mini-batch', centres, score: nearestInertia(job.scoring, centres) };
  }
  return {
    kind: 'lloyd',
    clustering: seedAndIterate(points, clusters, random, opts.initialCentres, opts.maxIterations, job.tolerance),
  };
}

/** Every restart on this thread, in order. */
export const RESTARTS_HERE: TaskRunner<RestartJob, RestartResult> = runningHere(runRestart);

/**
 * Clusters the rows of `points` into at most k groups (fewer when there are fewer distinct rows).
 * `restarts` runs the restarts (on a second thread too, with the kernel pool); the lowest inertia
 * wins, ties to the earlier restart, so the result does not depend on where each ran.
 */
export function clusterKmeans(
  points: DenseMatrix,
  k: number,
  options: Partial<KmeansOptions> = {},
  progress: ProgressSink = NO_PROGRESS,
  restarts: TaskRunner<RestartJob, RestartResult> = RESTARTS_HERE,
): Clustering {
  const opts = { ...KMEANS_DEFAULTS, ...options };
  const clusters = Math.max(1, distinctRows(points, k));
  const tolerance = opts.tolerance * meanVariance(points);
  progress.start(opts.restarts, 'k-means starts');
  const scoring =
    points.rows > opts.miniBatchAbove ? sampleRows(points, Math.min(points.rows, SCORING_ROWS), opts.seed) : null;
  const results = restarts({ points, clusters, options: opts, tolerance, scoring }, opts.restarts, (finished) =>
    progress.advance(finished),
  );
  if (scoring !== null) {
    // Restarts competed on mini-batch centres (scored on a fixed sample); the winner gets full Lloyd steps.
    let bestCentres: DenseMatrix | null = null;
    let bestScore = Infinity;
    for (const result of results) {
      if (result.kind !== 'mini-batch') throw new Error('a mini-batch restart returned a Lloyd fit');
      if (result.score < bestScore - TIE_MARGIN) {
        bestScore = result.score;
        bestCentres = result.centres;
      }
    }
    return iterateLloyd(points, bestCentres!, REFINE_ITERATIONS, tolerance);
  }
  let best: Clustering | null = null;
  for (const result of results) {
    if (result.kind !== 'lloyd') throw new Error('a Lloyd restart returned mini-batch centres');
    if (best === null || result.clustering.inertia < best.inertia - TIE_MARGIN) best = result.clustering;
  }
  return best!;
}

/** Sum of squared distances from each row to its centroid. */
export function computeInertia(points: DenseMatrix, labels: Int32Array, centroids: DenseMatrix): number {
  let total = 0;
  for (let i = 0; i < points.rows; i++)
    total += squaredDistance(points.data, i * points.cols, centroids.data, labels[i]! * points.cols, points.cols);
  return total;
}

/**
 * Mean over dimensions of the rows' variance. Row by row (each column's sums still add its rows
 * in order, so the result is the same as column by column, which strode through memory).
 */
function meanVariance(points: DenseMatrix): number {
  const { rows: n, cols: d, data } = points;
  const sums = new Float64Array(d);
  const squares = new Float64Array(d);
  for (let i = 0; i < n; i++) addRowMoments(data, i * d, d, sums, squares);
  let total = 0;
  for (let j = 0; j < d; j++) total += n === 0 ? 0 : squares[j]! / n - (sums[j]! / n) ** 2;
  return d === 0 ? 0 : total / d;
}

/**
 * One row into the column sums and sums of squares: a small function, which V8 optimises after
 * some hundred rows (a loop in a function called once waits for on-stack replacement).
 */
function addRowMoments(data: Float64Array, at: number, d: number, sums: Float64Array, squares: Float64Array): void {
  for (let j = 0; j < d; j++) {
    const v = data[at + j]!;
    sums[j]! += v;
    squares[j]! += v * v;
  }
}

/**
 * Distinct rows, up to `atMost`, counted through a random projection (collisions between
 * different rows are negligible).
 */
function distinctRows(points: DenseMatrix, atMost: number): number {
  const random = createRandom(DISTINCT_ROWS_SEED);
  const weights = Float64Array.from({ length: points.cols }, () => random() - 0.5);
  const seen = new Set<number>();
  // Only whether there are fewer than `atMost` matters: the count stops there (usually at once).
  for (let i = 0; i < points.rows && seen.size < atMost; i++) {
    let key = 0;
    for (let j = 0; j < points.cols; j++) key += points.data[i * points.cols + j]! * weights[j]!;
    seen.add(key);
  }
  return seen.size;
}
