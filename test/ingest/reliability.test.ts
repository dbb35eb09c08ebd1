/** Failures from the reliability issue, each pinned: titles with sentence punctuation, format detection, NUL and control characters, untitled records. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { createDumpParser, parseDump } from '../../src/ingest/parse-dump.js';

const encoder = new TextEncoder();
const parse = (file: string, text: string) => parseDump(file, encoder.encode(text));

const HEADER =
  'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nMar 11\n\n';
const ABSTRACT =
  'We study a problem that matters. Our method improves on prior work by a wide margin on four benchmarks, and we release the code.';
const PUNCTUATED = [
  'Fine-tuning vs. In-context Learning: A Comparison on Held-out Tasks',
  'I.i.d. Prophet Inequalities with Unknown Distributions',
  'A Unified Theory of Attention as a Framework. Part I: Foundations',
  'What Makes a Good Image? Investigating the Aesthetics of Generated Pictures',
];

describe('titles recognised by layout, not punctuation', () => {
  it('reads titles with "vs.", "I.i.d.", "Part I" and "?" in a plain page dump', () => {
    const text = HEADER + PUNCTUATED.map((t) => `${t}\n\n${ABSTRACT}\n\n`).join('');
    const { dump, diagnostics } = parse('page.txt', text);
    expect(dump.format).toBe('page-dump');
    expect(dump.papers.map((p) => p.title)).toEqual(PUNCTUATED);
    expect(dump.skipped).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('reads them in a page dump with metadata, with the metadata attached', () => {
    const text = HEADER + PUNCTUATED.map((t) => `${t}\n\n${ABSTRACT}\n\n  • 4 authors\n·\nMar 16, 2024 7\n\n`).join('');
    const { dump, diagnostics } = parse('meta.txt', text);
    expect(dump.format).toBe('page-dump-with-metadata');
    expect(dump.papers.map((p) => [p.title, p.authors, p.upvotes])).toEqual(PUNCTUATED.map((t) => [t, 4, 7]));
    expect(diagnostics).toEqual([]);
  });

  it('with metadata, the paragraph before a metadata block is an abstract, however short', () => {
    const text = `${HEADER}${PUNCTUATED[0]}\n\nA short note (no prose)\n\n  • 2 authors\n·\nMar 16\n\n${PUNCTUATED[3]}\n\n${ABSTRACT}\n\n  • 4 authors\n·\nMar 16\n`;
    const { dump, diagnostics } = parse('meta.txt', text);
    expect(dump.papers.map((p) => [p.title, p.abstract, p.authors])).toEqual([
      [PUNCTUATED[0], 'A short note (no prose)', 2],
      [PUNCTUATED[3], ABSTRACT, 4],
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('still skips a title with no abstract when the next title has sentence punctuation', () => {
    const text = `Lonely Title Without Abstract\n\n${PUNCTUATED[0]}\n\n${ABSTRACT}\n`;
    const { dump } = parse('page.txt', text);
    expect(dump.papers.map((p) => p.title)).toEqual([PUNCTUATED[0]]);
    expect(dump.skipped.map((s) => [s.line, s.code])).toEqual([[1, 'missing-abstract']]);
  });

  it('still pairs a short one-line abstract with its title', () => {
    const text = `Tiny Paper\n\nWe show it works (IR). It does.\n\n${PUNCTUATED[1]}\n\n${ABSTRACT}\n`;
    expect(parse('page.txt', text).dump.papers.map((p) => p.title)).toEqual(['Tiny Paper', PUNCTUATED[1]]);
  });
});

describe('format detection tries the layouts', () => {
  it.each([
    '[Re] Reproducibility Study of Fair Graph Learning',
    '{Gen}: Generative Models for Code',
    'Title, Abstract, Keywords: Which Parts of a Paper Do Readers Use',
  ])('a header-less page dump starting with %j is a page dump', (first) => {
    const text = `${first}\n\n${ABSTRACT}\n\nSecond Paper Title\n\n${ABSTRACT}\n`;
    const { dump, diagnostics } = parse('page.txt', text);
    expect(dump.format).toBe('page-dump');
    expect(dump.papers.map((p) => p.title)).toEqual([first, 'Second Paper Title']);
    expect(diagnostics).toEqual([]);
  });

  it('still reads real CSV, and still reports broken JSON', () => {
    expect(parse('a.csv', 'id,title,abstract\n1,"A, B",Text.\n2,C,D.\n').dump.format).toBe('csv');
    // A header whose quoted cell breaks across lines, and a summary column, are still headers.
    expect(parse('b.csv', 'id,"paper\ntitle",summary\n1,A,Text.\n2,C,D.\n').dump.format).toBe('csv');
    expect(parse('c.csv', 'title,summary\n"A, B",Text.\nC,D.\n').dump.format).toBe('csv');
    const broken = parse('a.json', '[\n  {"title": "A", "abstract": "B."},\n  {"title": "C"\n');
    expect(broken.dump.format).toBe('json');
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['invalid-json']);
  });
});

describe('NUL bytes, wherever they are', () => {
  const paperWithNul = (pad: number) =>
    `${HEADER}${`Filler Title\n\n${ABSTRACT}\n\n`.repeat(pad)}Nul\0 Title Here\n\n${ABSTRACT}\n`;

  it.each([
    ['in the first 64 KB', 0],
    ['after the first 64 KB', 600],
  ])('%s: the text around it is kept, with a binary-block warning naming the line', (_, pad) => {
    const text = paperWithNul(pad);
    const { dump, diagnostics } = parse('dump.txt', text);
    const line = 13 + 4 * pad;
    expect(dump.papers.at(-1)?.title).toBe('Nul Title Here');
    expect(dump.papers.every((p) => !/\0/.test(p.title + p.abstract))).toBe(true);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `warning dump.txt:${line} Found a NUL byte (binary, not text); replaced it by a space, the text around kept [binary-block]`,
    ]);
  });

  it('a NUL in a JSON Lines file read in parts is handled the same way', () => {
    const parser = createDumpParser('a.jsonl');
    parser.push(encoder.encode('{"title": "One", "abstract": "A."}\n'));
    parser.push(encoder.encode('{"title": "Two\0", "abstract": "B."}\n'));
    const { dump, diagnostics } = parser.finish();
    expect(dump.papers.map((p) => p.title)).toEqual(['One', 'Two']);
    expect(diagnostics.map((d) => `${d.place?.line} ${d.code}`)).toEqual(['2 binary-block']);
  });

  it('a file that is mostly binary is still binary-file', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0 : 65));
    expect(parseDump('x.bin', bytes).diagnostics.map((d) => d.code)).toEqual(['binary-file']);
  });
});

describe('control characters are cleaned at the edge, in every format', () => {
  const line = (d: ReturnType<typeof parse>) => d.diagnostics.map(formatDiagnostic);

  it('page dump: a backspace in a title becomes a space, with one warning naming the file and line', () => {
    const result = parse('seed.txt', `${HEADER}Back\bspace \x7FTitle\x85\n\n${ABSTRACT}\n`);
    expect(result.dump.papers.map((p) => p.title)).toEqual(['Back space Title']);
    expect(line(result)).toEqual([
      'warning seed.txt:13 Replaced 3 control characters by spaces, the first on this line [control-characters]',
    ]);
  });

  it.each([
    ['a.json', JSON.stringify([{ title: 'Back\bspace', abstract: 'Text\u0007 here.' }]), 2],
    ['a.jsonl', `${JSON.stringify({ title: 'Back\bspace', abstract: 'Text\u0007 here.' })}\n`, 2],
    ['a.csv', 'title,abstract\nBack\bspace,Text\x07 here about a method that works.\n', 2],
    ['a.txt', `- Back\bspace Title We show that things work well in practice. 3 authors · Mar 16\n`.repeat(1), 1],
  ])('%s: cleaned and reported', (file, text, count) => {
    const result = parse(file, text);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    for (const p of result.dump.papers) expect(p.title + p.abstract).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(result.dump.papers).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.code === 'control-characters').map(formatDiagnostic)).toEqual([
      `warning ${file}:${file === 'a.csv' ? 2 : 1} ${count === 1 ? 'Replaced a control character by a space' : `Replaced ${count} control characters by spaces, the first on this line`} [control-characters]`,
    ]);
  });
});

describe('records without a title are kept', () => {
  it('named after an arXiv id, or after the first words of the abstract', () => {
    const text = [
      { id: '2401.01234', abstract: 'We propose a method.' },
      { id: 'paper-7', summary: 'Another abstract here.' },
      { abstract: 'Large language models are increasingly used to write code for data science pipelines today.' },
      { title: '', id: 5 },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const { dump, diagnostics } = parse('a.jsonl', text);
    expect(dump.papers.map((p) => p.title)).toEqual([
      'arXiv:2401.01234',
      'paper-7',
      'Large language models are increasingly used to write…',
    ]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'warning a.jsonl:1 The record has no title; named it "arXiv:2401.01234" after its id [untitled-record]',
      'warning a.jsonl:2 The record has no title; named it "paper-7" after its id [untitled-record]',
      'warning a.jsonl:3 The record has no title; named it "Large language models are increasingly…" after its first words [untitled-record]',
      'warning a.jsonl:4 Skipped a record: it has no title and no abstract [invalid-record]',
    ]);
    expect(dump.used + dump.skipped.length).toBe(dump.units);
  });

  it('in CSV, with an id column', () => {
    const { dump } = parse('a.csv', 'id,abstract,title\narXiv:2401.00001,Some abstract text.,\n');
    expect(dump.papers.map((p) => p.title)).toEqual(['arXiv:2401.00001']);
  });
});
