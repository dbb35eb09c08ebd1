/**
 * `npm run eval -- FILE [LABELS]`: topic quality against known labels, ours and scikit-learn's
 * side by side, on the same papers in the same run. `npm run eval` alone: the dev corpus, then the
 * coherence table (scripts/eval-coherence.ts) of the seeds, the dev corpus and 20,000 pool papers.
 *
 * FILE is JSON Lines with title, abstract and label (e.g. ../shared/eval/arxiv-dev.jsonl), or a
 * dump with a labels file holding one label per paper in dump order.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { scoreClustering, adjustedRandIndex, type ClusterScores } from '../src/eval/metrics.js';
import { cosineSilhouette } from '../src/cluster/silhouette.js';
import { treeCuts } from '../src/cluster/topic-tree.js';
import { parseDump } from '../src/ingest/parse-dump.js';
import type { Paper } from '../src/types.js';
import { fitTopics, paperText, TOPIC_DEFAULTS } from '../pipeline/stages/topics.js';
import { barePaper } from './run-quality.js';
import { coherenceSuite } from './eval-coherence.js';

const SEEDS = [1, 2, 3, 4, 5];
// Without arguments: the dev corpus, then the coherence table of the seeds, dev corpus and pool.
const DEV = '../shared/eval/arxiv-dev.jsonl';
const [file = DEV, labelsFile] = process.argv.slice(2);

function load(): { papers: Paper[]; labels: string[] } {
  if (labelsFile) {
    const { dump } = parseDump(file!, readFileSync(file!));
    const labels = readFileSync(labelsFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    if (labels.length !== dump.papers.length)
      throw new Error(`${dump.papers.length} papers but ${labels.length} labels`);
    return { papers: dump.papers.map((p, i) => barePaper(p.title, p.abstract, i)), labels };
  }
  const records = readFileSync(file!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; abstract: string; label: string });
  return { papers: records.map((r, i) => barePaper(r.title, r.abstract, i)), labels: records.map((r) => r.label) };
}

const { papers, labels } = load();
const k = new Set(labels).size;
console.log(`${papers.length} papers, ${k} labels; k = ${k}; seeds ${SEEDS.join(', ')}\n`);

type Row = ClusterScores & { silhouette: number; seconds: number };
const ours: Row[] = [];
const ourLabels: Int32Array[] = [];
for (const seed of SEEDS) {
  const started = performance.now();
  const fitted = fitTopics(papers, { ...TOPIC_DEFAULTS, k, seed }, `eval-${seed}`, [])!;
  const seconds = (performance.now() - started) / 1000;
  ourLabels.push(fitted.cluster.labels);
  ours.push({
    ...scoreClustering(labels, fitted.cluster.labels),
    silhouette: cosineSilhouette(fitted.points, fitted.cluster.labels),
    seconds,
  });
}

const input = papers.map((p, i) => JSON.stringify({ text: paperText(p), label: labels[i] })).join('\n');
const reference = JSON.parse(
  execFileSync(
    '/usr/bin/python3',
    [new URL('./sklearn_reference.py', import.meta.url).pathname, JSON.stringify({ mode: 'eval', k, seeds: SEEDS })],
    {
      input,
      maxBuffer: 1 << 28,
    },
  ).toString(),
) as { tfidf: Row[]; lsa: (Row & { labels: number[] })[] };

const mean = (rows: readonly Row[], key: keyof Row): number => rows.reduce((s, r) => s + r[key], 0) / rows.length;
const pairwise = (runs: readonly ArrayLike<number>[]): number => {
  const values: number[] = [];
  for (let a = 0; a < runs.length; a++)
    for (let b = a + 1; b < runs.length; b++) values.push(adjustedRandIndex(Array.from(runs[a]!), runs[b]!));
  return values.reduce((s, v) => s + v, 0) / values.length;
};
const keys: (keyof Row)[] = ['homogeneity', 'completeness', 'vMeasure', 'ari', 'silhouette', 'seconds'];
const fmt = (v: number): string => v.toFixed(4).padStart(12);
console.log(
  `${'method (mean of 5 seeds)'.padEnd(34)}${keys.map((k) => k.padStart(12)).join('')}${'stability'.padStart(12)}`,
);
console.log(
  `${'topic-atlas (LSA + k-means)'.padEnd(34)}${keys.map((key) => fmt(mean(ours, key))).join('')}${fmt(pairwise(ourLabels))}`,
);
console.log(
  `${'scikit-learn TF-IDF + KMeans'.padEnd(34)}${keys.map((key) => fmt(mean(reference.tfidf, key))).join('')}${''.padStart(12)}`,
);
console.log(
  `${'scikit-learn LSA(100) + KMeans'.padEnd(34)}${keys.map((key) => fmt(mean(reference.lsa, key))).join('')}${fmt(pairwise(reference.lsa.map((r) => r.labels)))}`,
);
console.log(
  `${'ratio ours / sklearn LSA'.padEnd(34)}${keys.map((key) => fmt(mean(ours, key) / mean(reference.lsa, key))).join('')}`,
);
console.log('\nper seed (ours / sklearn LSA), V-measure and ARI:');
SEEDS.forEach((seed, i) =>
  console.log(
    `  seed ${seed}: V ${ours[i]!.vMeasure.toFixed(4)} / ${reference.lsa[i]!.vMeasure.toFixed(4)}   ARI ${ours[i]!.ari.toFixed(4)} / ${reference.lsa[i]!.ari.toFixed(4)}`,
  ),
);

// k = auto: fine topics by the reading rule, and the tree over them cut into as many groups as
// there are labels, against flat k-means at that k (the mean above).
const autoV: number[] = [];
const autoAri: number[] = [];
const cutV: number[] = [];
const cutAri: number[] = [];
let autoK = 0;
const chosenGroups: number[] = [];
for (const seed of SEEDS) {
  const auto = fitTopics(papers, { ...TOPIC_DEFAULTS, seed }, `eval-auto-${seed}`, [])!;
  autoK = auto.cluster.k;
  chosenGroups.push(auto.cluster.coarse.groups);
  console.log(
    `seed ${seed}: cut stability ${auto.cluster.coarse.curve.map((p) => `${p.groups}: ${p.stability.toFixed(3)}`).join(', ')}`,
  );
  const fine = scoreClustering(labels, auto.cluster.labels);
  autoV.push(fine.vMeasure);
  autoAri.push(fine.ari);
  // Fewer auto topics than labels: no cut into k groups exists; the topics themselves are scored.
  const groupOf =
    treeCuts(auto.points, auto.cluster.labels, auto.cluster.k)[k] ??
    Int32Array.from({ length: auto.cluster.k }, (_, t) => t);
  const cut = scoreClustering(
    labels,
    auto.cluster.labels.map((t) => groupOf[t]!),
  );
  cutV.push(cut.vMeasure);
  cutAri.push(cut.ari);
}
const avg = (values: readonly number[]): string => (values.reduce((s, v) => s + v, 0) / values.length).toFixed(4);
console.log(`\nk = auto: ${autoK} fine topics (${papers.length} papers); mean of 5 seeds`);
console.log(`  fine topics:                 V-measure ${avg(autoV)}, ARI ${avg(autoAri)}`);
console.log(
  `  tree cut into ${k} groups:      V-measure ${avg(cutV)}, ARI ${avg(cutAri)}   (flat k = ${k}: V-measure ${mean(ours, 'vMeasure').toFixed(4)}, ARI ${mean(ours, 'ari').toFixed(4)})`,
);
console.log(`  broad groups chosen by stability, per seed: ${chosenGroups.join(', ')}`);

if (process.argv.length <= 2) {
  console.log(
    '\ncoherence of the top 10 terms (NPMI, diversity), ours beside scikit-learn NMF and LDA at the same k:\n',
  );
  coherenceSuite();
}
