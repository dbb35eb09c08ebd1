import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseCsvRows } from '../../src/table/csv-parse.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ingest');

describe('topic-atlas run', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-cli-'));
    for (const name of ['page-dump', 'page-dump-with-metadata', 'compact-listing', 'binary', 'json']) {
      const dir = join(FIXTURES, name);
      const input = readdirSync(dir).find((f) => f.startsWith('input'))!;
      copyFileSync(join(dir, input), join(work, `${name}-${input}`));
    }
  });

  it('processes the readable files, reports the unreadable one, and exits 1', async () => {
    const { code, stderr } = await cli(['run', '.', '--out', 'out'], work);
    expect(code).toBe(1);
    expect(stderr).toContain('error binary-input.bin:1 The file looks binary');
    const manifest = JSON.parse(readFileSync(join(work, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.map((i: { path: string; format: string }) => [i.path, i.format])).toEqual([
      ['binary-input.bin', 'binary'],
      ['compact-listing-input.txt', 'compact-listing'],
      ['json-input.json', 'json'],
      ['page-dump-input.txt', 'page-dump'],
      ['page-dump-with-metadata-input.txt', 'page-dump-with-metadata'],
    ]);
    const csv = readFileSync(join(work, 'out', 'papers.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('id,title,abstract,authors,date,upvotes,sources,listed,listed_from,topic,x,y');
    expect(csv).toContain('Tuning Language Models by Proxy');
    // A yearless date takes the year after the latest printed one (2024 in json-input.json).
    expect(csv).toContain(',2025-03-16,12,');
    // topics.csv: one row per topic, and the sizes add up to every paper.
    const topics = parseCsvRows(readFileSync(join(work, 'out', 'topics.csv'), 'utf8'));
    expect(topics[0]!.cells).toEqual([
      'topic',
      'label',
      'papers',
      'share',
      'cohesion',
      'top_terms',
      'representative',
      'parent',
    ]);
    const topicsJson = JSON.parse(readFileSync(join(work, 'out', 'topics.json'), 'utf8'));
    expect(topics.length - 1).toBe(topicsJson.topics.length);
    // Each topic's parent is its broad group in the tree, as topics.json says.
    expect(topics.slice(1).map((row) => row.cells[7])).toEqual(
      topicsJson.topics.map((t: { parent: number | string }) => String(t.parent)),
    );
    expect(topics.slice(1).reduce((n, row) => n + Number(row.cells[2]), 0)).toBe(csv.trim().split('\n').length - 1);
  });

  it('writes byte-identical tables and model when run again on the same inputs', async () => {
    // The output folder sits inside the input folder: it must not be read back as input. It is
    // removed between the runs, so the second cannot take the no-change shortcut.
    const artifacts = ['papers.csv', 'topics.csv', 'topics.json', 'model.json', 'report.md', 'charts/topic-map.svg'];
    await cli(['run', '.', '--out', 'again', '--svg'], work);
    const first = artifacts.map((f) => readFileSync(join(work, 'again', f)));
    rmSync(join(work, 'again'), { recursive: true });
    await cli(['run', '.', '--out', 'again', '--svg'], work);
    expect(artifacts.map((f) => readFileSync(join(work, 'again', f)))).toEqual(first);
    expect(readdirSync(work).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
  });

  it('exits 0 with warnings only, and 2 on a usage error', async () => {
    const ok = join(work, 'ok.txt');
    writeFileSync(ok, readFileSync(join(FIXTURES, 'missing-abstract', 'input.txt')));
    const warned = await cli(['run', 'ok.txt', '--out', 'ok-out'], work);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('[missing-abstract]');
    expect((await cli(['frobnicate'], work)).code).toBe(2);
    expect((await cli(['run', '--year', 'soon'], work)).code).toBe(2);
    expect(existsSync(join(work, 'output'))).toBe(false);
  });

  it('prints help and version', async () => {
    expect((await cli(['--help'], work)).stdout).toMatch(
      /topic-atlas run \[INPUT .*\n.*topic-atlas compare.*\n(.*\n)*.*topic-atlas assign/,
    );
    expect((await cli(['--version'], work)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
