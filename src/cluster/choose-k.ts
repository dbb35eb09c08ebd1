/**
 * Choosing k, at two levels.
 *
 * Fine topics are sized for reading: k = round(sqrt(n / 8)), so a topic holds about sqrt(8n)
 * papers (5 topics of ~40 papers for 200 papers, 16 of ~125 for 2,000, 50 of ~400 for 20,000),
 * within [3, kMax], at most one topic per 5 papers, and at least 2. Stability cannot size them:
 * measured on the dev corpus and daily listings, the most stable flat k is 3 or 4 whatever the
 * corpus size, too coarse to read at 1,000+ papers.
 *
 * Broad groups (the coarse cut of the topic tree) are chosen by stability, the idea that used to
 * choose k: cluster a random 80% of the papers again with another seed, build its tree, cut both
 * trees into c groups, and compare the two groupings on the subsample (adjusted Rand index). The
 * c in [2, MAX_COARSE] (from 3 above MAX_COARSE topics) whose groups come back best is the
 * coarse level (ties to the larger c), unless none reaches MIN_STABILITY.
 */
import { selectRows, type DenseMatrix } from '../numeric/dense.js';
import { adjustedRandIndex } from '../eval/metrics.js';
import { createRandom } from '../numeric/random.js';
import { sampleIndices } from '../numeric/sample.js';
import { clusterNested } from './nested-kmeans.js';
import { runningHere, type TaskRunner } from './tasks.js';
import { treeCuts, MAX_COARSE } from './topic-tree.js';

export interface ChooseKOptions {
  readonly kMax: number;
  /** Subsample re-clusterings that judge each cut. */
  readonly repeats: number;
  /** At most this many papers take part (a seeded sample), so the choice stays cheap at scale. */
  readonly sampleSize: number;
  readonly seed: number;
}

export const CHOOSE_K_DEFAULTS: ChooseKOptions = { kMax: 50, repeats: 3, sampleSize: 2000, seed: 1 };

/** n / PAPERS_SCALE topics squared: see the rule above. */
const PAPERS_SCALE = 8;
const MIN_K = 3;
/** A topic of fewer papers than this is noise, whatever the rule says. */
const MIN_TOPIC_PAPERS = 5;
/**
 * Below this stability no cut is trusted: up to MAX_COARSE topics then stand alone (the one-theme
 * seeds reach 0.13); more than that still get the most stable cut, as an overview is needed.
 */
const MIN_STABILITY = 0.5;
/** Each subsample keeps a paper with this probability: large enough to hold every topic, small enough to perturb. */
const SUBSAMPLE_FRACTION = 0.8;
/** Subsample r draws from seed `seed · SEED_STRIDE + r`, apart from the streams k-means uses. */
const SEED_STRIDE = 1000;

export interface KChoice {
  readonly k: number;
  readonly criterion: 'reading-size';
}

/** The number of fine topics for `papers` papers (see the rule above). */
export function chooseK(papers: number, kMax: number = CHOOSE_K_DEFAULTS.kMax): KChoice {
  const rule = Math.max(MIN_K, Math.round(Math.sqrt(papers / PAPERS_SCALE)));
  const k = Math.max(2, Math.min(kMax, Math.floor(papers / MIN_TOPIC_PAPERS), rule));
  return { k, criterion: 'reading-size' };
}

export interface CoarsePoint {
  readonly groups: number;
  readonly stability: number;
}

export interface CoarseChoice {
  /** Broad groups at the coarse level; k itself when k < 3 or no cut is stable (nothing to group). */
  readonly groups: number;
  readonly curve: readonly CoarsePoint[];
}

/**
 * The refits that judge the cuts, as a job a second thread can share (see tasks.ts): repeat r
 * clusters its own seeded 80% of `sample` again, whichever thread runs it.
 */
export interface RefitJob {
  readonly sample: DenseMatrix;
  readonly k: number;
  readonly seed: number;
}

/**
 * A repeat's subsample (rows of the sample), its refit and the cuts of the refit's tree (see
 * `treeCuts`), computed where the subsample is; null when too few rows were drawn.
 */
export type Refit = {
  readonly rows: number[];
  readonly k: number;
  readonly labels: Int32Array;
  readonly cuts: Int32Array[];
} | null;

export function runRefit({ sample, k, seed }: RefitJob, r: number): Refit {
  const random = createRandom(seed * SEED_STRIDE + r);
  const rows: number[] = [];
  for (let i = 0; i < sample.rows; i++) if (random() < SUBSAMPLE_FRACTION) rows.push(i);
  // Too few rows to cluster again: this repeat finds nothing stable (ARI would be 0/0).
  if (rows.length < Math.max(2, k)) return null;
  const subsample = selectRows(sample, rows);
  const refit = clusterNested(subsample, k, { seed: seed * SEED_STRIDE + r + 1, restarts: 1 });
  return { rows, k: refit.k, labels: refit.labels, cuts: treeCuts(subsample, refit.labels, refit.k) };
}

/** Every refit on this thread, in order. */
export const REFITS_HERE: TaskRunner<RefitJob, Refit> = runningHere(runRefit);

/**
 * The coarse level of the tree over the topics `labels` (0..k-1) of `points` (unit rows).
 * `refits` runs the repeats (on a second thread too, with the kernel pool).
 * @param labels topic of each row
 */
export function chooseCoarseGroups(
  points: DenseMatrix,
  labels: Int32Array,
  k: number,
  options: Partial<ChooseKOptions> = {},
  refits: TaskRunner<RefitJob, Refit> = REFITS_HERE,
): CoarseChoice {
  const opts = { ...CHOOSE_K_DEFAULTS, ...options };
  const most = Math.min(MAX_COARSE, k - 1);
  if (most < 2) return { groups: k, curve: [] };
  const picked = sampleIndices(points.rows, opts.sampleSize, createRandom(opts.seed));
  const sample = selectRows(points, picked);
  const sampleLabels = Int32Array.from(picked, (i) => labels[i]!);
  const fullCuts = treeCuts(points, labels, k);
  const totals = new Float64Array(most + 1);
  for (const refit of refits({ sample, k, seed: opts.seed }, opts.repeats)) {
    if (refit === null) continue;
    for (let groups = 2; groups <= most; groups++) {
      const fullGroup = fullCuts[groups]!;
      const refitGroup = refit.cuts[Math.min(groups, refit.k)]!;
      totals[groups]! += adjustedRandIndex(
        refit.rows.map((row) => fullGroup[sampleLabels[row]!]!),
        refit.rows.map((_, at) => refitGroup[refit.labels[at]!]!),
      );
    }
  }
  const curve: CoarsePoint[] = [];
  for (let groups = 2; groups <= most; groups++) curve.push({ groups, stability: totals[groups]! / opts.repeats });
  // Two halves of more than MAX_COARSE topics say little, and a two-way split is always the
  // easiest to reproduce (20,000 pool papers, 50 topics: 0.64 at 2, 0.61 at 3): above MAX_COARSE
  // topics the choice starts at 3, as the old choice of k did.
  const fewest = k > MAX_COARSE ? 3 : 2;
  const best = curve.filter((p) => p.groups >= fewest).reduce((a, b) => (b.stability >= a.stability - 1e-12 ? b : a));
  // No grouping comes back: a few topics stand alone rather than in groups that are chance.
  if (!(best.stability >= MIN_STABILITY) && k <= MAX_COARSE) return { groups: k, curve };
  return { groups: best.groups, curve };
}
