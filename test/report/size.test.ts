import { describe, expect, it } from 'vitest';
import { readInlineLibraries } from '../../pipeline/outputs/report-files.js';
import { ABSTRACT_CAP, buildPaperIndex, capAbstract } from '../../src/report/paper-index.js';
import { syntheticReportData, syntheticReportHtml } from './synthetic.js';

describe('the paper index', () => {
  it('cuts abstracts at a word boundary with an ellipsis, and leaves short ones alone', () => {
    expect(capAbstract('short text', 600)).toBe('short text');
    const cut = capAbstract('word '.repeat(200), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('holds every paper with abstracts up to the cap when it fits, in topic then list order', () => {
    const data = syntheticReportData(300, 3);
    const index = buildPaperIndex(data);
    expect(index.covered).toBe(300);
    expect(index.abstractCap).toBe(ABSTRACT_CAP);
    expect(index.rows.every((r) => r[7].length <= ABSTRACT_CAP)).toBe(true);
    expect(index.rows.map((r) => r[2])).toEqual([...index.rows.map((r) => r[2])].sort((a, b) => a - b));
    expect(buildPaperIndex(syntheticReportData(300, 3))).toEqual(index);
  });

  it('shortens the abstracts past the first page, then drops papers, to stay within its budget', () => {
    const data = syntheticReportData(2_000, 4);
    const shorter = buildPaperIndex(data, { budget: 600_000 });
    expect(shorter.covered).toBe(2_000);
    expect(shorter.abstractCap).toBeLessThan(ABSTRACT_CAP);
    expect(JSON.stringify(shorter.rows).length).toBeLessThan(600_000);
    const fewer = buildPaperIndex(data, { budget: 200_000 });
    expect(fewer.covered).toBeLessThan(2_000);
    expect(fewer.abstractCap).toBe(0);
    // The first page of every topic keeps its abstracts.
    expect(fewer.rows.filter((r) => r[7].length > 0).length).toBeGreaterThanOrEqual(4 * 25);
    expect(JSON.stringify(fewer.rows).length).toBeLessThan(200_000 * 1.1);
  });
});

describe('report.html size', () => {
  it('stays under 10 MB at 200,000 papers', { timeout: 120_000 }, async () => {
    const libraries = await readInlineLibraries();
    for (const n of [2_000, 65_000, 200_000]) {
      const bytes = Buffer.byteLength(syntheticReportHtml(n, libraries));
      console.log(`report.html at ${n.toLocaleString('en')} papers: ${(bytes / 1e6).toFixed(2)} MB`);
      expect(bytes).toBeLessThan(10_000_000);
    }
  });
});
