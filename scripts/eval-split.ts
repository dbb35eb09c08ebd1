/** Measures the compact-listing title/abstract split on lines generated from a labelled JSONL corpus. */
import { readFileSync } from 'node:fs';
import { splitTitleAbstract } from '../src/ingest/split-title.js';

const file = process.argv[2] ?? '../shared/eval/arxiv-dev.jsonl';
const records = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { title: string; abstract: string });
let exact = 0;
const misses: string[] = [];
for (const r of records) {
  const title = r.title.replace(/\s+/g, ' ').trim();
  const abstract = r.abstract.replace(/\s+/g, ' ').trim();
  const split = splitTitleAbstract(`${title} ${abstract}`);
  if (split?.title === title) exact++;
  else if (misses.length < Number(process.env.SHOW ?? 0))
    misses.push(`${title}\n   got: ${split?.title}\n   abs: ${abstract.slice(0, 80)}`);
}
console.log(`title/abstract split: ${exact}/${records.length} exact (${((100 * exact) / records.length).toFixed(1)}%)`);
for (const m of misses) console.log(m);
