/**
 * The report's files: report.html, report.md and each chart's spec; with `run --svg` each chart's
 * SVG, with `run --png` its SVG and PNG.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { buildCharts } from '../../src/charts/index.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { messages } from '../../src/messages.js';
import { htmlReportParts, INDEX_DEFLATE_LEVEL, joinHtmlReport, type InlineLibraries } from '../../src/report/html.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import type { ReportData } from '../../src/report/report-data.js';
import { drawCharts, type DrawnCharts } from '../parallel/chart-renderer.js';
import { NO_PROGRESS, type ProgressSink } from '../../src/progress.js';

const require = createRequire(import.meta.url);

let libraries: Promise<InlineLibraries> | undefined;

/** The browser builds of vega, vega-lite and vega-embed, read once per process (a --watch session reruns). */
export function readInlineLibraries(): Promise<InlineLibraries> {
  libraries ??= readLibraries();
  return libraries;
}

async function readLibraries(): Promise<InlineLibraries> {
  const build = (pkg: string, file: string): Promise<string> =>
    readFile(join(dirname(require.resolve(pkg)), file), 'utf8');
  const [vega, vegaLite, vegaEmbed] = await Promise.all([
    build('vega', 'vega.min.js'),
    build('vega-lite', 'vega-lite.min.js'),
    build('vega-embed', 'vega-embed.min.js'),
  ]);
  return { vega, vegaLite, vegaEmbed };
}

/** The chart files and what drawing them found. */
export interface ChartFiles {
  /** `charts/NAME.vl.json` (and `.svg`, `.png` when asked) -> content. */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** What vega-lite warned about, for the manifest. */
  readonly warnings: readonly string[];
  /** Charts that could not be drawn. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The report pages: report.md at once; report.html once its paper index is deflated (on libuv's
 * threads, while this one writes the other files: 20,000 papers, 120 ms); the chart files when
 * they are drawn (off this thread in a run).
 */
export interface ReportFiles {
  readonly html: Promise<string>;
  readonly markdown: string;
  readonly charts: Promise<ChartFiles>;
}

/** Every report file, the charts drawn. */
export interface RenderedReport {
  readonly charts: ChartFiles['files'];
  readonly html: string;
  readonly markdown: string;
  readonly warnings: ChartFiles['warnings'];
  readonly diagnostics: ChartFiles['diagnostics'];
}

/**
 * The static pictures of the charts. None by default: report.html draws every chart from its spec,
 * and drawing them here (vega, headless) is most of a small run's time (seeds: 0.5 of 1.6 s).
 */
export type ChartImages = 'none' | 'svg' | 'png';

/** How the report's files are drawn. */
export interface ReportFileOptions {
  /** `svg` draws `charts/NAME.svg`, `png` that and `charts/NAME.png` (`run --svg`, `--png`). */
  readonly images?: ChartImages;
}

const deflateAsync = promisify(deflateRaw);

const NOTHING_DRAWN: DrawnCharts = { svg: new Map(), png: new Map(), warnings: new Map(), failed: new Map() };

/**
 * Every report file. The charts are handed to the chart worker first (see
 * parallel/chart-renderer.ts), so they are drawn while the pages are built and the other output
 * files written.
 */
export async function startReportFiles(
  data: ReportData,
  progress: ProgressSink = NO_PROGRESS,
  { images = 'none' }: ReportFileOptions = {},
): Promise<ReportFiles> {
  const charts = buildCharts(data);
  let drawn = Promise.resolve(NOTHING_DRAWN);
  if (images !== 'none') {
    progress.start(charts.length, 'charts');
    drawn = drawCharts(
      charts.map(({ name, spec }) => ({ name, spec })),
      (finished) => progress.advance(finished),
      images === 'png',
    );
    drawn.catch(() => undefined); // awaited through `charts` below; never an unhandled rejection meanwhile
  }
  const page = htmlReportParts(data, charts, await readInlineLibraries());
  // One chunk for the whole output: zlib's default 16 kB would need this thread between chunks.
  const html = deflateAsync(page.indexJson, { level: INDEX_DEFLATE_LEVEL, chunkSize: 2 ** 24 }).then((index) =>
    joinHtmlReport(page, index),
  );
  html.catch(() => undefined); // awaited when report.html is written; never an unhandled rejection meanwhile
  const markdown = renderMarkdownReport(data, charts, images !== 'none');
  const files = drawn.then(({ svg, png, warnings, failed }): ChartFiles => {
    const files = new Map<string, string | Uint8Array>();
    const diagnostics: Diagnostic[] = [];
    for (const { name, spec } of charts) {
      files.set(`charts/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
      // A chart that cannot be drawn costs that chart's pictures, not the run: the report still
      // draws it from its spec in the browser.
      const error = failed.get(name);
      if (error !== undefined) diagnostics.push(messages.chartFailed(name, error));
      else if (images !== 'none') {
        files.set(`charts/${name}.svg`, svg.get(name)!);
        const picture = png.get(name);
        if (picture !== undefined) files.set(`charts/${name}.png`, picture);
      }
    }
    const compiled = charts.flatMap(({ name }) => (warnings.get(name) ?? []).map((w) => `${name}: ${w}`));
    return { files, warnings: compiled, diagnostics };
  });
  return { html, markdown, charts: files };
}

/** Every report file, the charts drawn. */
export async function renderReportFiles(
  data: ReportData,
  progress?: ProgressSink,
  options?: ReportFileOptions,
): Promise<RenderedReport> {
  const { html, markdown, charts } = await startReportFiles(data, progress, options);
  const { files, warnings, diagnostics } = await charts;
  return { charts: files, html: await html, markdown, warnings, diagnostics };
}
