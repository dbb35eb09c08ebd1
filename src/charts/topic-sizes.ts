/** Papers per topic, as horizontal bars labelled by topic. */
import type { ReportData } from '../report/report-data.js';
import { CONFIG, topicColorScale, type ChartSpec } from './common.js';

export function buildTopicSizes(data: ReportData): ChartSpec {
  const values = data.topics.map((t) => ({ topic: t.name, papers: t.size }));
  // Topic 0 is the largest, so topic order is size order.
  const y = { field: 'topic', type: 'nominal' as const, sort: data.topics.map((t) => t.name), title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Topic sizes', subtitle: `${data.papers.length} papers in ${data.topics.length} topics` },
    width: 420,
    height: { step: 26 },
    config: CONFIG,
    data: { values },
    encoding: { y, x: { field: 'papers', type: 'quantitative', title: 'Papers' } },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: { color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { text: { field: 'papers', type: 'quantitative' } },
      },
    ],
  };
}
