import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('write chart SVGs only with --svg, PNGs too with --png, the other files byte-identical; toggling reruns', async () => {
    const args = ['run', 'dumps', '--k', '2'];
    expect((await cli([...args, '--out', 'out-plain'], work)).code).toBe(0);
    expect((await cli([...args, '--out', 'out-svg', '--svg'], work)).code).toBe(0);
    expect((await cli([...args, '--out', 'out-png', '--png'], work)).code).toBe(0);
    const chartsOf = (out: string): string => join(work, out, 'charts');
    const plain = readdirSync(chartsOf('out-plain')).sort();
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((f) => f.endsWith('.vl.json'))).toBe(true);
    const svgs = readdirSync(chartsOf('out-svg')).filter((f) => f.endsWith('.svg'));
    expect(svgs.sort()).toEqual(plain.map((f) => f.replace(/\.vl\.json$/, '.svg')));
    const pngs = readdirSync(chartsOf('out-png')).filter((f) => f.endsWith('.png'));
    expect(pngs.sort()).toEqual(svgs.map((f) => f.replace(/\.svg$/, '.png')));
    for (const f of pngs)
      expect([...readFileSync(join(chartsOf('out-png'), f)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    for (const f of [...plain, ...svgs])
      expect(readFileSync(join(chartsOf('out-png'), f)).equals(readFileSync(join(chartsOf('out-svg'), f))), f).toBe(
        true,
      );
    for (const f of ['papers.csv', 'topics.json', 'model.json'])
      expect(readFileSync(join(work, 'out-plain', f)).equals(readFileSync(join(work, 'out-png', f))), f).toBe(true);
    // Each run's copy of report.md under runs/ finds every file it links in that run's folder.
    for (const out of ['out-plain', 'out-svg']) {
      const run = join(work, out, 'runs', manifest(join(work, out)).runId);
      const links = [...readFileSync(join(run, 'report.md'), 'utf8').matchAll(/\]\(([^)#][^)]*)\)/g)].map((m) => m[1]!);
      expect(links.filter((l) => l.startsWith('charts/')).length).toBeGreaterThan(0);
      for (const link of links) expect(statSync(join(run, link)).isFile(), `${out}: ${link}`).toBe(true);
    }
    expect(manifest(join(work, 'out-png')).options.images).toBe('png');
    // Warnings from drawing the charts: a list when they were drawn, null (not checked) when not.
    expect(manifest(join(work, 'out-png')).chartWarnings).toEqual([]);
    expect(manifest(join(work, 'out-plain')).chartWarnings).toBeNull();
    expect((await cli([...args, '--out', 'out-png', '--png'], work)).stderr).toMatch(/Nothing changed/);
    expect((await cli([...args, '--out', 'out-plain', '--svg'], work)).stderr).not.toMatch(/Nothing changed/);
    // The rerun adds the chart of what changed; every chart now has its SVG.
    expect(readdirSync(chartsOf('out-plain')).filter((f) => f.endsWith('.svg'))).toEqual(
      expect.arrayContaining([...svgs, 'topic-size-change.svg']),
    );
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
    expect(readdirSync(join(work, 'out', 'charts'))).toContain('topic-size-change.vl.json');

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

describe('living topics: a rerun updates the last run topics', () => {
  let work: string;
  const changes = (out: string) => JSON.parse(readFileSync(join(work, out, 'changes.json'), 'utf8'));
  const partition = (out: string): string[][] => {
    const groups = new Map<number, string[]>();
    for (const [title, topic] of topicsByTitle(join(work, out)))
      groups.set(topic, [...(groups.get(topic) ?? []), title]);
    return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  };
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-living-'));
    mkdirSync(join(work, 'dumps'));
    writeFileSync(join(work, 'dumps', 'a.jsonl'), toJsonl(syntheticPapers('robots', 14, 1)));
    writeFileSync(join(work, 'dumps', 'b.jsonl'), toJsonl(syntheticPapers('translation', 14, 2)));
    writeFileSync(join(work, 'dumps', 'c.jsonl'), toJsonl(syntheticPapers('astronomy', 14, 3)));
  });

  const steps = async (out: string, dumps = `dumps-${out}`): Promise<void> => {
    rmSync(join(work, dumps), { recursive: true, force: true });
    mkdirSync(join(work, dumps));
    for (const name of ['a.jsonl', 'b.jsonl', 'c.jsonl'])
      writeFileSync(join(work, dumps, name), readFileSync(join(work, 'dumps', name)));
    expect((await cli(['run', dumps, '--out', out, '--k', '3'], work)).code).toBe(0);
    // One new robotics paper: nothing else moves.
    writeFileSync(join(work, dumps, 'd.jsonl'), toJsonl(syntheticPapers('robots', 1, 4)));
    expect((await cli(['run', dumps, '--out', out], work)).code).toBe(0);
  };

  it('moves no existing paper when one paper is added, and keeps k', async () => {
    await steps('out');
    const m = JSON.parse(readFileSync(join(work, 'out', 'manifest.json'), 'utf8'));
    expect(m.topics).toMatchObject({ mode: 'update', k: 3, kCriterion: 'kept' });
    expect(m.topics.freshRatio).toBeGreaterThan(0);
    expect(changes('out')).toMatchObject({ mode: 'update', papers: { moved: 0 }, events: [] });
    expect(changes('out').papers.added).toHaveLength(1);
  });

  it('gives a group of new papers unlike the rest a topic of its own, recorded as a birth', async () => {
    writeFileSync(join(work, 'dumps-out', 'e.jsonl'), toJsonl(syntheticPapers('cooking', 8, 5)));
    const rerun = await cli(['run', 'dumps-out', '--out', 'out'], work);
    expect(rerun.code).toBe(0);
    const c = changes('out');
    expect(c.papers.moved).toBe(0);
    expect(c.events).toHaveLength(1);
    expect(c.events[0]).toMatchObject({ event: 'birth', papers: 8, id: 3 });
    expect(c.papers.added.every((p: { topic: number }) => p.topic === 3)).toBe(true);
    expect(rerun.stderr).toMatch(/born: 3: .* \(8 new papers, cohesion/);
  });

  it('removes the papers of a removed dump and moves no other', async () => {
    rmSync(join(work, 'dumps-out', 'b.jsonl'));
    expect((await cli(['run', 'dumps-out', '--out', 'out'], work)).code).toBe(0);
    const c = changes('out');
    expect(c.papers.removed).toHaveLength(14);
    expect(c.papers.moved).toBe(0);
    expect(c.events).toEqual([expect.objectContaining({ event: 'end', reason: 'every paper of it left the corpus' })]);
  });

  it('gives byte-identical outputs for the same sequence of dumps', async () => {
    await steps('again');
    await steps('again-2', 'dumps-again');
    for (const file of ['papers.csv', 'topics.json', 'topics.csv', 'model.json', 'changes.json', 'report.md']) {
      expect(readFileSync(join(work, 'again-2', file), 'utf8'), file).toBe(
        readFileSync(join(work, 'again', file), 'utf8'),
      );
    }
  });

  it('fits afresh with --refit, as a clean run does (up to ids)', async () => {
    expect((await cli(['run', 'dumps-again', '--out', 'again', '--refit'], work)).code).toBe(0);
    expect(changes('again').mode).toBe('refit');
    expect((await cli(['run', 'dumps-again', '--out', 'clean'], work)).code).toBe(0);
    expect(partition('again')).toEqual(partition('clean'));
  });
});

describe('a rerun over a damaged output folder', () => {
  it('runs when topics.json holds entries that are not topics, and says the last run is unreadable', async () => {
    const work = mkdtempSync(join(tmpdir(), 'topic-atlas-damaged-'));
    mkdirSync(join(work, 'dumps'));
    writeFileSync(join(work, 'dumps', 'a.jsonl'), toJsonl(syntheticPapers('robots', 12, 1)));
    writeFileSync(join(work, 'dumps', 'b.jsonl'), toJsonl(syntheticPapers('translation', 12, 2)));
    expect((await cli(['run', 'dumps', '--out', 'out', '--k', '2'], work)).code).toBe(0);
    writeFileSync(join(work, 'out', 'topics.json'), '{"topics": [null, 5, {"id": "x"}], "nextTopicId": 2}');
    writeFileSync(join(work, 'dumps', 'c.jsonl'), toJsonl(syntheticPapers('astronomy', 12, 5)));
    const rerun = await cli(['run', 'dumps', '--out', 'out', '--k', '3'], work);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/previous run 0001-[0-9a-f]{8} could not be read/);
    expect(manifest(join(work, 'out')).runId).toMatch(/^0002-/);
  });
});
