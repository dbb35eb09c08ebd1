/** Synthetic report data at any size: seeded words, abstracts of ~1,000 characters, dated papers. */
import { buildCharts } from '../../src/charts/index.js';
import { renderHtmlReport, type InlineLibraries } from '../../src/report/html.js';
import { topicColor, topicName, type ReportData, type ReportPaper } from '../../src/report/report-data.js';

const WORDS = (
  'model learning language vision robot graph reward policy diffusion image video audio speech token attention ' +
  'transformer sparse dense retrieval agent reasoning benchmark dataset training inference memory quantization ' +
  'pruning alignment safety privacy federated contrastive embedding cluster topic search ranking code math proof'
).split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `n` papers in `k` topics; every paper has a title of 8 words and an abstract of ~1,000 characters. */
export function syntheticReportData(n: number, k = 12): ReportData {
  const next = rng(n);
  const pick = (): string => WORDS[Math.floor(next() * WORDS.length)]!;
  const sentence = (words: number): string => Array.from({ length: words }, pick).join(' ');
  const papers: ReportPaper[] = Array.from({ length: n }, (_, i) => {
    const topic = i % k;
    const day = 1 + (i % 28);
    return {
      id: ((i * 2654435761) >>> 0).toString(16).padStart(12, '0').slice(0, 12),
      title: `${pick()[0]!.toUpperCase()}${sentence(8).slice(1)} ${i}`,
      topic,
      x: topic + next(),
      y: next() * 3,
      date: i % 3 === 0 ? `2025-0${1 + (i % 9)}-${String(day).padStart(2, '0')}` : null,
      listed: `2025-0${1 + (i % 9)}-${String(day).padStart(2, '0')}`,
      upvotes: i % 5 === 0 ? i % 40 : null,
      authors: 1 + (i % 9),
      abstract: `${sentence(140)}.`,
      similarity: 0.5,
    };
  });
  const topics = Array.from({ length: k }, (_, id) => ({
    id,
    label: `${WORDS[id]!}, ${WORDS[id + 1]!}`,
    name: topicName(id, `${WORDS[id]!}, ${WORDS[id + 1]!}`),
    color: topicColor(id),
    size: papers.filter((p) => p.topic === id).length,
    cohesion: 0.4,
    terms: [WORDS[id]!, WORDS[id + 1]!].map((term) => ({ term, weight: 0.5 })),
    representatives: papers
      .filter((p) => p.topic === id)
      .slice(0, 3)
      .map((p) => p.id),
    centroid: { x: id + 0.5, y: 1.5 },
    nearest: [{ id: (id + 1) % k, similarity: 0.3 }],
  }));
  return {
    toolVersion: '0',
    inputs: [{ path: 'synthetic.jsonl', format: 'jsonl', papers: n, duplicates: 0, skipped: 0 }],
    rawPapers: n,
    duplicatesMerged: 0,
    skipped: 0,
    diagnostics: [],
    options: {},
    topics,
    papers,
    explainedVariance: [0.1, 0.05],
    kChoice: { k, criterion: 'fixed', groups: 1, curve: [] },
    changes: null,
    topicSimilarity: {
      ids: topics.map((t) => t.id),
      matrix: topics.map((a) => topics.map((b) => (a.id === b.id ? 1 : 0.2 + 0.01 * ((a.id + b.id) % 10)))),
    },
    listedFrom: { own: Math.ceil(n / 3), page: n - Math.ceil(n / 3), none: 0 },
    // Four broad groups, topics dealt round them (0, 4, 8 in the first), as the topic tree's coarse level.
    topicGroups: Array.from({ length: Math.min(4, k) }, (_, g) => ({
      id: `g${g}-${Math.ceil((k - g) / 4)}`,
      label: `${WORDS[20 + g]!}, ${WORDS[24 + g]!}`,
      topics: topics.filter((t) => t.id % 4 === g).map((t) => t.id),
    })),
  };
}

/**
 * The same papers with no grouping: every topic a broad group of its own, as the topic tree's
 * coarse level is when no cut of it is stable (`coarse` = the topic ids).
 */
export function flatReportData(n: number, k = 5): ReportData {
  const data = syntheticReportData(n, k);
  return {
    ...data,
    kChoice: { ...data.kChoice, groups: k, curve: [2, 3, 4].map((groups) => ({ groups, stability: 0.4 / groups })) },
    topicGroups: data.topics.map((t) => ({ id: String(t.id), label: t.label, topics: [t.id] })),
  };
}

/** report.html for synthetic data, with the charts and the given libraries. */
export function syntheticReportHtml(n: number, libraries: InlineLibraries): string {
  const data = syntheticReportData(n);
  return renderHtmlReport(data, buildCharts(data), libraries);
}
