/** The user's names for topics: applied everywhere, kept across reruns by the stable ids. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/table/csv-parse.js';
import { cli } from '../helpers/cli.js';
import { syntheticPapers, toJsonl } from '../helpers/synthetic.js';

describe('topic names', () => {
  let work: string;
  const labels = (): Map<number, string> => {
    const rows = parseCsvRows(readFileSync(join(work, 'out', 'topics.csv'), 'utf8'));
    rows.shift();
    return new Map(rows.filter((r) => r.cells.length > 1).map((r) => [Number(r.cells[0]), r.cells[1]!]));
  };
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-names-'));
    mkdirSync(join(work, 'dumps'));
    writeFileSync(join(work, 'dumps', 'a.jsonl'), toJsonl(syntheticPapers('robots', 12, 1)));
    writeFileSync(join(work, 'dumps', 'b.jsonl'), toJsonl(syntheticPapers('astronomy', 12, 2)));
  });

  it('replace the labels in the tables and reports, and survive a rerun', async () => {
    expect((await cli(['run', 'dumps', '--out', 'out', '--k', '2'], work)).code).toBe(0);
    const auto = labels();
    const robots = [...auto.entries()].find(([, label]) => /robot|grasping|gripper|arm/.test(label))![0];
    writeFileSync(join(work, 'topic-atlas.names.json'), JSON.stringify({ [robots]: 'Robot hands <b>' }));
    expect((await cli(['run', 'dumps', '--out', 'out'], work)).code).toBe(0);
    expect(labels().get(robots)).toBe('Robot hands <b>');
    expect(readFileSync(join(work, 'out', 'report.html'), 'utf8')).toContain('Robot hands &lt;b&gt;');

    writeFileSync(join(work, 'dumps', 'c.jsonl'), toJsonl(syntheticPapers('robots', 2, 3)));
    expect((await cli(['run', 'dumps', '--out', 'out'], work)).code).toBe(0);
    expect(labels().get(robots)).toBe('Robot hands <b>');

    // Without the file the topic shows its label from the terms again.
    rmSync(join(work, 'topic-atlas.names.json'));
    expect((await cli(['run', 'dumps', '--out', 'out'], work)).code).toBe(0);
    expect(labels().get(robots)).toBe(auto.get(robots));
  });

  it('are ignored with a warning when the file is not an object of topic id -> name', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ robots: 'x' }));
    const result = await cli(['run', 'dumps', '--out', 'out', '--names', 'bad.json', '--seed', '2'], work);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'warning bad.json:1 Cannot use the topic names ("robots" is not a topic id); topics keep their labels [invalid-names]',
    );
  });
});
