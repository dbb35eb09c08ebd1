import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/table/csv-parse.js';
import { cli } from '../helpers/cli.js';

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');

describe('topic terms and labels on the seeds', () => {
  it('are words people wrote (never a stem), and the tree covers every topic', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'topic-atlas-terms-')), 'out');
    expect((await cli(['run', SEEDS, '--out', out, '--no-cache', '--quiet'], process.cwd())).code).toBe(0);
    const rows = parseCsvRows(readFileSync(join(out, 'papers.csv'), 'utf8'));
    const header = rows.shift()!.cells;
    const text = rows
      .map((r) => `${r.cells[header.indexOf('title')]} ${r.cells[header.indexOf('abstract')]}`)
      .join(' ')
      .toLowerCase();
    const words = new Set(text.split(/[^\p{L}\p{N}'-]+/u));
    const topics = JSON.parse(readFileSync(join(out, 'topics.json'), 'utf8'));
    for (const topic of topics.topics) {
      for (const { term } of topic.terms)
        for (const word of term.split(' ')) expect(words, `${word} in ${term}`).toContain(word);
      for (const word of topic.label.split(/, | /)) expect(words, word).toContain(word);
    }
    const leaves = new Set<number>();
    const walk = (id: number | string): void => {
      if (typeof id === 'number') return void leaves.add(id);
      for (const child of topics.hierarchy.nodes.find((n: { id: string }) => n.id === id).children) walk(child);
    };
    for (const id of topics.hierarchy.coarse) walk(id);
    expect([...leaves].sort((a, b) => a - b)).toEqual(
      topics.topics.map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b),
    );
  });
});
