/**
 * The chart worker: loads vega and vega-lite as soon as it starts (while the main thread reads and
 * fits the corpus), then draws the charts it is sent and posts each SVG (and PNG, with `run --png`)
 * back (see chart-renderer.ts).
 */
import { parentPort } from 'node:worker_threads';
import { renderCharts, type ChartJob, type ChartMessage } from '../outputs/render-charts.js';
import { collectGarbage } from './collect-garbage.js';

parentPort?.on('message', (job: ChartJob) => {
  void renderCharts(job, (message: ChartMessage) => {
    parentPort!.postMessage(message);
    // A collection as each chart is done. A rasterised picture (45 MB for the top-terms chart at
    // 2,000 papers) is freed only when its small JS handle is collected, which a heap this size
    // would put off until every picture had piled up; and without PNGs the dataflows of the
    // charts drawn so far still grew this thread's heap from 16 to 64 MB before its first full
    // collection (peak RSS at 2,000 papers 256-273 -> 232-246 MiB). A few milliseconds each.
    if (message.kind !== 'svg' || message.last) collectGarbage();
  }).then(() => parentPort!.postMessage({ kind: 'done' }));
});
