/**
 * Writes the same papers in two layouts, to measure the per-file cost of ingest: `DIR/one/all.txt`
 * (one page dump) and `DIR/many/NNNN.txt` (one page dump per paper). Papers come from
 * `../shared/eval/arxiv-pool.jsonl.gz`.
 *
 *   npx tsx test/helpers/split-papers.ts DIR [COUNT=3000]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const HEADER = 'Daily Papers\n\nbyAK and the research community\n\n';

/** One paper as a page-dump-with-metadata block. */
function block(p: { title: string; abstract: string; authors?: unknown }): string {
  const authors = Array.isArray(p.authors) ? p.authors.length : typeof p.authors === 'number' ? p.authors : 3;
  return `${p.title}\n\n${p.abstract.replace(/\s+/g, ' ')}\n\n  • ${authors} authors\n·\nMar 16, 2024\n\n`;
}

const [dir, count = '3000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: split-papers.ts DIR [COUNT]');
const pool = gunzipSync(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'arxiv-pool.jsonl.gz')),
)
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, Number(count))
  .map((line) => JSON.parse(line) as { title: string; abstract: string; authors?: unknown });
mkdirSync(join(dir, 'one'), { recursive: true });
mkdirSync(join(dir, 'many'), { recursive: true });
writeFileSync(join(dir, 'one', 'all.txt'), HEADER + pool.map(block).join(''));
pool.forEach((p, i) => writeFileSync(join(dir, 'many', `${String(i).padStart(4, '0')}.txt`), HEADER + block(p)));
console.log(`${pool.length} papers in ${dir}/one/all.txt and ${dir}/many/*.txt`);
