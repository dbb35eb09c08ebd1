/**
 * Papers per broad group per month, for the papers whose dump shows a date. By group, not by topic:
 * 15-50 topics stacked in one bar are stripes no one can tell apart; each topic's own share per
 * month is the small line in its section. With no broad group of two or more topics
 * (`hasGrouping`), the groups are the topics, and the bars are stacked by topic in topic colours.
 */
import { broadGroups, groupOfTopic, hasGrouping, topicsById, type ReportData } from '../report/report-data.js';
import { CONFIG, groupColorScale, topicColorScale, type ChartSpec } from './common.js';
import { buildNoteChart } from './note-chart.js';
import { listingDay } from '../report/summary.js';

export function buildTopicsOverTime(data: ReportData): ChartSpec {
  const dated = data.papers.filter((p) => listingDay(p) !== null);
  if (dated.length === 0) {
    return buildNoteChart(
      'Topics over time',
      'No paper in these dumps carries a date, so there is no timeline to draw.',
    );
  }
  const undated = data.papers.length - dated.length;
  const note = undated > 0 ? `; ${undated} of ${data.papers.length} papers have no date and are not shown` : '';
  const flat = !hasGrouping(data);
  const groupOf = groupOfTopic(data);
  const topics = topicsById(data);
  const nameOf = (topic: number): string => (flat ? topics.get(topic)!.name : groupOf.get(topic)!.name);
  const field = flat ? 'topic' : 'group';
  const title = flat ? 'Topic' : 'Broad group';
  const counts = new Map<string, number>();
  for (const p of dated) {
    const key = `${listingDay(p)!.slice(0, 7)}|${nameOf(p.topic)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const values = [...counts.entries()]
    .map(([key, papers]) => {
      const at = key.indexOf('|');
      return { month: `${key.slice(0, at)}-01`, name: key.slice(at + 1), papers };
    })
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.name < b.name ? -1 : 1))
    .map((v) => ({ month: v.month, [field]: v.name, papers: v.papers }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Topics over time',
      subtitle: `Papers per ${flat ? 'topic' : 'broad group'} per month of their listing date${note} (each topic's share per month: in its section)`,
    },
    width: 720,
    height: 260,
    config: CONFIG,
    data: { values },
    params: [{ name: 'pick', select: { type: 'point', fields: [field] }, bind: 'legend' }],
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
      color: {
        field,
        type: 'nominal',
        scale: flat ? topicColorScale(data.topics) : groupColorScale(broadGroups(data)),
        title,
      },
      opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'yearmonth', title: 'Month' },
        { field, title },
        { field: 'papers', type: 'quantitative', aggregate: 'sum', title: 'Papers' },
      ],
    },
  };
}
