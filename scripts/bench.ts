/**
 * `npm run bench [-- CASE ...]`: speed and memory, as ratios against a reference measured in the
 * same run. Reads ../shared/eval/arxiv-pool.jsonl.gz; writes its corpora under .bench/.
 *
 * Cases:
 *   rerun  cold run, no-change rerun, one-new-dump rerun on ~5,000 papers; ratios of the cold run
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const POOL = process.env.TOPIC_ATLAS_POOL ?? '../shared/eval/arxiv-pool.jsonl.gz';
const WORK = '.bench';
const BIN = join(import.meta.dirname, '..', 'bin', 'topic-atlas.js');

interface PoolRecord {
  readonly title: string;
  readonly abstract: string;
  readonly label: string;
  readonly authors?: number;
  readonly date?: string;
}

function loadPool(): PoolRecord[] {
  return gunzipSync(readFileSync(POOL))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PoolRecord);
}

function writeJsonl(path: string, records: readonly PoolRecord[]): void {
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** Wall seconds of one CLI run. */
function timeCli(args: string[]): number {
  const started = performance.now();
  execFileSync('node', [BIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - started) / 1000;
}

function rerunCase(pool: readonly PoolRecord[]): void {
  const dir = join(WORK, 'rerun');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'dumps'), { recursive: true });
  // Five dumps of 1,000 papers, and a sixth of 500 that arrives later.
  for (let d = 0; d < 5; d++) writeJsonl(join(dir, 'dumps', `dump-${d}.jsonl`), pool.slice(d * 1000, (d + 1) * 1000));
  const args = ['run', join(dir, 'dumps'), '--out', join(dir, 'out'), '--quiet'];
  const cold = timeCli(args);
  const unchanged = timeCli(args);
  writeJsonl(join(dir, 'dumps', 'dump-5.jsonl'), pool.slice(5000, 5500));
  const oneNew = timeCli(args);
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { cache: { ingest: { hits: number; misses: number } } };
  console.log('\nrerun case: 5,000 papers in 5 dumps, then a 6th dump of 500 (wall seconds, CLI end to end)');
  console.log('| run | seconds | ratio to cold |');
  console.log('|---|---:|---:|');
  console.log(`| cold (no cache, no output) | ${cold.toFixed(2)} | 1.000 |`);
  console.log(`| no change | ${unchanged.toFixed(2)} | ${(unchanged / cold).toFixed(3)} |`);
  console.log(`| one new dump | ${oneNew.toFixed(2)} | ${(oneNew / cold).toFixed(3)} |`);
  console.log(`ingest cache on the last run: ${manifest.cache.ingest.hits} hits, ${manifest.cache.ingest.misses} parsed`);
}

const cases = process.argv.slice(2);
const pool = loadPool();
console.log(`pool: ${pool.length} abstracts from ${POOL}`);
if (cases.length === 0 || cases.includes('rerun')) rerunCase(pool);
