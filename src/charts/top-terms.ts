/** The most distinctive terms of each topic: small multiples of horizontal bars. */
import type { ReportData } from '../report/report-data.js';
import { CONFIG, shorten, topicColorScale, type ChartSpec } from './common.js';

export function buildTopTerms(data: ReportData): ChartSpec {
  const values = data.topics.flatMap((t) =>
    t.terms.map((term, rank) => ({
      topic: t.name,
      panel: shorten(t.name, 40),
      term: term.term,
      weight: term.weight,
      rank,
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Top terms per topic',
      subtitle: [
        "Weight: the share p of the topic's papers using the term, times how over-represented it is there, ranked down when common everywhere (p · ln(p/q) · (1 − q))",
        'Order: the heaviest first, then terms used in the same papers together, so a bar may outweigh the one above it',
      ],
    },
    config: CONFIG,
    data: { values },
    columns: 3,
    facet: {
      field: 'panel',
      type: 'nominal',
      sort: data.topics.map((t) => shorten(t.name, 40)),
      title: null,
      header: { labelFontSize: 12, labelFontWeight: 'bold', labelLimit: 0, labelAlign: 'left', labelAnchor: 'start' },
    },
    spec: {
      width: 140,
      height: { step: 15 },
      mark: { type: 'bar', cornerRadiusEnd: 2 },
      encoding: {
        y: {
          field: 'term',
          type: 'nominal',
          sort: { field: 'rank', order: 'ascending' },
          title: null,
          axis: { labelLimit: 0 },
        },
        x: { field: 'weight', type: 'quantitative', title: 'Weight', axis: { format: '~r', tickCount: 3 } },
        color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), legend: null },
      },
    },
    resolve: { scale: { y: 'independent', x: 'independent' } },
  };
}
