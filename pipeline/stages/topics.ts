/**
 * The topic stages, in order:
 *
 *   papers -> tokenise -> tfidf -> lsa -> (choose k) -> cluster -> describe -> project
 *
 * Each is a `src/` function wrapped as a Stage; cache keys chain, so a change anywhere upstream
 * changes every key below it.
 */
import {
  chooseCoarseGroups,
  chooseK,
  CHOOSE_K_DEFAULTS,
  type CoarseChoice,
  type KChoice,
} from '../../src/cluster/choose-k.js';
import {
  describeTopics,
  orderTopicsBySize,
  topicCentroids,
  type TopicSummary,
} from '../../src/cluster/describe-topics.js';
import { clusterKmeans, KMEANS_DEFAULTS } from '../../src/cluster/kmeans.js';
import { clusterNested } from '../../src/cluster/nested-kmeans.js';
import { guideStarts, matchGuides, type MatchedGuide, type TopicGuide } from '../../src/cluster/guided-topics.js';
import { messages } from '../../src/messages.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import {
  objective,
  updateTopics,
  UPDATE_DEFAULTS,
  type TopicEvent,
  type UpdateOptions,
} from '../../src/cluster/update-topics.js';
import { createRandom } from '../../src/numeric/random.js';
import { sampleIndices } from '../../src/numeric/sample.js';
import { normalizeRowsInPlace, selectRows, type DenseMatrix, type MatrixProducts } from '../../src/numeric/dense.js';
import type { TextScan } from '../../src/text/token-scanner.js';
import { SERIAL_KERNELS, type Kernels } from '../parallel/kernel-pool.js';
import { meanPositions, projectPca, type Projection } from '../../src/project/pca.js';
import {
  tokenizeCorpus,
  TOKENIZE_DEFAULTS,
  type TextSource,
  type TokenizedCorpus,
  type TokenizeOptions,
} from '../../src/text/tokenize.js';
import type { Paper } from '../../src/types.js';
import { fitLsa, LSA_DEFAULTS, type LsaModel } from '../../src/vectorize/lsa.js';
import {
  buildTfidf,
  denseRows,
  TFIDF_DEFAULTS,
  type TfidfMatrix,
  type TfidfOptions,
} from '../../src/vectorize/tfidf.js';
import type { ProgressReporter } from '../io/progress.js';
import { runStage, type KeyedResult, type Stage, type StageTiming } from './stage.js';

export interface TopicParams {
  /** A fixed number of topics, or 'auto' to choose it (see src/cluster/choose-k.ts). */
  readonly k: number | 'auto';
  readonly kMax: number;
  readonly seed: number;
  /** Cluster in the LSA space (default), or on the raw TF-IDF rows. */
  readonly representation: 'lsa' | 'tfidf';
  readonly restarts: number;
  readonly tokenize: TokenizeOptions;
  readonly tfidf: TfidfOptions;
  readonly lsaComponents: number;
  /** Seed words per topic (--seed-topics): where k-means starts some of its topics. */
  readonly guides: readonly TopicGuide[];
}

export const TOPIC_DEFAULTS: TopicParams = {
  k: 'auto',
  kMax: CHOOSE_K_DEFAULTS.kMax,
  seed: 1,
  representation: 'lsa',
  restarts: KMEANS_DEFAULTS.restarts,
  tokenize: TOKENIZE_DEFAULTS,
  tfidf: TFIDF_DEFAULTS,
  lsaComponents: LSA_DEFAULTS.components,
  guides: [],
};

/** The text a paper is clustered on: its title, then its abstract. */
export function paperText(paper: Pick<Paper, 'title' | 'abstract'>): string {
  return `${paper.title}. ${paper.abstract}`;
}

// Like lsaStage below, a function: it closes over the kernels (one thread, or the worker pool).
function tokenizeStage(scan: TextScan): Stage<TextSource, TokenizedCorpus, TokenizeOptions> {
  return {
    name: 'tokenize',
    version: 2,
    run: (texts, params, progress) => ({ value: tokenizeCorpus(texts, params, progress, scan), diagnostics: [] }),
  };
}

const tfidfStage: Stage<TokenizedCorpus, TfidfMatrix, TfidfOptions> = {
  name: 'tfidf',
  version: 1,
  run: (corpus, params, progress) => ({ value: buildTfidf(corpus, params, progress), diagnostics: [] }),
};

