/**
 * natural's TfIdf against topic-atlas's sparse kernel, on the same tokens: time, and whether the
 * weights are the ones the pipeline needs (scikit-learn's sublinear tf, smoothed idf, L2 rows).
 * Usage: node --import tsx scripts/compare-tfidf.ts [FILE.jsonl] (default: the dev corpus).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tokenizeCorpus } from '../src/text/tokenize.js';
import { buildTfidf } from '../src/vectorize/tfidf.js';

const require = createRequire(import.meta.url);
const { TfIdf } = require('natural/lib/natural/tfidf') as {
  TfIdf: new () => {
    addDocument(tokens: string[]): void;
    tfidf(term: string, doc: number): number;
    idf(term: string): number;
  };
};

const file = process.argv[2] ?? '../shared/eval/arxiv-dev.jsonl';
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => {
    const r = JSON.parse(l) as { title: string; abstract: string };
    return `${r.title}. ${r.abstract}`;
  });
const corpus = tokenizeCorpus(texts);
const docs = Array.from({ length: texts.length }, (_, d) =>
  Array.from(corpus.tokenIds.subarray(corpus.offsets[d]!, corpus.offsets[d + 1]!), (t) => corpus.terms[t]!),
);

let started = performance.now();
const ours = buildTfidf(corpus);
const oursMs = performance.now() - started;

started = performance.now();
const natural = new TfIdf();
for (const tokens of docs) natural.addDocument(tokens);
// The whole matrix: one weight per (document, distinct term), as clustering needs.
let cells = 0;
for (let d = 0; d < docs.length; d++) for (const term of new Set(docs[d])) if (natural.tfidf(term, d) > 0) cells++;
const naturalMs = performance.now() - started;

const term = ours.terms[Math.floor(ours.cols / 2)]!;
const df = docs.filter((tokens) => tokens.includes(term)).length;
console.log(
  `${texts.length} documents, ${ours.cols} kept terms, ${ours.data.length} non-zeros (natural: ${cells} weights, no pruning)`,
);
console.log(
  `our kernel: ${oursMs.toFixed(0)} ms; natural TfIdf: ${naturalMs.toFixed(0)} ms; ratio natural/ours ${(naturalMs / oursMs).toFixed(1)}`,
);
console.log(
  `idf of "${term}" (df ${df}): ours ${ours.idf[ours.terms.indexOf(term)]!.toFixed(4)} = ln((1+n)/(1+df))+1; natural ${natural.idf(term).toFixed(4)} = 1+ln(n/(1+df))`,
);
console.log(
  'natural has no sublinear tf, no min_df/max_df pruning and no row normalisation; it returns one weight per call.',
);
