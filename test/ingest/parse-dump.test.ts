import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { parseDump } from '../../src/ingest/parse-dump.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ingest');

function parseFixture(name: string) {
  const dir = join(FIXTURES, name);
  const input = readdirSync(dir).find((f) => f.startsWith('input'))!;
  return parseDump(`${name}/${input}`, readFileSync(join(dir, input)));
}

describe('parseDump on golden fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(`${name}: papers, accounting and diagnostics match expected/`, async () => {
      const { dump, diagnostics } = parseFixture(name);
      const rendered = { ...dump, diagnostics: diagnostics.map(formatDiagnostic) };
      await expect(`${JSON.stringify(rendered, null, 2)}\n`).toMatchFileSnapshot(
        join(FIXTURES, name, 'expected', 'result.json'),
      );
    });

    it(`${name}: every non-empty unit is used, boilerplate or skipped`, () => {
      const { dump } = parseFixture(name);
      expect(dump.used + dump.boilerplate + dump.skipped.length).toBe(dump.units);
    });
  }
});

describe('encodings and line endings', () => {
  const plain = parseFixture('page-dump').dump.papers.map(({ place, ...rest }) => ({ ...rest, line: place.line }));

  it.each(['utf16-bom', 'crlf-bom'])('%s parses to the same papers as the UTF-8/LF original', (name) => {
    const { dump, diagnostics } = parseFixture(name);
    expect(dump.papers.map(({ place, ...rest }) => ({ ...rest, line: place.line }))).toEqual(plain);
    expect(diagnostics).toEqual([]);
  });

  it('reads Windows-1252 text and says so once, with the line of the first bad byte', () => {
    const { dump, diagnostics } = parseFixture('windows-1252');
    expect(dump.papers[0]?.title).toBe('Tuning Language Models by Proxy — café');
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'warning windows-1252/input.txt:11 The file is not valid UTF-8; read it as Windows-1252 instead [not-utf8]',
    ]);
  });
});

describe('bad input never stops the rest', () => {
  it('a binary file is one error with its place, and no papers', () => {
    const { dump, diagnostics } = parseFixture('binary');
    expect(dump.format).toBe('binary');
    expect(dump.papers).toEqual([]);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'binary-file']]);
  });

  it('a title with no abstract is skipped with its line, the papers after it are kept', () => {
    const { dump } = parseFixture('missing-abstract');
    expect(dump.papers.map((p) => p.title)).toEqual(['Discrete Key-Value Bottleneck']);
    expect(dump.skipped.filter((s) => s.code === 'missing-abstract').map((s) => s.line)).toEqual([3, 5, 9]);
  });
});