function lsaStage(products: MatrixProducts): Stage<TfidfMatrix, LsaModel, { components: number; seed: number }> {
  return {
    name: 'lsa',
    version: LSA_STAGE_VERSION,
    run: (matrix, params, progress) => ({ value: fitLsa(matrix, params, progress, products), diagnostics: [] }),
  };
}
const LSA_STAGE_VERSION = 6;

export interface ClusterResult {
  readonly choice: KChoice | null;
  readonly k: number;
  /** The coarse level of the topic tree: how many broad groups, chosen by stability. */
  readonly coarse: CoarseChoice;
  /** Topic of each paper; topic 0 is the largest. */
  readonly labels: Int32Array;
  readonly inertia: number;
  /** Per topic: the last run's topic id it continues, or null for one born now; null for a refit. */
  readonly continues: readonly (number | null)[] | null;
  /** Births and ends of an update, with their reasons. */
  readonly events: readonly TopicEvent[];
  /**
   * An update's objective (sum of 1 - cosine to the topic centres) over a fresh k-means fit's at
   * the same k, on at most FRESH_CHECK_ROWS papers: how far the living topics drifted from the
   * best partition of today's corpus. Null for a refit.
   */
  readonly freshRatio: number | null;
}

/** Where k-means restarts and stability refits run: here, or shared with the kernel worker. */
type ClusterThreads = Pick<Kernels, 'restarts' | 'refits'>;

const clusterStage: Stage<
  {
    points: DenseMatrix;
    tfidf: TfidfMatrix;
    threads: ClusterThreads;
    /** `params.guides` matched to the vocabulary (matchGuides), once for the stage and the run. */
    guides: ReturnType<typeof matchGuides>;
  },
  ClusterResult,
  // `guides` and `stem` shape the matched guides the input brings, so they stay in the cache key
  // although `run` reads the match instead of them.
  Pick<TopicParams, 'k' | 'kMax' | 'seed' | 'restarts' | 'representation' | 'guides'> & { stem: boolean }
> = {
  name: 'cluster',
  version: 2,
  run({ points, tfidf, threads, guides: { matched, unmatched } }, params, progress) {
    const choice = params.k === 'auto' ? chooseK(points.rows, params.kMax) : null;
    const k = choice?.k ?? (params.k as number);
    // At most one start per topic: the guides beyond k guide nothing (said, not hidden).
    const guides = matched.slice(0, k);
    const kmeans = { seed: params.seed, restarts: params.restarts };
    // Guided topics start flat k-means from their papers; nesting in areas would move them. With
    // every centre given, restarts would repeat one another.
    const clustering =
      guides.length > 0
        ? clusterKmeans(
            points,
            k,
            {
              ...kmeans,
              initialCentres: guideStarts(guides, tfidf, points),
              restarts: guides.length >= k ? 1 : kmeans.restarts,
            },
            progress,
            threads.restarts,
          )
        : clusterNested(points, k, kmeans, progress, threads.restarts);
    const topicOf = orderTopicsBySize(clustering.labels, clustering.k);
    const labels = clustering.labels.map((c) => topicOf[c]!);
    const diagnostics = [
      ...unmatched.map((g) => messages.guideUnmatched(g.name, g.terms)),
      ...(matched.length > k
        ? [
            messages.guidesOverK(
              k,
              matched.slice(k).map((g) => g.name),
            ),
          ]
        : []),
    ];
    const value = {
      choice,
      k: clustering.k,
      coarse: chooseCoarseGroups(points, labels, clustering.k, { seed: params.seed }, threads.refits),
      labels,
      inertia: clustering.inertia,
      continues: null,
      events: [],
      freshRatio: null,
    };
    return { value, diagnostics };
  },
};

/** Papers the update is compared with a fresh fit on: enough to judge, cheap at any corpus size. */
const FRESH_CHECK_ROWS = 5000;

/** The rerun's cluster stage: the last run's topics updated (see src/cluster/update-topics.ts). */
const updateStage: Stage<
  { points: DenseMatrix; previousTopic: Int32Array; previousIds: readonly number[]; threads: ClusterThreads },
  ClusterResult,
  { seed: number; update: UpdateOptions }
