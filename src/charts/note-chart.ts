import { CONFIG, type ChartSpec } from './common.js';

/** A chart that says, in words, why there is nothing to draw: one line, or several. */
export function buildNoteChart(title: string, message: string | readonly string[]): ChartSpec {
  const lines = typeof message === 'string' ? 1 : message.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 60 + 18 * (lines - 1),
    config: CONFIG,
    data: { values: [{ message }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 13, color: '#555' },
    encoding: { text: { field: 'message' }, x: { value: 0 }, y: { value: 30 + 9 * (lines - 1) } },
  };
}
