/** Papers per topic per month, for the papers whose dump shows a date. */
import { topicsById, type ReportData } from '../report/report-data.js';
import { CONFIG, topicColorScale, type ChartSpec } from './common.js';
import { buildNoteChart } from './note-chart.js';

export function buildTopicsOverTime(data: ReportData): ChartSpec {
  // A paper's own date, else its listing day (the date printed on the page it was copied from).
  const day = (p: (typeof data.papers)[number]): string | null => p.date ?? p.listed ?? null;
  const dated = data.papers.filter((p) => day(p) !== null);
  if (dated.length === 0) {
    return buildNoteChart(
      'Topics over time',
      'No paper in these dumps carries a date, so there is no timeline to draw.',
    );
  }
  const undated = data.papers.length - dated.length;
  const note = undated > 0 ? `; ${undated} of ${data.papers.length} papers have no date and are not shown` : '';
  const byId = topicsById(data);
  const counts = new Map<string, number>();
  for (const p of dated) {
    const key = `${day(p)!.slice(0, 7)}|${p.topic}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const values = [...counts.entries()]
    .map(([key, papers]) => {
      const [month, topic] = key.split('|') as [string, string];
      return { month: `${month}-01`, topic: byId.get(Number(topic))!.name, papers };
    })
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.topic < b.topic ? -1 : 1));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Topics over time', subtitle: `Papers per topic per month of their listing date${note}` },
    width: 720,
    height: 260,
    config: CONFIG,
    data: { values },
    params: [{ name: 'pick', select: { type: 'point', fields: ['topic'] }, bind: 'legend' }],
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'month',
        type: 'temporal',
        timeUnit: 'yearmonth',
        title: 'Month',
        axis: { format: '%b %Y', labelAngle: -40 },
      },
      y: {
        field: 'papers',
        type: 'quantitative',
        aggregate: 'sum',
        title: 'Papers',
        stack: true,
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), title: 'Topic' },
      opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'yearmonth', title: 'Month' },
        { field: 'topic', title: 'Topic' },
        { field: 'papers', type: 'quantitative', aggregate: 'sum', title: 'Papers' },
      ],
    },
  };
}
