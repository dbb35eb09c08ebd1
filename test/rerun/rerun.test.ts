import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseCsvRows } from '../../src/table/csv-parse.js';
import { syntheticPapers, toJsonl } from '../helpers/synthetic.js';

function mtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[relative(dir, full)] = statSync(full).mtimeMs;
    }
  };
  walk(dir);
  return out;
}

/** Paper title -> topic id, from a run's papers.csv. */
function topicsByTitle(out: string): Map<string, number> {
  const rows = parseCsvRows(readFileSync(join(out, 'papers.csv'), 'utf8'));
  const header = rows.shift()!.cells;
  return new Map(
    rows
      .filter((r) => r.cells.length > 1)
      .map((r) => [r.cells[header.indexOf('title')]!, Number(r.cells[header.indexOf('topic')])]),
  );
}

function manifest(out: string) {
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
}

describe('reruns', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-rerun-'));
    mkdirSync(join(work, 'dumps'));
    writeFileSync(join(work, 'dumps', 'a-robots.jsonl'), toJsonl(syntheticPapers('robots', 12, 1)));
    writeFileSync(join(work, 'dumps', 'b-translation.jsonl'), toJsonl(syntheticPapers('translation', 12, 2)));
    writeFileSync(
      join(work, 'dumps', 'c-mixed.jsonl'),
      toJsonl([...syntheticPapers('robots', 4, 3), ...syntheticPapers('translation', 4, 4)]),
    );
  });

  it('recompute and rewrite nothing when nothing changed', async () => {
    const first = await cli(['run', 'dumps', '--out', 'out', '--k', '2'], work);
    expect(first.code).toBe(0);
    const before = mtimes(join(work, 'out'));
    const second = await cli(['run', 'dumps', '--out', 'out', '--k', '2'], work);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/Nothing changed since run 0001-[0-9a-f]{8}/);
    expect(mtimes(join(work, 'out'))).toEqual(before);
  });

  it('compute everything afresh with --no-cache, even when nothing changed', async () => {
    const args = ['run', 'dumps', '--out', 'out-fresh', '--k', '2', '--no-cache'];
    await cli(args, work);
    const again = await cli(args, work);
    expect(again.stderr).not.toMatch(/Nothing changed/);
    expect(manifest(join(work, 'out-fresh')).runId).toMatch(/^0002-/);
  });

  it('parse only the new dump, keep topic ids, and say what changed', async () => {
    const before = topicsByTitle(join(work, 'out'));
    writeFileSync(join(work, 'dumps', 'd-astronomy.jsonl'), toJsonl(syntheticPapers('astronomy', 12, 5)));
    const rerun = await cli(['run', 'dumps', '--out', 'out', '--k', '3'], work);
    expect(rerun.code).toBe(0);
    const m = manifest(join(work, 'out'));
    expect(m.cache.ingest).toEqual({ hits: 3, misses: 1 });
    expect(m.previousRun).toMatch(/^0001-/);
    const after = topicsByTitle(join(work, 'out'));
    for (const [title, topic] of before) expect(after.get(title), title).toBe(topic);

    const changes = JSON.parse(readFileSync(join(work, 'out', 'changes.json'), 'utf8'));
    expect(changes.papers.added).toHaveLength(12);
    expect(changes.topics.appeared).toHaveLength(1);
    const newTopic = changes.topics.appeared[0].id;
    expect(newTopic).toBe(2);
    expect(changes.papers.added.every((p: { topic: number }) => p.topic === newTopic)).toBe(true);
    expect(changes.topics.vanished).toEqual([]);
    expect(changes.topics.split).toEqual([]);
    expect(rerun.stderr).toContain('appeared: 2:');
    expect(readdirSync(join(work, 'out', 'runs')).sort()).toEqual([
      expect.stringMatching(/^0001-/),
      expect.stringMatching(/^0002-/),
    ]);
    expect(readFileSync(join(work, 'out', 'report.html'), 'utf8')).toContain('What changed since run 0001-');
    expect(readdirSync(join(work, 'out', 'charts'))).toContain('topic-size-change.svg');

    const compared = await cli(['compare', '--out', 'out', '--json'], work);
    expect(JSON.parse(compared.stdout)).toEqual(changes);
  });

  it('give the same topics whatever order the dumps come in', async () => {
    mkdirSync(join(work, 'shuffled'));
    for (const name of readdirSync(join(work, 'dumps'))) {
      // Reversed names reverse the reading order.
      writeFileSync(
        join(work, 'shuffled', `${String.fromCharCode(219 - name.charCodeAt(0))}-${name}`),
        readFileSync(join(work, 'dumps', name)),
      );
    }
    expect((await cli(['run', 'shuffled', '--out', 'shuffled-out', '--k', '3'], work)).code).toBe(0);
    expect(topicsByTitle(join(work, 'shuffled-out'))).toEqual(topicsByTitle(join(work, 'out')));
  });

  it('prune old runs with --keep', async () => {
    writeFileSync(join(work, 'dumps', 'e-more.jsonl'), toJsonl(syntheticPapers('robots', 3, 9)));
    expect((await cli(['run', 'dumps', '--out', 'out', '--k', '3', '--keep', '1'], work)).code).toBe(0);
    expect(readdirSync(join(work, 'out', 'runs'))).toEqual([expect.stringMatching(/^0003-/)]);
  });

  it('place new papers in the saved model, and flag the ones that fit no topic', async () => {
    mkdirSync(join(work, 'new'));
    writeFileSync(join(work, 'new', 'robots.jsonl'), toJsonl(syntheticPapers('robots', 5, 21)));
    writeFileSync(join(work, 'new', 'cooking.jsonl'), toJsonl(syntheticPapers('cooking', 3, 22)));
    const result = await cli(['assign', 'new', '--model', 'out/model.json', '--out', 'assigned'], work);
    expect(result.code).toBe(0);
    const robotTopic = topicsByTitle(join(work, 'out')).get(syntheticPapers('robots', 12, 1)[0]!.title);
    const rows = parseCsvRows(readFileSync(join(work, 'assigned', 'assigned.csv'), 'utf8'));
    const header = rows.shift()!.cells;
    const placed = rows.map((r) => ({
      title: r.cells[header.indexOf('title')]!,
      topic: Number(r.cells[header.indexOf('topic')]),
      fits: r.cells[header.indexOf('fits')],
    }));
    const robots = placed.filter((p) => p.title.startsWith('robots'));
    const cooking = placed.filter((p) => p.title.startsWith('cooking'));
    expect(robots).toHaveLength(5);
    expect(robots.every((p) => p.topic === robotTopic && p.fits === 'yes')).toBe(true);
    expect(cooking.every((p) => p.fits === 'no')).toBe(true);
    expect(readFileSync(join(work, 'assigned', 'assigned.md'), 'utf8')).toContain(
      'Possible new topics: 3 papers fit no topic well',
    );
  });
});
