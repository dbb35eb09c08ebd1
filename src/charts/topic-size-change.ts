/** Topic sizes before and after: the previous run against this one, topic by topic. */
import type { ReportChanges } from '../report/report-data.js';
import { CONFIG, type ChartSpec } from './common.js';

export function buildTopicSizeChange(changes: ReportChanges): ChartSpec {
  const values = changes.sizes.flatMap((t) => [
    { topic: t.name, run: `before (${changes.from})`, papers: t.before, order: 0 },
    { topic: t.name, run: `after (${changes.to})`, papers: t.after, order: 1 },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Topic sizes, before and after',
      subtitle: `Run ${changes.from} against run ${changes.to}; a topic that did not exist has no bar`,
    },
    width: 420,
    height: { step: 14 },
    config: CONFIG,
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'topic', type: 'nominal', title: null, sort: changes.sizes.map((t) => t.name) },
      yOffset: { field: 'run', type: 'nominal', sort: { field: 'order' } },
      x: { field: 'papers', type: 'quantitative', title: 'Papers' },
      color: {
        field: 'topic',
        type: 'nominal',
        scale: { domain: changes.sizes.map((t) => t.name), range: changes.sizes.map((t) => t.color) },
        legend: null,
      },
      opacity: { field: 'run', type: 'nominal', sort: { field: 'order' }, scale: { range: [0.35, 1] }, title: 'Run' },
      tooltip: [{ field: 'topic' }, { field: 'run' }, { field: 'papers', type: 'quantitative' }],
    },
  };
}
