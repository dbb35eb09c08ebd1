/**
 * The topic tree's two levels at a glance: one bar per broad group (the tree's coarse cut), in the
 * group's colour and as long as its papers, split into its topics (largest first, topic ids on the
 * pieces wide enough). In the report it is a control: clicking a group's name or a topic's piece
 * sets the `focusGroup` / `focusTopic` params (the script filters the topic list and the map to
 * them), and the picked group's pieces then take their topics' colours, as on the map. With no
 * broad group of two or more topics (`hasGrouping`) there is no tree to draw, and it says so.
 */
import { broadGroups, hasGrouping, topicsById, type ReportData } from '../report/report-data.js';
import {
  CONFIG,
  FOCUS_PARAMS,
  IN_FOCUS,
  NO_FOCUS,
  TOPIC_IN_FOCUS,
  groupColorScale,
  shorten,
  topicColorScale,
  type ChartSpec,
} from './common.js';
import { buildNoteChart } from './note-chart.js';
import { formatCount } from '../format-count.js';

export function buildTopicTree(data: ReportData): ChartSpec {
  if (!hasGrouping(data)) return buildNoteChart('Topic tree', noGroupingNote(data));
  const topics = topicsById(data);
  const groups = broadGroups(data);
  const rowName = (g: (typeof groups)[number]): string => shorten(g.name, 44);
  // Pieces laid out here (start, end, middle), so each can carry its topic id as text.
  const values = groups.flatMap((g) => {
    let start = 0;
    return g.topics.map((id) => {
      const t = topics.get(id)!;
      const piece = { row: rowName(g), group: g.name, gid: g.id, tid: t.id, topic: t.name, papers: t.size, start };
      start += t.size;
      return { ...piece, end: start, middle: piece.start + t.size / 2 };
    });
  });
  const rows = groups.map((g) => ({
    row: rowName(g),
    group: g.name,
    gid: g.id,
    papers: g.size,
    zero: 0,
    count: `${g.topics.length} ${g.topics.length === 1 ? 'topic' : 'topics'} · ${formatCount(g.size)} papers`,
  }));
  const y = { field: 'row', type: 'nominal' as const, sort: groups.map(rowName), title: null, axis: null };
  const pieceTooltip = [
    { field: 'topic', type: 'nominal' as const, title: 'Topic' },
    { field: 'papers', type: 'quantitative' as const, title: 'Papers' },
    { field: 'group', type: 'nominal' as const, title: 'Broad group' },
  ];
  const bar = { type: 'bar' as const, stroke: 'white', strokeWidth: 1, cursor: 'pointer' as const };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Topic tree',
      subtitle: [
        `${data.topics.length} topics in ${groups.length} broad groups (topics merged by the similarity of their centres); each piece is a topic.`,
        'Click a group’s name or a topic to show only its topics and papers.',
      ],
    },
    width: 520,
    height: { step: 30 },
    config: CONFIG,
    resolve: { scale: { color: 'independent' } },
    params: FOCUS_PARAMS,
    data: { values },
    encoding: { y },
    layer: [
      {
        name: 'groups',
        mark: bar,
        encoding: {
          // A fixed domain: the picked group's layer is empty until a group is picked.
          x: {
            field: 'start',
            type: 'quantitative',
            title: 'Papers',
            scale: { domain: [0, Math.max(1, ...groups.map((g) => g.size))] },
            axis: { tickCount: 6 },
          },
          x2: { field: 'end' },
          color: { field: 'group', type: 'nominal', scale: groupColorScale(groups), legend: null },
          opacity: { condition: { test: `${NO_FOCUS} || datum.gid === focusGroup`, value: 1 }, value: 0.3 },
          tooltip: pieceTooltip,
        },
      },
      {
        name: 'focused',
        transform: [{ filter: IN_FOCUS }],
        mark: bar,
        encoding: {
          x: { field: 'start', type: 'quantitative' },
          x2: { field: 'end' },
          color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), legend: null },
          opacity: { condition: { test: TOPIC_IN_FOCUS, value: 1 }, value: 0.35 },
          tooltip: pieceTooltip,
        },
      },
      {
        // Topic ids on pieces wide enough to hold them.
        transform: [{ filter: `datum.papers >= ${Math.max(1, Math.round(0.02 * data.papers.length))}` }],
        mark: { type: 'text', color: 'white', fontSize: 11, fontWeight: 'bold', cursor: 'pointer' },
        encoding: {
          x: { field: 'middle', type: 'quantitative' },
          text: { field: 'tid', type: 'nominal' },
          tooltip: pieceTooltip,
        },
      },
      {
        // The groups' names, left of their bars (as marks, not axis labels, so they can be clicked).
        name: 'names',
        data: { values: rows },
        mark: { type: 'text', align: 'right', dx: -8, fontSize: 12, cursor: 'pointer', limit: 340 },
        encoding: {
          x: { field: 'zero', type: 'quantitative' },
          text: { field: 'row', type: 'nominal' },
          color: { condition: { test: `${NO_FOCUS} || datum.gid === focusGroup`, value: '#222' }, value: '#999' },
          tooltip: [
            { field: 'group', type: 'nominal', title: 'Broad group' },
            { field: 'papers', type: 'quantitative', title: 'Papers' },
          ],
        },
      },
      {
        // How many topics and papers, right of each bar.
        data: { values: rows },
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: '#555' },
        encoding: { x: { field: 'papers', type: 'quantitative' }, text: { field: 'count', type: 'nominal' } },
      },
    ],
  };
}

/** Why the tree shows no groups: no cut of it was stable, so every topic stands alone. */
function noGroupingNote(data: Pick<ReportData, 'topics'>): string[] {
  if (data.topics.length < 3) return [`${data.topics.length} topics: too few to group into broad groups.`];
  return [
    `No grouping of these ${data.topics.length} topics into broad groups is stable enough to show:`,
    'they read as a few topics on one theme, so each stands alone (see Choice of k).',
  ];
}
