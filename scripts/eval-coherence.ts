/**
 * `node --import tsx scripts/eval-coherence.ts INPUT [--k N[,N…]] [--sample N] [--seed N] [--terms]`:
 * how readable topics' top 10 terms are (NPMI coherence by document co-occurrence and topic
 * diversity, as the BERTopic paper measures them), ours beside scikit-learn NMF and LDA at the
 * same k on the same texts.
 *
 * INPUT is a folder of dumps (e.g. seeds/), a dump, or JSON Lines with title and abstract (gzipped
 * when it ends in .gz); --sample N takes a seeded random N of its papers. Without INPUT: the
 * standard table (`coherenceSuite`: seeds, dev corpus, 20,000 pool papers, each at its auto k).
 *
 * Every method's terms are scored against the same documents: the papers' lower-cased text, a
 * term present where it is written (a phrase where its words are adjacent). Ours is also scored by
 * the tokeniser's own terms (a stem class: `model` or `models`), the way the pipeline counts them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { scoreTopics, surfaceDocuments, termDocuments, type CoherenceScores } from '../src/eval/coherence.js';
import { buildCorpus } from '../src/ingest/build-corpus.js';
import { parseDump } from '../src/ingest/parse-dump.js';
import { tokenizeCorpus } from '../src/text/tokenize.js';
import type { Paper } from '../src/types.js';
import { fitTopics, paperText, TOPIC_DEFAULTS } from '../pipeline/stages/topics.js';
import { barePaper } from './run-quality.js';
import { chooseK } from '../src/cluster/choose-k.js';
import { createRandom } from '../src/numeric/random.js';
import { sampleIndices } from '../src/numeric/sample.js';

const TOP = 10;

/** Papers of a folder of dumps, a dump, or JSON Lines (optionally gzipped). */
export function loadPapers(input: string): Paper[] {
  if (/\.jsonl(\.gz)?$/.test(input)) {
    const bytes = readFileSync(input);
    const text = (input.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l, i) => {
        const r = JSON.parse(l) as { title: string; abstract: string };
        return barePaper(r.title, r.abstract, i);
      });
  }
  const files = statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((f) => !f.startsWith('.'))
        .sort()
        .map((f) => join(input, f))
    : [input];
  const dumps = files.map((f) => parseDump(f, readFileSync(f)).dump);
  return buildCorpus(dumps, { year: null }).corpus.papers.map((p, i) => barePaper(p.title, p.abstract, i));
}

/** A seeded sample of `count` items, in their original order (Fisher–Yates on a mulberry32 stream). */
export function samplePapers<T>(items: readonly T[], count: number, seed: number): T[] {
  return Array.from(sampleIndices(items.length, count, createRandom(seed)), (i) => items[i]!);
}

export interface CoherenceRow {
  readonly method: string;
  readonly scores: CoherenceScores;
  readonly seconds: number;
  readonly topics: readonly (readonly string[])[];
  readonly labels?: readonly string[];
}

/** Ours, NMF and LDA at `k` on `papers`, each scored on the same documents. */
function measureCoherence(papers: readonly Paper[], k: number, seed: number): CoherenceRow[] {
  const texts = papers.map(paperText);
  const started = performance.now();
  const fitted = fitTopics(papers, { ...TOPIC_DEFAULTS, k, seed }, `coherence-${seed}-${k}`, [])!;
  const seconds = (performance.now() - started) / 1000;
  const ourTopics = fitted.topics.map((t) => t.terms.slice(0, TOP).map((x) => x.term));
  const ourKeys = fitted.topics.map((t) => t.termKeys.slice(0, TOP));

  const reference = JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [
        new URL('./sklearn_reference.py', import.meta.url).pathname,
        JSON.stringify({ mode: 'topics', k, seed, count: TOP }),
      ],
      {
        input: texts.map((text) => JSON.stringify({ text })).join('\n'),
        maxBuffer: 1 << 28,
      },
    ).toString(),
  ) as Record<'nmf' | 'lda', { topics: string[][]; seconds: number }>;

  const written = surfaceDocuments(texts, [...ourTopics, ...reference.nmf.topics, ...reference.lda.topics].flat());
  const corpus = tokenizeCorpus(texts, TOPIC_DEFAULTS.tokenize);
  const idOf = new Map(corpus.terms.map((t, i) => [t, i]));
  const byId = termDocuments(corpus.offsets, corpus.tokenIds, [
    ...new Set(ourKeys.flat().map((key) => idOf.get(key)!)),
  ]);
  const docsOfKey = new Map(ourKeys.flat().map((key) => [key.toLowerCase(), byId.get(idOf.get(key)!)!]));
  const n = texts.length;
  return [
    {
      method: 'topic-atlas (written words)',
      scores: scoreTopics(ourTopics, written, n),
      seconds,
      topics: ourTopics,
      labels: fitted.topics.map((t) => t.label),
    },
    { method: 'topic-atlas (tokeniser terms)', scores: scoreTopics(ourKeys, docsOfKey, n), seconds, topics: ourTopics },
    {
      method: 'scikit-learn NMF (TF-IDF)',
      scores: scoreTopics(reference.nmf.topics, written, n),
      seconds: reference.nmf.seconds,
      topics: reference.nmf.topics,
    },
    {
      method: 'scikit-learn LDA (counts)',
      scores: scoreTopics(reference.lda.topics, written, n),
      seconds: reference.lda.seconds,
      topics: reference.lda.topics,
    },
  ];
}