> = {
  name: 'update',
  version: 2,
  run({ points, previousTopic, previousIds, threads }, params) {
    const update = updateTopics(points, previousTopic, previousIds, { ...params.update, seed: params.seed });
    const topicOf = orderTopicsBySize(update.labels, update.k);
    const labels = update.labels.map((c) => topicOf[c]!);
    const continues = new Array<number | null>(update.k);
    update.continues.forEach((id, c) => (continues[topicOf[c]!] = id));
    const events = update.events.map((e) =>
      e.kind === 'birth' || e.kind === 'split' ? { ...e, cluster: topicOf[e.cluster]! } : e,
    );
    const picked =
      points.rows > FRESH_CHECK_ROWS ? sampleIndices(points.rows, FRESH_CHECK_ROWS, createRandom(params.seed)) : null;
    const sample = picked ? selectRows(points, picked) : points;
    const sampleLabels = picked ? Int32Array.from(picked, (i) => labels[i]!) : labels;
    // On all the papers this is the update's own objective (the same rows, centres and order).
    const ours = picked
      ? objective(sample, sampleLabels, topicCentroids(sample, sampleLabels, update.k))
      : update.objective;
    const fresh = clusterKmeans(sample, update.k, { seed: params.seed, restarts: 3 }, undefined, threads.restarts);
    const best = objective(sample, fresh.labels, topicCentroids(sample, fresh.labels, fresh.k));
    const value = {
      choice: null,
      k: update.k,
      coarse: chooseCoarseGroups(points, labels, update.k, { seed: params.seed }, threads.refits),
      labels,
      inertia: 2 * update.objective,
      continues,
      events,
      freshRatio: best > 0 ? Math.round((ours / best) * 1e4) / 1e4 : 1,
    };
    return { value, diagnostics: [] };
  },
};

const describeStage: Stage<
  { tfidf: TfidfMatrix; points: DenseMatrix; labels: Int32Array; k: number },
  { topics: TopicSummary[]; centroids: DenseMatrix },
  Record<string, never>
> = {
  name: 'describe',
  version: 2,
  run: ({ tfidf, points, labels, k }) => {
    const centroids = topicCentroids(points, labels, k);
    return { value: { topics: describeTopics(tfidf, points, labels, k, {}, centroids), centroids }, diagnostics: [] };
  },
};

// The map is always drawn from the LSA space: PCA of the raw term space is neither cheap nor clearer.
const projectStage: Stage<
  { lsaPoints: DenseMatrix; labels: Int32Array; k: number; products: MatrixProducts },
  { projection: Projection; centroidPositions: Float64Array },
  Record<string, never>
> = {
  name: 'project',
  version: 1,
  run({ lsaPoints, labels, k, products }) {
    const projection = projectPca(lsaPoints, products);
    return {
      value: { projection, centroidPositions: meanPositions(projection.coordinates, labels, k) },
      diagnostics: [],
    };
  },
};

/**
 * Every topic stage in order, built on one thread (SERIAL_KERNELS): what the fingerprint lists and
 * the conformance test (test/pipeline/stage-conformance.test.ts) runs.
 */
export const TOPIC_STAGES = [
  tokenizeStage(SERIAL_KERNELS.scanTexts),
  tfidfStage,
  lsaStage(SERIAL_KERNELS),
  clusterStage,
  updateStage,
  describeStage,
  projectStage,
] as const;

/** Name -> version of every topic stage: part of a run's fingerprint, so a bumped stage reruns. */
export const TOPIC_STAGE_VERSIONS: Readonly<Record<string, number>> = Object.fromEntries(
  TOPIC_STAGES.map((s) => [s.name, s.version]),
);

export interface FittedTopics {
  /**
   * The TF-IDF vocabulary (column order). The matrix itself is not kept: at 200,000 papers it is
   * 350 MB that the output files never need.
   */
  readonly vocabulary: Pick<TfidfMatrix, 'terms' | 'labels' | 'idf'>;
  /** The LSA map without the documents' embedding (the unit-length `points` replace it). */
  readonly lsa: Omit<LsaModel, 'embedding'>;
  /** The unit-length rows clustering ran on. */
  readonly points: DenseMatrix;
  readonly cluster: ClusterResult;
  readonly topics: readonly TopicSummary[];
  /** k × dims unit-length centroids of `points`. */
  readonly centroids: DenseMatrix;
  readonly projection: Projection;
  /** k × 2: where each topic sits on the map (the mean position of its papers). */
  readonly centroidPositions: Float64Array;
  /** What the stages found worth saying (a seed topic that guides nothing). */
  readonly diagnostics: readonly Diagnostic[];
  /** The seed topics (--seed-topics) whose words are terms here, for naming the topics. */
  readonly guides: readonly MatchedGuide[];
}

