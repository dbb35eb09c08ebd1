import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces } from '../../src/ingest/clean-text.js';
import { parseDump } from '../../src/ingest/parse-dump.js';
import { nonBlankLines, splitParagraphs } from '../../src/ingest/text-units.js';

const encoder = new TextEncoder();

// Pieces that real dumps are made of, plus arbitrary text, so the parsers' edge cases get hit often.
const piece = fc.oneof(
  fc.constantFrom(
    'new',
    'Subscribe',
    'Daily Papers',
    'byAK and the research community',
    'Mar 11',
    '  • 6 authors\n·\nAug 22, 2023',
    '  • 3 authors\n·\nMar 16 4',
    'Scaling Laws for Neural Language Models',
    'We study empirical scaling laws for language model performance on the cross-entropy loss. The loss scales as a power-law.',
    '- Tuning Models by Proxy Despite the general capabilities of large models, they benefit from adaptation. 6 authors · Jun 17',
    '12 A Title Here We show something. 3 authors · Feb 4, 2023new',
    '{"title": "T", "abstract": "A."}',
    'title,abstract',
    '"q, r",s',
    '·',
  ),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
);
const dumpText = fc
  .array(fc.tuple(piece, fc.constantFrom('\n', '\n\n', '\r\n\r\n', ' ')), { maxLength: 25 })
  .map((parts) => parts.map(([text, sep]) => text + sep).join(''));

describe('parseDump on arbitrary text', () => {
  it('never throws, and accounts for every unit of every format', () => {
    fc.assert(
      fc.property(dumpText, (text) => {
        const { dump } = parseDump('any.txt', encoder.encode(text));
        expect(dump.used + dump.boilerplate + dump.skipped.length).toBe(dump.units);
        if (dump.format === 'page-dump' || dump.format === 'page-dump-with-metadata' || dump.format === 'unknown') {
          expect(dump.units).toBe(splitParagraphs(text).length);
        }
        if (dump.format === 'compact-listing') expect(dump.units).toBe(nonBlankLines(text).length);
        for (const paper of dump.papers) {
          expect(paper.title.trim()).not.toBe('');
          expect(paper.abstract.trim()).not.toBe('');
        }
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const { dump } = parseDump('any.bin', bytes);
        expect(dump.used + dump.boilerplate + dump.skipped.length).toBe(dump.units);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('collapseSpaces', () => {
  it('gives what replacing every run of white space by one space and trimming gives', () => {
    const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', ' \t ');
    const text = fc.array(fc.oneof(spaces, fc.string({ maxLength: 6 })), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(collapseSpaces(t)).toBe(t.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
