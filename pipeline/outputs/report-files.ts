/** The report's files: chart specs, SVG and PNG per chart, report.html and report.md. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildCharts } from '../../src/charts/index.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { messages } from '../../src/messages.js';
import { renderHtmlReport, type InlineLibraries } from '../../src/report/html.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import type { ReportData } from '../../src/report/report-data.js';
import { renderChart } from './render-charts.js';
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

export interface RenderedReport {
  /** `charts/NAME.vl.json`, `.svg`, `.png` -> content. */
  readonly charts: ReadonlyMap<string, string | Uint8Array>;
  readonly html: string;
  readonly markdown: string;
  /** What vega-lite warned about, for the manifest. */
  readonly warnings: readonly string[];
  /** Charts that could not be drawn. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Every report file: the charts (spec, SVG, PNG), the HTML page and the Markdown report. */
export async function renderReportFiles(
  data: ReportData,
  progress: ProgressSink = NO_PROGRESS,
): Promise<RenderedReport> {
  const charts = buildCharts(data);
  progress.start(charts.length, 'charts');
  const files = new Map<string, string | Uint8Array>();
  const warnings: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const pictures: { name: string; svg: string; png: Promise<Uint8Array> }[] = [];
  for (const chart of charts) {
    files.set(`charts/${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    // A chart that cannot be drawn costs that chart's pictures, not the run: the report still
    // draws it from its spec in the browser.
    try {
      const rendered = await renderChart(chart.spec);
      pictures.push({ name: chart.name, svg: rendered.svg, png: rendered.png });
      warnings.push(...rendered.warnings.map((w) => `${chart.name}: ${w}`));
    } catch (error) {
      diagnostics.push(messages.chartFailed(chart.name, firstLine(error)));
    }
  }
  // The report pages are built while the PNGs rasterise on other threads.
  const html = renderHtmlReport(data, charts, await readInlineLibraries());
  const markdown = renderMarkdownReport(data, charts);
  for (const [done, picture] of pictures.entries()) {
    try {
      const png = await picture.png;
      files.set(`charts/${picture.name}.svg`, picture.svg);
      files.set(`charts/${picture.name}.png`, png);
    } catch (error) {
      diagnostics.push(messages.chartFailed(picture.name, firstLine(error)));
    }
    progress.advance(done + 1);
  }
  return { charts: files, html, markdown, warnings, diagnostics };
}

function firstLine(error: unknown): string {
  return (error as Error).message.replace(/\n[\s\S]*/, '');
}
