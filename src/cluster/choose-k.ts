/**
 * Choosing k. Silhouette on abstracts rises almost steadily with k (measured on the dev corpus:
 * 0.058 at k = 2 to 0.080 at k = 12), so it cannot pick k. What does separate real structure from
 * arbitrary cuts is stability: cluster the papers, cluster a random 80% subsample with another
 * seed, and compare the two labelings on the subsample (adjusted Rand index). Topics that come
 * back whatever the sample and seed are topics a reader can trust.
 *
 * Rule: the k in [3, kMax] with the highest mean stability (ties to the larger k). When no k
 * reaches `minStability` the corpus has no stable structure (one theme throughout), and k falls
 * back to the rule of thumb sqrt(n / 2), within [kMin, kMax].
 */
import { selectRows, type DenseMatrix } from '../numeric/dense.js';
import { adjustedRandIndex } from '../eval/metrics.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { createRandom } from '../numeric/random.js';
import { sampleRows } from '../numeric/sample.js';
import { clusterKmeans } from './kmeans.js';
import { cosineSilhouette } from './silhouette.js';

export interface ChooseKOptions {
  readonly kMin: number;
  readonly kMax: number;
  readonly minStability: number;
  /** Subsample pairs per k. */
  readonly repeats: number;
  /** At most this many rows take part (a seeded sample), so choosing k stays cheap at scale. */
  readonly sampleSize: number;
  readonly seed: number;
}

export const CHOOSE_K_DEFAULTS: ChooseKOptions = {
  kMin: 2,
  kMax: 12,
  minStability: 0.5,
  repeats: 3,
  sampleSize: 2000,
  seed: 1,
};

/** Each subsample keeps a row with this probability: large enough to hold every topic, small enough to perturb. */
const SUBSAMPLE_FRACTION = 0.8;
/** k is capped so clusters average at least this many sampled rows; smaller ones are noise to compare. */
const MIN_ROWS_PER_CLUSTER = 5;
/**
 * The subsample of (k, repeat) draws from seed `seed · SEED_STRIDE + k · K_SEED_STRIDE + repeat`:
 * distinct for every k below 32 and fewer than 31 repeats, so no two subsamples share a stream.
 */
const SEED_STRIDE = 1000;
const K_SEED_STRIDE = 31;

// One k-means++ start per clustering: stability measures agreement between runs, so a single
// start is the honest unit, and it keeps choosing k at about 4 runs per k.

export interface KCurvePoint {
  readonly k: number;
  readonly stability: number;
  readonly silhouette: number;
}

export interface KChoice {
  readonly k: number;
  readonly criterion: 'stability' | 'rule-of-thumb';
  readonly curve: readonly KCurvePoint[];
}

export function chooseK(
  points: DenseMatrix,
  options: Partial<ChooseKOptions> = {},
  progress: ProgressSink = NO_PROGRESS,
): KChoice {
  const opts = { ...CHOOSE_K_DEFAULTS, ...options };
  const sample = sampleRows(points, opts.sampleSize, opts.seed);
  const kMax = Math.max(opts.kMin, Math.min(opts.kMax, Math.floor(sample.rows / MIN_ROWS_PER_CLUSTER)));
  const curve: KCurvePoint[] = [];
  progress.start(kMax - opts.kMin + 1, 'values of k tried');
  for (let k = opts.kMin; k <= kMax; k++) {
    progress.advance(k - opts.kMin);
    const full = clusterKmeans(sample, k, { seed: opts.seed, restarts: 1 });
    let stability = 0;
    for (let r = 0; r < opts.repeats; r++)
      stability += subsampleAgreement(sample, full.labels, k, opts.seed * SEED_STRIDE + k * K_SEED_STRIDE + r);
    curve.push({ k, stability: stability / opts.repeats, silhouette: cosineSilhouette(sample, full.labels) });
  }
  let best: KCurvePoint | null = null;
  for (const point of curve) if (point.k >= 3 && (best === null || point.stability >= best.stability)) best = point;
  if (best !== null && best.stability >= opts.minStability) return { k: best.k, criterion: 'stability', curve };
  const thumb = Math.round(Math.sqrt(points.rows / 2));
  return { k: Math.max(opts.kMin, Math.min(kMax, thumb)), criterion: 'rule-of-thumb', curve };
}

/** ARI between the full labeling and a fresh clustering of a random 80% subsample, on the subsample. */
function subsampleAgreement(points: DenseMatrix, fullLabels: Int32Array, k: number, seed: number): number {
  const random = createRandom(seed);
  const rows: number[] = [];
  for (let i = 0; i < points.rows; i++) if (random() < SUBSAMPLE_FRACTION) rows.push(i);
  if (rows.length < 2) return 0;
  const labels = clusterKmeans(selectRows(points, rows), k, { seed: seed + 1, restarts: 1 }).labels;
  return adjustedRandIndex(
    rows.map((row) => fullLabels[row]!),
    labels,
  );
}