/** The table `measureCoherence` returns, as printed lines. */
function formatCoherence(title: string, rows: readonly CoherenceRow[], showTerms: boolean): string[] {
  const lines = [
    title,
    `${'method'.padEnd(32)}${'NPMI'.padStart(9)}${'diversity'.padStart(11)}${'seconds'.padStart(9)}`,
  ];
  for (const r of rows)
    lines.push(
      `${r.method.padEnd(32)}${r.scores.npmi.toFixed(4).padStart(9)}${r.scores.diversity.toFixed(3).padStart(11)}${r.seconds.toFixed(1).padStart(9)}`,
    );
  if (showTerms) {
    for (const r of rows.filter((_, i) => i !== 1)) {
      lines.push(`  ${r.method}:`);
      r.topics.forEach((t, i) =>
        lines.push(
          `    ${String(i).padStart(2)} ${r.scores.perTopic[i]!.toFixed(3).padStart(7)}  ${r.labels ? `[${r.labels[i]}] ` : ''}${t.join(', ')}`,
        ),
      );
    }
  }
  return lines;
}

/**
 * The standard coherence table: the seeds, the dev corpus and a seeded 20,000-paper sample of the
 * pool, each at the k that `--k auto` gives it (what a user sees).
 */
export function coherenceSuite(): void {
  const corpora: [string, number | null][] = [
    ['seeds', null],
    ['../shared/eval/arxiv-dev.jsonl', null],
    ['../shared/eval/arxiv-pool.jsonl.gz', 20_000],
  ];
  for (const [input, sample] of corpora) {
    const all = loadPapers(input);
    const papers = sample ? samplePapers(all, sample, 1) : all;
    const k = chooseK(papers.length).k;
    const rows = measureCoherence(papers, k, 1);
    console.log(
      formatCoherence(`${input}: ${papers.length} papers, k = ${k} (auto), seed 1; top ${TOP} terms`, rows, false).join(
        '\n',
      ) + '\n',
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args.splice(at, 2)[1];
  };
  const ks = (option('--k') ?? '10').split(',').map(Number);
  const sample = option('--sample');
  const seed = Number(option('--seed') ?? '1');
  const showTerms = args.includes('--terms');
  const input = args.find((a) => !a.startsWith('--'));
  if (input === undefined && args.length === 0) return coherenceSuite();
  if (!input || ks.some((k) => !Number.isInteger(k) || k < 2)) {
    console.error(
      'usage: node --import tsx scripts/eval-coherence.ts INPUT [--k N[,N…]] [--sample N] [--seed N] [--terms]',
    );
    process.exit(2);
  }
  const all = loadPapers(input);
  const papers = sample ? samplePapers(all, Number(sample), seed) : all;
  for (const k of ks) {
    const rows = measureCoherence(papers, k, seed);
    console.log(
      formatCoherence(
        `${input}: ${papers.length} papers, k = ${k}, seed ${seed}; top ${TOP} terms`,
        rows,
        showTerms,
      ).join('\n') + '\n',
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