/**
 * Runs the topic stages on the corpus (papers in id order); null when no term is frequent enough
 * to tell papers apart (a handful of papers, or near-copies), so there are no topics to fit.
 */
export function fitTopics(
  papers: readonly Paper[],
  params: TopicParams,
  inputHash: string,
  timings: StageTiming[],
  reporter?: ProgressReporter,
  kernels: Kernels = SERIAL_KERNELS,
  previous: { readonly topic: Int32Array; readonly ids: readonly number[] } | null = null,
): FittedTopics | null {
  // Each stage's key is the next stage's input hash, so a change upstream changes every key below.
  const tfidf = vectorize(papers, params, inputHash, timings, kernels.scanTexts, reporter);
  kernels.releaseMemory(); // the token stream
  if (tfidf.value.cols === 0) return null;
  const lsa = runStage(
    lsaStage(kernels),
    tfidf.value,
    { components: params.lsaComponents, seed: params.seed },
    tfidf.key,
    timings,
    reporter,
  );

  kernels.releaseMemory(); // the LSA fit's blocks
  // The raw embedding is not kept: normalising in place saves a copy the size of the corpus.
  const lsaPoints = normalizeRowsInPlace(lsa.value.embedding);
  const points = params.representation === 'lsa' ? lsaPoints : denseRows(tfidf.value);
  const clusterParams = {
    k: params.k,
    kMax: params.kMax,
    seed: params.seed,
    restarts: params.restarts,
    representation: params.representation,
    guides: params.guides,
    stem: params.tokenize.stem,
  };
  const guides = matchGuides(params.guides, tfidf.value.terms, params.tokenize.stem);
  // A rerun updates the last run's topics (each paper's topic id then, -1 if new; every id then).
  const clustered = previous
    ? runStage(
        updateStage,
        { points, previousTopic: previous.topic, previousIds: previous.ids, threads: kernels },
        { seed: params.seed, update: UPDATE_DEFAULTS },
        lsa.key,
        timings,
        reporter,
      )
    : runStage(
        clusterStage,
        { points, tfidf: tfidf.value, threads: kernels, guides },
        clusterParams,
        lsa.key,
        timings,
        reporter,
      );
  const cluster = clustered.value;

  const described = runStage(
    describeStage,
    { tfidf: tfidf.value, points, labels: cluster.labels, k: cluster.k },
    {},
    clustered.key,
    timings,
  ).value;
  const { topics, centroids } = described;
  const { projection, centroidPositions } = runStage(
    projectStage,
    { lsaPoints, labels: cluster.labels, k: cluster.k, products: kernels },
    {},
    clustered.key,
    timings,
  ).value;
  const { termMap, rowOf, singularValues, fittedRows } = lsa.value;
  return {
    vocabulary: { terms: tfidf.value.terms, labels: tfidf.value.labels, idf: tfidf.value.idf },
    lsa: { termMap, rowOf, singularValues, fittedRows },
    points,
    cluster,
    topics,
    centroids,
    projection,
    centroidPositions,
    diagnostics: clustered.diagnostics,
    guides: guides.matched,
  };
}

/** Tokens, then TF-IDF; the token stream is garbage once this returns. */
function vectorize(
  papers: readonly Paper[],
  params: TopicParams,
  inputHash: string,
  timings: StageTiming[],
  scan: TextScan,
  reporter?: ProgressReporter,
): KeyedResult<TfidfMatrix> {
  const texts: TextSource = { length: papers.length, text: (i) => paperText(papers[i]!) };
  const tokenized = runStage(tokenizeStage(scan), texts, params.tokenize, inputHash, timings, reporter);
  return runStage(tfidfStage, tokenized.value, params.tfidf, tokenized.key, timings, reporter);
}
