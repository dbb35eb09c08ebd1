/**
 * The chart worker: loads vega, vega-lite and resvg as soon as it starts (while the main thread
 * reads and fits the corpus), then draws the charts it is sent and posts each SVG and PNG back
 * (see chart-renderer.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { ChartSpec } from '../../src/charts/common.js';
import { renderCharts, type ChartMessage } from '../outputs/render-charts.js';
import { collectGarbage } from './collect-garbage.js';

parentPort?.on('message', (charts: { name: string; spec: ChartSpec }[]) => {
  void renderCharts(charts, (message: ChartMessage) => {
    parentPort!.postMessage(message);
    // A rasterised picture (45 MB for the top-terms chart at 2,000 papers) is freed only when its
    // small JS handle is collected, which a heap this size would put off until every picture
    // had piled up; a collection per picture costs a few milliseconds.
    if (message.kind === 'png') collectGarbage();
  }).then(() => parentPort!.postMessage({ kind: 'done' }));
});
