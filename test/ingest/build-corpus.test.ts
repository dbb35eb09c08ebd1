import { describe, expect, it } from 'vitest';
import { buildCorpus, normaliseTitle, paperId } from '../../src/ingest/build-corpus.js';
import { inferListingYear } from '../../src/ingest/dates.js';
import type { ParsedDump, RawPaper } from '../../src/types.js';

function raw(title: string, file: string, line: number, extra: Partial<RawPaper> = {}): RawPaper {
  return {
    title,
    abstract: `About ${title}.`,
    authors: null,
    date: null,
    upvotes: null,
    place: { file, line },
    ...extra,
  };
}

function dump(file: string, papers: RawPaper[]): ParsedDump {
  return {
    file,
    format: 'page-dump',
    encoding: 'utf-8',
    papers,
    units: papers.length * 2,
    boilerplate: 0,
    used: papers.length * 2,
    skipped: [],
  };
}

describe('buildCorpus', () => {
  it('merges a paper seen in two dumps into one record listing both sources, with the richest metadata', () => {
    const a = dump('a.txt', [raw('Scaling Laws', 'a.txt', 3), raw('Other Paper', 'a.txt', 7)]);
    const b = dump('b.txt', [
      raw('scaling  laws', 'b.txt', 9, {
        authors: 4,
        date: { year: 2023, month: 8, day: 22 },
        upvotes: 5,
        abstract: 'A longer abstract about scaling laws.',
      }),
    ]);
    const { corpus, duplicatesByFile } = buildCorpus([a, b], { year: null });
    expect(corpus.papers).toHaveLength(2);
    expect(corpus.duplicatesMerged).toBe(1);
    expect(duplicatesByFile).toEqual({ 'a.txt': 0, 'b.txt': 1 });
    const merged = corpus.papers.find((p) => p.title === 'Scaling Laws')!;
    expect(merged).toMatchObject({
      authors: 4,
      date: '2023-08-22',
      upvotes: 5,
      abstract: 'A longer abstract about scaling laws.',
    });
    expect(merged.sources).toEqual([
      { file: 'a.txt', line: 3 },
      { file: 'b.txt', line: 9 },
    ]);
  });

  it('gives yearless dates the year after the latest printed year, unless a year is set', () => {
    const papers = [
      raw('Old', 'a.txt', 1, { date: { year: 2024, month: 12, day: 8 } }),
      raw('New', 'a.txt', 3, { date: { year: null, month: 3, day: 16 } }),
    ];
    expect(
      buildCorpus([dump('a.txt', papers)], { year: null }).corpus.papers.find((p) => p.title === 'New')?.date,
    ).toBe('2025-03-16');
    expect(
      buildCorpus([dump('a.txt', papers)], { year: 2030 }).corpus.papers.find((p) => p.title === 'New')?.date,
    ).toBe('2030-03-16');
  });

  it('reports yearless dates it cannot place, and leaves them empty', () => {
    const papers = [raw('New', 'a.txt', 3, { date: { year: null, month: 3, day: 16 } })];
    const { corpus, diagnostics } = buildCorpus([dump('a.txt', papers)], { year: null });
    expect(corpus.papers[0]?.date).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['year-unknown']);
  });

  it('orders papers by id, whatever the order of the inputs', () => {
    const a = dump('a.txt', [raw('Alpha', 'a.txt', 1), raw('Beta', 'a.txt', 3)]);
    const b = dump('b.txt', [raw('Gamma', 'b.txt', 1)]);
    const forward = buildCorpus([a, b], { year: null }).corpus;
    const backward = buildCorpus([b, a], { year: null }).corpus;
    expect(backward).toEqual(forward);
    expect(forward.papers.map((p) => p.id)).toEqual([...forward.papers.map((p) => p.id)].sort());
  });
});

describe('titles and ids', () => {
  it('normalises case, accents, punctuation and spacing', () => {
    expect(normaliseTitle('  Café: Fine-Tuning,  LLMs! ')).toBe('cafe fine tuning llms');
    expect(paperId('Fine-tuning LLMs')).toBe(paperId('fine tuning  llms'));
  });

  it('infers no year when no date carries one', () => {
    expect(inferListingYear([{ year: null, month: 1, day: 2 }, null], null)).toBeNull();
  });
});
