/**
 * Charts drawn off the main thread. `warmChartRenderer` starts a worker early in a run; it loads
 * vega and vega-lite (about 0.4 s) on its own thread while this one fits the topics. The report
 * step then hands it the specs and goes on with the HTML and the other output files while the
 * worker draws the SVGs (and, with `run --png`, the PNGs). Without a warm worker (tests, `assign`), or when it stops, the
 * charts are drawn on this thread: same bytes either way.
 */
import type { Worker } from 'node:worker_threads';
import type { ChartSpec } from '../../src/charts/common.js';
import type { ChartJob, ChartMessage } from '../outputs/render-charts.js';
import { startWorker } from './start-worker.js';

interface WarmWorker {
  readonly worker: Worker;
  /** Settles with why the worker stopped, once it has. */
  readonly stopped: Promise<Error>;
}

let warm: WarmWorker | null = null;

/**
 * A young generation of 6 MB instead of V8's default (up to 48 MB): vega's dataflows make many
 * short-lived objects, and the default let this thread's heap reach 64 MB. Peak RSS of a run on
 * 2,000 papers 230-247 -> 214-220 MiB, the charts drawn as fast within the noise.
 */
const CHART_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/** Starts the chart worker unless one is waiting already. It never keeps the process alive while idle. */
export function warmChartRenderer(): void {
  if (warm !== null) return;
  try {
    const worker = startWorker('chart-worker', CHART_WORKER_LIMITS);
    worker.unref();
    let last: Error | undefined;
    worker.on('error', (error: Error) => (last = error));
    const stopped = new Promise<Error>((resolve) =>
      worker.once('exit', (code) => resolve(last ?? new Error(`the chart worker exited (code ${code})`))),
    );
    warm = { worker, stopped };
  } catch {
    warm = null; // drawn on this thread instead
  }
}

/** Each chart's SVG (and PNG when asked), the warnings of its compilation, or why it could not be drawn. */
export interface DrawnCharts {
  readonly svg: ReadonlyMap<string, string>;
  /** Empty unless the job asked for PNGs. */
  readonly png: ReadonlyMap<string, Uint8Array>;
  readonly warnings: ReadonlyMap<string, readonly string[]>;
  readonly failed: ReadonlyMap<string, string>;
}

/**
 * Draws the charts on the warm worker (which is then done with: the next run starts another),
 * or on this thread when there is none or it stops. `onDrawn` is called as each chart finishes.
 */
export async function drawCharts(
  charts: readonly { readonly name: string; readonly spec: ChartSpec }[],
  onDrawn: (finished: number) => void = () => {},
  png = false,
): Promise<DrawnCharts> {
  const job: ChartJob = { charts, png };
  const taken = warm;
  warm = null;
  if (taken !== null) {
    try {
      return await collect((emit) => onWorker(taken, job, emit), onDrawn);
    } catch {
      // The worker stopped: draw everything here.
    } finally {
      void taken.worker.terminate();
    }
  }
  const { renderCharts } = await import('../outputs/render-charts.js');
  return collect((emit) => renderCharts(job, emit), onDrawn);
}

function onWorker(
  { worker, stopped }: WarmWorker,
  job: ChartJob,
  emit: (message: ChartMessage) => void,
): Promise<void> {
  worker.ref(); // an awaited promise alone does not keep the process alive
  const done = new Promise<void>((resolve) => {
    worker.on('message', (message: ChartMessage | { kind: 'done' }) =>
      message.kind === 'done' ? resolve() : emit(message),
    );
  });
  worker.postMessage(job);
  return Promise.race([done, stopped.then((error) => Promise.reject(error))]);
}

async function collect(
  draw: (emit: (message: ChartMessage) => void) => Promise<void>,
  onDrawn: (finished: number) => void,
): Promise<DrawnCharts> {
  const svg = new Map<string, string>();
  const png = new Map<string, Uint8Array>();
  const warnings = new Map<string, readonly string[]>();
  const failed = new Map<string, string>();
  let finished = 0;
  await draw((message) => {
    if (message.kind === 'svg') {
      svg.set(message.name, message.svg);
      warnings.set(message.name, message.warnings);
      if (!message.last) return;
    } else if (message.kind === 'png') png.set(message.name, message.png);
    else failed.set(message.name, message.error);
    onDrawn(++finished);
  });
  return { svg, png, warnings, failed };
}
