/** Vega-Lite specs to SVG (vega, headless) and PNG (resvg, which ships its renderer in the npm package). */
import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from '../../src/charts/common.js';

export interface RenderedChart {
  readonly svg: string;
  /** Resolves once rasterised (off this thread); rejects when the SVG cannot be rasterised. */
  readonly png: Promise<Uint8Array>;
  /** What vega-lite warned about while compiling; empty for a clean spec. */
  readonly warnings: readonly string[];
}

/** Compiles a spec with a logger that collects warnings instead of printing them. */
export function compileSpec(spec: ChartSpec): { vegaSpec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]): void => void warnings.push(args.map(String).join(' '));
  const logger = {
    level: () => logger,
    error: (...args: readonly unknown[]) => {
      collect(...args);
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      collect(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  } as unknown as Parameters<typeof compile>[1] extends infer O ? (O extends { logger?: infer L } ? L : never) : never;
  const { spec: vegaSpec } = compile(spec, { logger });
  return { vegaSpec, warnings };
}

/**
 * The chart as SVG (vega, on this thread) and PNG. The PNG is rasterised by resvg on libuv's
 * thread pool, so it overlaps whatever this thread does next (the next chart, the HTML report):
 * rasterising at twice the size is most of a chart's cost.
 */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const { vegaSpec, warnings } = compileSpec(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).then((image) => new Uint8Array(image.asPng()));
  png.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  return { svg, png, warnings };
}
