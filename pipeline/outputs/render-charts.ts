/**
 * Vega-Lite specs to SVG (vega, headless) and, with `run --png`, PNG (resvg, which ships its
 * renderer in the npm package; loaded only when a PNG is asked for).
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from '../../src/charts/common.js';

interface RenderedChart {
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

/** The chart as SVG, drawn by vega on this thread. */
async function chartSvg(spec: ChartSpec): Promise<{ svg: string; warnings: string[] }> {
  const { vegaSpec, warnings } = compileSpec(spec);
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return { svg, warnings };
}

/**
 * The SVG as PNG at twice its size. resvg rasterises on libuv's thread pool; the PNG encoding
 * (`asPng`) then runs on the calling thread.
 */
async function rasterise(svg: string): Promise<Uint8Array> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(image.asPng());
}

/** The chart as SVG and PNG; the PNG overlaps whatever this thread does next. */
export async function renderChart(spec: ChartSpec): Promise<RenderedChart> {
  const { svg, warnings } = await chartSvg(spec);
  const png = rasterise(svg);
  png.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  return { svg, png, warnings };
}

/** One chart's outcome, as the chart worker posts it (see parallel/chart-worker.ts). */
export type ChartMessage =
  | {
      readonly kind: 'svg';
      readonly name: string;
      readonly svg: string;
      readonly warnings: readonly string[];
      /** True when this chart is done (no PNG follows). */
      readonly last: boolean;
    }
  | { readonly kind: 'png'; readonly name: string; readonly png: Uint8Array }
  | { readonly kind: 'failed'; readonly name: string; readonly error: string };

/**
 * Rasterisations in flight at once. Each holds its whole pixmap (the top-terms chart at 2,000
 * papers: 3,494 × 3,210 pixels, 45 MB) until encoded, so two keep memory bounded and both cores busy.
 */
const RASTER_SLOTS = 2;

/** What to draw: every chart's SVG, and its PNG when `png` (`run --png`). */
export interface ChartJob {
  readonly charts: readonly { readonly name: string; readonly spec: ChartSpec }[];
  readonly png: boolean;
}

/**
 * Every chart's SVG in order; with `png`, each rasterised as soon as a slot is free, the largest
 * waiting picture first (the biggest PNG is the longest single task). Resolves when every chart
 * has posted its last message (its SVG, its PNG or its failure); the bytes never depend on the order.
 */
export async function renderCharts({ charts, png }: ChartJob, emit: (message: ChartMessage) => void): Promise<void> {
  const slots = new Slots(RASTER_SLOTS);
  const rasters: Promise<void>[] = [];
  for (const { name, spec } of charts) {
    let svg: string;
    try {
      const drawn = await chartSvg(spec);
      svg = drawn.svg;
      emit({ kind: 'svg', name, svg, warnings: drawn.warnings, last: !png });
    } catch (error) {
      emit({ kind: 'failed', name, error: firstLine(error) });
      continue;
    }
    if (!png) continue;
    rasters.push(
      slots
        .take(pixels(svg))
        .then(() => rasterise(svg))
        .then(
          (png) => emit({ kind: 'png', name, png }),
          (error: unknown) => emit({ kind: 'failed', name, error: firstLine(error) }),
        )
        .finally(() => slots.give()),
    );
  }
  await Promise.all(rasters);
}

/** A counting semaphore that hands a freed slot to the largest waiting job. */
class Slots {
  private readonly waiting: { size: number; go: () => void }[] = [];
  constructor(private free: number) {}

  take(size: number): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((go) => this.waiting.push({ size, go }));
  }

  give(): void {
    if (this.waiting.length === 0) {
      this.free++;
      return;
    }
    let largest = 0;
    for (let i = 1; i < this.waiting.length; i++) if (this.waiting[i]!.size > this.waiting[largest]!.size) largest = i;
    this.waiting.splice(largest, 1)[0]!.go();
  }
}

/** The picture's area from the SVG's width and height attributes (0 when absent). */
function pixels(svg: string): number {
  const size = /^<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  return size ? Number(size[1]) * Number(size[2]) : 0;
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\n[\s\S]*/, '');
}
