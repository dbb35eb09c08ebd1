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
    // A rasterised picture (45 MB for the top-terms chart at 2,000 papers) is freed only when its
    // small JS handle is collected, which a heap this size would put off until every picture
    // had piled up; a collection per picture costs a few milliseconds.
    if (message.kind === 'png') collectGarbage();
  }).then(() => parentPort!.postMessage({ kind: 'done' }));
});
