import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/ingest/build-corpus.js';
import { parseDump } from '../../src/ingest/parse-dump.js';

const page = (body: string): Uint8Array => new TextEncoder().encode(body);

const DUMP = `Daily Papers

byAK and the research community

Aug 20

Robot Grasping with Soft Grippers

A robot arm with a soft gripper learns grasping of unknown objects, and manipulation improves with tactile feedback.

Machine Translation for Low-Resource Languages

Translation of text between languages with neural machine translation, evaluated on low-resource languages.

  • 4 authors
·
Jan 5, 2024 2
`;

describe('listing days', () => {
  it('gives papers without a date of their own the page date under the header, with the year rule', () => {
    const parsed = parseDump('day.txt', page(DUMP));
    const { corpus } = buildCorpus([parsed.dump], { year: null });
    const byTitle = new Map(corpus.papers.map((p) => [p.title, p]));
    // 2024 is the latest printed year, so the yearless page date "Aug 20" is 2025-08-20.
    expect(byTitle.get('Robot Grasping with Soft Grippers')).toMatchObject({
      date: null,
      listed: '2025-08-20',
      listedFrom: 'page',
    });
    expect(byTitle.get('Machine Translation for Low-Resource Languages')).toMatchObject({
      date: '2024-01-05',
      listed: '2024-01-05',
      listedFrom: 'date',
    });
  });

  it('leaves the listing day empty, and says so, without a page date or a date', () => {
    const parsed = parseDump('none.txt', page(DUMP.replace('Aug 20\n\n', '')));
    const { corpus } = buildCorpus([parsed.dump], { year: null });
    expect(corpus.papers.find((p) => p.title.startsWith('Robot'))).toMatchObject({
      date: null,
      listed: null,
      listedFrom: null,
    });
  });

  it('uses --year for a yearless page date when no year is printed anywhere', () => {
    const parsed = parseDump('day.txt', page(DUMP.replace('Jan 5, 2024 2', 'Jan 5 2')));
    const { corpus } = buildCorpus([parsed.dump], { year: 2030 });
    expect(corpus.papers.find((p) => p.title.startsWith('Robot'))).toMatchObject({
      listed: '2030-08-20',
      listedFrom: 'page',
    });
  });
});
