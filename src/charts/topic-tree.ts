/**
 * The topic tree's two levels at a glance: one bar per broad group (the tree's coarse cut), made
 * of its topics, each as wide as its papers and in its own colour. Hovering a piece names it.
 */
import type { ReportData } from '../report/report-data.js';
import { CONFIG, shorten, topicColorScale, type ChartSpec } from './common.js';

export function buildTopicTree(data: ReportData): ChartSpec {
  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const groups = [
    ...(data.topicGroups ?? data.topics.map((t) => ({ id: String(t.id), label: t.label, topics: [t.id] }))),
  ]
    .map((g) => ({ ...g, size: g.topics.reduce((n, id) => n + (topics.get(id)?.size ?? 0), 0) }))
    .sort((a, b) => b.size - a.size);
  const groupName = (g: { label: string; topics: readonly number[] }): string =>
    g.topics.length === 1 ? shorten(g.label, 44) : `${shorten(g.label, 28)} (${g.topics.length} topics)`;
  // Pieces laid out here (start, end, middle), so each can carry its topic id as text.
  const values = groups.flatMap((g) => {
    let start = 0;
    return g.topics
      .map((id) => topics.get(id)!)
      .sort((a, b) => b.size - a.size)
      .map((t) => {
        const piece = {
          group: groupName(g),
          topic: t.name,
          id: String(t.id),
          papers: t.size,
          start,
          end: start + t.size,
        };
        start += t.size;
        return { ...piece, middle: (piece.start + piece.end) / 2 };
      });
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Topic tree',
      subtitle: `${data.topics.length} topics in ${groups.length} broad groups (topics merged by the similarity of their centres)`,
    },
    width: 520,
    height: { step: 30 },
    config: CONFIG,
    data: { values },
    encoding: { y: { field: 'group', type: 'nominal', sort: groups.map(groupName), title: null } },
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: 'Papers' },
          x2: { field: 'end' },
          color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), legend: null },
          tooltip: [
            { field: 'topic', type: 'nominal', title: 'Topic' },
            { field: 'papers', type: 'quantitative', title: 'Papers' },
            { field: 'group', type: 'nominal', title: 'Group' },
          ],
        },
      },
      {
        // Topic ids on pieces wide enough to hold them.
        transform: [{ filter: `datum.papers >= ${Math.max(1, Math.round(0.02 * data.papers.length))}` }],
        mark: { type: 'text', color: 'white', fontSize: 11, fontWeight: 'bold' },
        encoding: { x: { field: 'middle', type: 'quantitative' }, text: { field: 'id', type: 'nominal' } },
      },
    ],
  };
}
