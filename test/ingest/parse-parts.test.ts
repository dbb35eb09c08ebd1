import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDumpParser, parseDump } from '../../src/ingest/parse-dump.js';

const encoder = new TextEncoder();

/** Cuts bytes after the given line feeds (the last part runs to the end). */
function partsAfterLines(bytes: Uint8Array, cutAfter: readonly number[]): Uint8Array[] {
  const feeds: number[] = [];
  bytes.forEach((b, i) => b === 10 && feeds.push(i));
  const cuts = [...new Set(cutAfter.filter((n) => n < feeds.length).map((n) => feeds[n]! + 1))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(bytes.subarray(from, cut));
    from = cut;
  }
  parts.push(bytes.subarray(from));
  return parts.filter((p) => p.length > 0);
}

function parseInParts(file: string, parts: readonly Uint8Array[]) {
  const parser = createDumpParser(file);
  for (const part of parts) parser.push(part);
  return parser.finish();
}

const record = fc.oneof(
  fc
    .record({ title: fc.string({ minLength: 1, maxLength: 30 }), abstract: fc.string({ minLength: 1, maxLength: 80 }) })
    .map((r) => JSON.stringify(r)),
  fc.constantFrom(
    '{"title": "Broken',
    '',
    '   ',
    '{"abstract": "no title"}',
    '{"title": "Ünïcödé 😀", "abstract": "Ends well."}',
  ),
);

describe('reading a JSON Lines file in parts', () => {
  it('finds the same papers, lines and skipped units as reading it whole', () => {
    fc.assert(
      fc.property(
        fc
          .array(record, { minLength: 1, maxLength: 30 })
          .map((lines) => `${JSON.stringify({ title: 'First', abstract: 'Opens the file.' })}\n${lines.join('\n')}\n`),
        fc.array(fc.nat({ max: 31 }), { maxLength: 6 }),
        (text, cuts) => {
          const bytes = encoder.encode(text);
          const whole = parseDump('a.jsonl', bytes);
          const parted = parseInParts('a.jsonl', partsAfterLines(bytes, cuts));
          expect(parted.dump).toEqual(whole.dump);
          expect(parted.diagnostics).toEqual(whole.diagnostics);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('skips a binary part with its first line and reads the parts around it', () => {
    const good = (n: number) => JSON.stringify({ title: `Paper ${n}`, abstract: 'About something.' });
    const parts = [
      encoder.encode(`${good(1)}\n${good(2)}\n`),
      Uint8Array.from([0, 1, 2, 3, 10, 0, 0, 10]),
      encoder.encode(`${good(3)}\n`),
    ];
    const { dump, diagnostics } = parseInParts('crawl.jsonl', parts);
    expect(dump.papers.map((p) => p.title)).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    expect(dump.papers.map((p) => p.place.line)).toEqual([1, 2, 5]);
    expect(dump.skipped).toEqual([expect.objectContaining({ line: 3, code: 'binary-block' })]);
    expect(diagnostics.map((d) => `${d.place?.line} ${d.code}`)).toEqual(['3 binary-block']);
  });

  it('gathers other formats and parses them whole', () => {
    const text =
      'Scaling Laws for Neural Language Models\n\nWe study empirical scaling laws for language model performance.\n';
    const bytes = encoder.encode(text);
    const parted = parseInParts('page.txt', partsAfterLines(bytes, [0, 1]));
    expect(parted).toEqual(parseDump('page.txt', bytes));
  });
});
