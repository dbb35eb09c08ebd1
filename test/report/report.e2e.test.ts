import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium, openReport } from './browser.js';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const CHARTS = ['topic-map', 'topic-sizes', 'top-terms', 'topics-over-time', 'choice-of-k', 'engagement'];

if (!hasChromium) {
  console.warn(`SKIPPED: the report.html browser test needs Chromium at ${CHROMIUM} (Debian: apt-get install chromium).`);
}

describe('a run on dumps with hostile and plain titles', () => {
  let out: string;
  beforeAll(async () => {
    const work = mkdtempSync(join(tmpdir(), 'topic-atlas-report-'));
    const dumps = join(work, 'dumps');
    mkdirSync(dumps);
    copyFileSync(join(ROOT, 'test/fixtures/report/escaping.txt'), join(dumps, 'escaping.txt'));
    copyFileSync(join(ROOT, 'test/fixtures/ingest/page-dump/input.txt'), join(dumps, 'plain.txt'));
    out = join(work, 'out');
    await run('node', [join(ROOT, 'bin/topic-atlas.js'), 'run', dumps, '--out', out, '--quiet'], { cwd: work });
  });

  it('writes every chart as spec, SVG and PNG, and both reports', () => {
    const files = readdirSync(join(out, 'charts')).sort();
    expect(files).toEqual(CHARTS.flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`]).sort());
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['report.html', 'report.md']));
  });

  it('escapes dump text in report.html and report.md', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script[^>]+src=/); // everything inlined, nothing fetched
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('Evaluating Translation Quality \\| With Pipes');
    expect(md).toContain('](charts/topic-map.svg)');
  });

  describe.skipIf(!hasChromium)('in headless Chromium, offline', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('draws every chart with no console errors and no network request, and shows the hostile title as text', async () => {
      mkdirSync(join(ROOT, '.test-output'), { recursive: true });
      const { page, report } = await openReport(browser, join(out, 'report.html'), join(ROOT, '.test-output', 'report-screenshot.png'));
      expect(report.consoleErrors).toEqual([]);
      expect(report.blockedRequests).toEqual([]);
      for (const chart of CHARTS) {
        expect(await page.locator(`[data-chart="${chart}"] svg`).count(), chart).toBe(1);
        expect(await page.locator(`[data-chart="${chart}"] svg .mark-symbol path, [data-chart="${chart}"] svg .mark-rect path, [data-chart="${chart}"] svg .mark-text text, [data-chart="${chart}"] svg .mark-line path`).count(), chart).toBeGreaterThan(0);
      }
      expect(await page.getByText('<img src=x onerror=alert(1)>').count()).toBeGreaterThan(0);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    });

    it('highlights a topic when its legend entry is clicked', async () => {
      const { page } = await openReport(browser, join(out, 'report.html'));
      const map = page.locator('[data-chart="topic-map"]');
      // The paper dots (not the legend's symbols, which are symbol marks too).
      const opacities = async () =>
        map.locator('.mark-symbol.role-mark path').evaluateAll((paths) => paths.map((p) => p.getAttribute('opacity') ?? ''));
      const before = await opacities();
      await map.locator('.role-legend-symbol path').first().click();
      const after = await opacities();
      const count = (values: string[], value: string) => values.filter((v) => v === value).length;
      expect(count(before, '0.85')).toBe(before.length);
      // The picked topic's papers stay, every other paper fades.
      expect(count(after, '0.85')).toBeGreaterThan(0);
      expect(count(after, '0.07')).toBeGreaterThan(0);
      expect(count(after, '0.85') + count(after, '0.07')).toBe(after.length);
    });
  });
});
