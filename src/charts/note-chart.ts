import { CONFIG, type ChartSpec } from './common.js';

/** A chart that says, in words, why there is nothing to draw. */
export function buildNoteChart(title: string, message: string): ChartSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 60,
    config: CONFIG,
    data: { values: [{ message }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 13, color: '#555' },
    encoding: { text: { field: 'message' }, x: { value: 0 }, y: { value: 30 } },
  };
}
