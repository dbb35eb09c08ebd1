/** Upvotes and author counts per topic, where the dumps carry them. */
import { topicsById, type ReportData } from '../report/report-data.js';
import { stratifiedSample } from '../report/sample.js';
import { CONFIG, topicColorScale, type ChartSpec } from './common.js';
import { buildNoteChart } from './note-chart.js';

export function buildEngagement(data: ReportData): ChartSpec {
  const withUpvotes = data.papers.filter((p) => p.upvotes !== null).length;
  const withAuthors = data.papers.filter((p) => p.authors !== null).length;
  if (withUpvotes === 0 && withAuthors === 0) {
    return buildNoteChart('Engagement', 'No paper in these dumps shows upvotes or an author count.');
  }
  const byId = topicsById(data);
  // Box plots need one row per paper: above the point limit, the stratified sample stands in.
  const shownPapers = stratifiedSample(data.papers);
  const values = shownPapers.map((p) => ({
    topic: byId.get(p.topic)!.name,
    upvotes: p.upvotes,
    authors: p.authors,
    title: p.title,
  }));
  const topicNames = data.topics.map((t) => t.name);
  const panel = (field: 'upvotes' | 'authors', title: string, shown: number) => ({
    title: {
      text: title,
      subtitle: `${shown} of ${data.papers.length} papers show it${shownPapers.length < data.papers.length ? `; drawn from a sample of ${shownPapers.length}` : ''}`,
      fontSize: 13,
    },
    width: 300,
    height: { step: 22 },
    transform: [{ filter: `datum.${field} !== null` }],
    encoding: {
      // Every topic gets a row in both panels, even one whose papers show no value.
      y: { field: 'topic', type: 'nominal' as const, title: null, sort: topicNames, scale: { domain: topicNames } },
      x: { field, type: 'quantitative' as const, title, axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'topic', type: 'nominal' as const, scale: topicColorScale(data.topics), legend: null },
    },
    // A tick per paper under the box: a topic with one or two values still shows them.
    layer: [
      {
        mark: { type: 'tick' as const, thickness: 1.5, size: 16, opacity: 0.55 },
        encoding: {
          tooltip: [
            { field: 'title', title: 'Title' },
            { field, title },
          ],
        },
      },
      { mark: { type: 'boxplot' as const, extent: 'min-max' as const, size: 14, opacity: 0.75 } },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Engagement per topic',
      subtitle: 'Ticks: papers; boxes: middle half of them; whiskers: lowest to highest',
    },
    config: CONFIG,
    data: { values },
    hconcat: [panel('upvotes', 'Upvotes', withUpvotes), panel('authors', 'Authors', withAuthors)],
  };
}
