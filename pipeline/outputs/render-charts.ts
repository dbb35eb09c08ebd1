/** Vega-Lite specs to SVG (vega, headless) and PNG (resvg, which ships its renderer in the npm package). */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from '../../src/charts/common.js';

export interface RenderedChart {
  readonly svg: string;
  readonly png: Uint8Array;
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

export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const { vegaSpec, warnings } = compileSpec(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const png = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return { svg, png: new Uint8Array(png), warnings };
}
