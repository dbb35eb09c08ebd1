/** Guided topics: `run --seed-topics FILE` starts topics from the user's seed words and names them. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/table/csv-parse.js';
import { cli } from '../helpers/cli.js';
import { syntheticPapers, toJsonl } from '../helpers/synthetic.js';

describe('topic-atlas run --seed-topics', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'topic-atlas-seed-topics-'));
    const papers = ['robots', 'translation', 'astronomy', 'cooking'].flatMap((topic, t) =>
      syntheticPapers(topic, 30, t + 1),
    );
    writeFileSync(join(work, 'papers.jsonl'), toJsonl(papers));
  });

  it('names the topic grown from the seed words after them, with the papers that use them', async () => {
    writeFileSync(
      join(work, 'guides.json'),
      JSON.stringify({ 'Sky watching': ['telescope', 'galaxy'], Nothing: ['zzyzx'] }),
    );
    const { code, stderr } = await cli(
      ['run', 'papers.jsonl', '--out', 'out', '--k', '3', '--seed-topics', 'guides.json'],
      work,
    );
    expect(code).toBe(0);
    expect(stderr).toContain('The seed topic "Nothing" (zzyzx) guides nothing: none of its words is a term here');
    const topics = parseCsvRows(readFileSync(join(work, 'out', 'topics.csv'), 'utf8'));
    const guided = topics.find((row) => row.cells[1] === 'Sky watching');
    expect(guided, 'a topic labelled by the seed topic').toBeDefined();
    const papers = parseCsvRows(readFileSync(join(work, 'out', 'papers.csv'), 'utf8'));
    const header = papers[0]!.cells;
    const members = papers.slice(1).filter((row) => row.cells[header.indexOf('topic')] === guided!.cells[0]);
    const astronomy = members.filter((row) => row.cells[header.indexOf('title')]!.startsWith('astronomy'));
    expect(astronomy.length).toBe(30);
    // Named only while its seed words still describe it.
    expect(guided!.cells[topics[0]!.cells.indexOf('top_terms')]).toMatch(/telescope|galaxy/);
  });

  it('names a small guided topic, keeps its name on a rerun, and says which seed topics found no room', async () => {
    const dir = join(work, 'feed');
    mkdirSync(dir);
    const sizes = { robots: 40, translation: 30, astronomy: 20, cooking: 10 };
    const day1 = Object.entries(sizes).flatMap(([topic, n], t) => syntheticPapers(topic, n, t + 10));
    writeFileSync(join(dir, 'day-1.jsonl'), toJsonl(day1));
    writeFileSync(
      join(work, 'kitchen.json'),
      JSON.stringify({
        Kitchen: ['recipe', 'oven'],
        Stars: ['telescope'],
        Robots: ['gripper'],
        Words: ['grammar'],
        Extra: ['dough'],
      }),
    );
    const args = ['run', 'feed', '--out', 'out-feed', '--k', '4', '--seed-topics', 'kitchen.json'];
    const first = await cli(args, work);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('4 topics leave room for 4 seed topics; "Extra" guide nothing (raise --k)');
    const kitchenPapers = (): string[] => {
      const topics = parseCsvRows(readFileSync(join(work, 'out-feed', 'topics.csv'), 'utf8'));
      const kitchen = topics.find((row) => row.cells[1] === 'Kitchen');
      expect(kitchen, 'a topic labelled Kitchen').toBeDefined();
      const papers = parseCsvRows(readFileSync(join(work, 'out-feed', 'papers.csv'), 'utf8'));
      const header = papers[0]!.cells;
      return papers
        .slice(1)
        .filter((row) => row.cells[header.indexOf('topic')] === kitchen!.cells[0])
        .map((row) => row.cells[header.indexOf('title')]!);
    };
    expect(kitchenPapers().sort()).toEqual(
      day1
        .filter((p) => p.topic === 'cooking')
        .map((p) => p.title)
        .sort(),
    );
    // A new day's papers: the topics are updated, not refitted, and the guided one keeps its name.
    writeFileSync(join(dir, 'day-2.jsonl'), toJsonl(syntheticPapers('cooking', 4, 99)));
    const rerun = await cli(args, work);
    expect(rerun.code).toBe(0);
    const changes = JSON.parse(readFileSync(join(work, 'out-feed', 'changes.json'), 'utf8')) as { mode: string };
    expect(changes.mode).toBe('update');
    expect(kitchenPapers()).toHaveLength(14);
  });

  it('refuses a seed topics file it cannot use with one line naming it, and exit code 2', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ RLHF: 'reward model' }));
    const bad = await cli(['run', 'papers.jsonl', '--out', 'out-bad', '--seed-topics', 'bad.json'], work);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--seed-topics bad.json: "RLHF" needs a list of 1 to 20 seed words');
    const missing = await cli(['run', 'papers.jsonl', '--out', 'out-bad', '--seed-topics', 'nope.json'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--seed-topics nope.json: cannot read it (ENOENT)');
  });
});
