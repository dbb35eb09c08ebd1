/**
 * `node --import tsx scripts/eval-titles.ts [--seed-titles FILE]`: how many papers of a page dump
 * are read with their exact title and abstract, on 5,000 real arXiv records that include every pool
 * title with sentence punctuation inside (`.`, `?`, `!`; the rest drawn at random, many with `:`).
 * The records are written as a plain page dump and as a page dump with metadata into a temp folder
 * and parsed with the project's parser. Also prints a digest of the titles read from seeds/ (and
 * writes them to FILE), so a change to the parser can be checked against the seeds.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createDumpParser } from '../src/ingest/parse-dump.js';
import { createRandom } from '../src/numeric/random.js';

const POOL = process.env.TOPIC_ATLAS_POOL ?? '../shared/eval/arxiv-pool.jsonl.gz';
const SIZE = 5000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HEADER = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
  'Mar 11',
];

interface PoolRecord {
  readonly title: string;
  readonly abstract: string;
  readonly authors?: number;
  readonly date?: string;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
const sentencePunctuation = (title: string): boolean => /[.?!]/.test(title);

function pick(pool: readonly PoolRecord[]): PoolRecord[] {
  const seen = new Set<string>();
  const unique = pool
    .map((r) => ({ ...r, title: flat(r.title), abstract: flat(r.abstract) }))
    .filter((r) => r.title !== '' && r.abstract !== '' && !seen.has(r.title) && seen.add(r.title));
  const punctuated = unique.filter((r) => sentencePunctuation(r.title));
  const rest = unique.filter((r) => !sentencePunctuation(r.title));
  const random = createRandom(11);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  // Interleave, so punctuated titles sit between ordinary papers as they would on a real page.
  const chosen = [...punctuated.slice(0, SIZE), ...rest.slice(0, Math.max(0, SIZE - punctuated.length))];
  return chosen.sort((a, b) => (a.abstract < b.abstract ? -1 : 1));
}

function metadata(r: PoolRecord, i: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(r.date ?? '');
  const date = m ? `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}` : 'Mar 16';
  return `  • ${r.authors ?? 3} authors\n·\n${date}${i % 3 === 0 ? ` ${i % 50}` : ''}`;
}

function pageDump(records: readonly PoolRecord[], withMetadata: boolean): string {
  const papers = records.map((r, i) => [r.title, r.abstract, ...(withMetadata ? [metadata(r, i)] : [])].join('\n\n'));
  return `${[...HEADER, ...papers].join('\n\n')}\n`;
}

function parseFile(path: string) {
  const parser = createDumpParser(path);
  parser.push(readFileSync(path));
  return parser.finish();
}

function score(path: string, records: readonly PoolRecord[]): void {
  const { dump, diagnostics } = parseFile(path);
  const expected = new Map(records.map((r) => [r.title, r.abstract]));
  const exact = dump.papers.filter((p) => expected.get(p.title) === p.abstract).length;
  const punctuated = records.filter((r) => sentencePunctuation(r.title));
  const got = new Set(dump.papers.filter((p) => expected.get(p.title) === p.abstract).map((p) => p.title));
  const punctuatedExact = punctuated.filter((r) => got.has(r.title)).length;
  console.log(
    `${dump.format}: ${exact}/${records.length} papers read exactly (titles with . ? !: ${punctuatedExact}/${punctuated.length}); ` +
      `${dump.papers.length} papers, ${dump.skipped.length} units skipped, ${diagnostics.length} diagnostics`,
  );
  const missed = records.filter((r) => !got.has(r.title)).slice(0, Number(process.env.SHOW ?? 0));
  for (const r of missed) console.log(`   missed: ${r.title}`);
}

function seedTitles(): string[] {
  const titles: string[] = [];
  for (const name of readdirSync('seeds').sort()) {
    for (const p of parseFile(join('seeds', name)).dump.papers) titles.push(`${name}:${p.place.line} ${p.title}`);
  }
  return titles;
}

const pool = gunzipSync(readFileSync(POOL))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as PoolRecord);
const records = pick(pool);
const dir = mkdtempSync(join(tmpdir(), 'eval-titles-'));
try {
  for (const withMetadata of [false, true]) {
    const path = join(dir, withMetadata ? 'with-metadata.txt' : 'plain.txt');
    writeFileSync(path, pageDump(records, withMetadata));
    score(path, records);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const titles = seedTitles();
const digest = createHash('sha256').update(titles.join('\n')).digest('hex').slice(0, 16);
console.log(`seeds/: ${titles.length} papers, title list sha256 ${digest}`);
const out = process.argv.indexOf('--seed-titles');
if (out !== -1 && process.argv[out + 1]) writeFileSync(process.argv[out + 1]!, `${titles.join('\n')}\n`);
