/**
 * The map: every paper at its PCA position, coloured by its broad group (the topic tree's coarse
 * level), the groups' labels at their centres. Fine topics are shown on demand: the report sets the
 * `focusGroup` param (a group's id) when a group is picked in the legend or the tree, and then that
 * group's papers take their topics' colours and its topics' labels appear at their centres; the
 * `focusTopic` param (a topic id) fades the group's other topics. Static renders show the overview.
 * When no broad group holds two topics (`hasGrouping`), the map is flat: papers in their topics'
 * colours, a legend of topics, the topic labels at their centres, and `focusTopic` fades the rest.
 */
import {
  broadGroups,
  groupOfTopic,
  hasGrouping,
  topicsById,
  type ReportData,
  type ReportPaper,
  type ReportTopic,
} from '../report/report-data.js';
import { densityGrid, MIN_PER_TOPIC, stratifiedSample } from '../report/sample.js';
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
import { formatCount } from '../format-count.js';

const WIDTH = 720;
const HEIGHT = 480;
const CHAR_WIDTH = 6.6; // at 11 px bold, a safe over-estimate for placing labels
const LABEL_HEIGHT = 15;

export function buildTopicMap(data: ReportData): ChartSpec {
  const xs = data.papers.map((p) => p.x);
  const ys = data.papers.map((p) => p.y);
  const xDomain = paddedExtent(xs);
  const yDomain = paddedExtent(ys);
  const groups = broadGroups(data);
  const byId = topicsById(data);
  const groupOf = groupOfTopic(data);
  // Group labels are placed among themselves; each group's topic labels among themselves, since
  // only one group's are shown at a time.
  const groupLabels = placeTexts(
    groups.map((g) => ({ text: shorten(g.name, 34), x: g.centroid.x, y: g.centroid.y, size: g.size, gid: g.id })),
    xDomain,
    yDomain,
  );
  const topicLabels = groups.flatMap((g) =>
    placeTexts(
      g.topics.map((id) => {
        const t = byId.get(id)!;
        // Shorter names where many share the plot, so each stays near its centre (hover says the rest).
        const text = shorten(t.name, g.topics.length > 10 ? 20 : 30);
        return { text, x: t.centroid.x, y: t.centroid.y, size: t.size, gid: g.id, tid: t.id };
      }),
      xDomain,
      yDomain,
    ),
  );
  const shown = stratifiedSample(data.papers);
  const sampled = shown.length < data.papers.length;
  const [vx, vy] = data.explainedVariance;
  const scales = {
    x: {
      field: 'x',
      type: 'quantitative' as const,
      scale: { domain: xDomain, zero: false, nice: false },
      title: `PC 1 (${(vx * 100).toFixed(1)}% of variance)`,
    },
    y: {
      field: 'y',
      type: 'quantitative' as const,
      scale: { domain: yDomain, zero: false, nice: false },
      title: `PC 2 (${(vy * 100).toFixed(1)}% of variance)`,
    },
  };
  const tooltip = [
    { field: 'title', title: 'Title' },
    { field: 'topic', title: 'Topic' },
    { field: 'group', title: 'Broad group' },
    { field: 'date', title: 'Date' },
  ];
  const labelLayers = (name: string, values: readonly object[], filter: string | null, fontSize: number) => {
    const encoding = {
      x: { ...scales.x, field: 'lx' },
      y: { ...scales.y, field: 'ly' },
      text: { field: 'text' },
    };
    const mark = {
      type: 'text' as const,
      fontWeight: 'bold' as const,
      fontSize,
      align: 'center' as const,
      baseline: 'middle' as const,
    };
    const transform = filter === null ? {} : { transform: [{ filter }] };
    return [
      {
        data: { values },
        ...transform,
        mark: { ...mark, stroke: 'white', strokeWidth: 3.5, strokeOpacity: 0.9 },
        encoding,
      },
      {
        name,
        data: { values },
        ...transform,
        mark: { ...mark, color: '#222', cursor: 'pointer' as const },
        encoding,
      },
    ];
  };
  const sampleNote = sampled
    ? [
        `Showing ${formatCount(shown.length)} of ${formatCount(data.papers.length)} papers (each topic in proportion, at least ${MIN_PER_TOPIC}); grey cells: where all papers lie.`,
      ]
    : [];
  // The title, size and settings both maps share; the colouring and the click differ.
  const header = (colour: string, click: string) => ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Map of the papers',
      subtitle: [
        'Each dot is a paper, placed by PCA of its LSA vector; nearby papers share vocabulary.',
        colour,
        ...sampleNote,
        click,
      ],
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
  });
  if (!hasGrouping(data)) {
    // Flat: every broad group is one topic, so the map shows the topics themselves.
    const labels = placeTexts(
      data.topics.map((t) => ({
        text: shorten(t.name, 30),
        x: t.centroid.x,
        y: t.centroid.y,
        size: t.size,
        tid: t.id,
      })),
      xDomain,
      yDomain,
    );
    return {
      ...header(
        `Colour: its topic (${data.topics.length} topics; no grouping of them into broad groups is stable enough to show).`,
        'Click a topic in the legend or its label to show only its papers; drag to pan, scroll to zoom.',
      ),
      // The report's script sets these (a picked topic); focusGroup is unused here but always present.
      params: FOCUS_PARAMS,
      data: {
        values: shown.map((p) => paperDatum(p, byId.get(p.topic)!.name)),
      },
      layer: [
        ...(sampled ? [densityLayer(data, xDomain, yDomain)] : []),
        dotsLayer(
          scales,
          'topic',
          { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), title: 'Topic' },
          TOPIC_IN_FOCUS,
          tooltip.filter((t) => t.field !== 'group'),
        ),
        ...labelLayers('topicLabels', labels, null, 11),
      ],
    };
  }
  return {
    ...header(
      `Colour: its broad group (${groups.length} groups of ${data.topics.length} topics, from the topic tree).`,
      'Click a group in the legend or the tree for its topics; drag to pan, scroll to zoom.',
    ),
    // Dots by group and by topic are two scales, and only the groups' gets a legend.
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    params: FOCUS_PARAMS,
    // The papers, shared by the two dot layers (all papers by group; the picked group's by topic).
    data: {
      values: shown.map((p) => {
        const g = groupOf.get(p.topic)!;
        return { ...paperDatum(p, byId.get(p.topic)!.name), gid: g.id, group: g.name };
      }),
    },
    layer: [
      ...(sampled ? [densityLayer(data, xDomain, yDomain)] : []),
      dotsLayer(
        scales,
        'group',
        { field: 'group', type: 'nominal', scale: groupColorScale(groups), title: 'Broad group' },
        NO_FOCUS,
        tooltip,
      ),
      {
        name: 'focused',
        transform: [{ filter: IN_FOCUS }],
        mark: { type: 'circle', size: 50, cursor: 'pointer' },
        encoding: {
          ...scales,
          color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), legend: null },
          opacity: { condition: { test: TOPIC_IN_FOCUS, value: 0.9 }, value: 0.15 },
          tooltip,
        },
      },
      ...labelLayers('groupLabels', groupLabels, NO_FOCUS, 12),
      ...labelLayers('topicLabels', topicLabels, IN_FOCUS, 11),
    ],
  };
}

/** What a dot carries: position, topic (id and name) for colour and focus, title and date for the tooltip. */
function paperDatum(p: ReportPaper, topicName: string) {
  return {
    id: p.id,
    x: p.x,
    y: p.y,
    tid: p.topic,
    topic: topicName,
    title: p.title,
    date: p.date ?? (p.listed ? `listed ${p.listed}` : 'no date'),
  };
}

/**
 * Every shown paper as a dot coloured by `color`, bright where `focused` holds. The legend picks by
 * `pickField` (topic or group): the report's script reads the click and sets the focus.
 */
function dotsLayer(scales: object, pickField: 'topic' | 'group', color: object, focused: string, tooltip: object[]) {
  return {
    name: 'papers',
    params: [
      { name: 'zoom', select: 'interval' as const, bind: 'scales' as const },
      { name: 'legendPick', select: { type: 'point' as const, fields: [pickField] }, bind: 'legend' as const },
    ],
    mark: { type: 'circle' as const, size: 42, cursor: 'pointer' as const },
    encoding: { ...scales, color, opacity: { condition: { test: focused, value: 0.8 }, value: 0.1 }, tooltip },
  };
}

/** Grey cells under the dots: how many of all the papers fall in each part of the map. */
function densityLayer(data: ReportData, xDomain: [number, number], yDomain: [number, number]) {
  return {
    data: { values: densityGrid(data.papers, xDomain, yDomain) },
    mark: { type: 'rect' as const, color: '#6b6b6b' },
    encoding: {
      x: { field: 'x0', type: 'quantitative' as const, scale: { domain: xDomain, zero: false, nice: false } },
      x2: { field: 'x1' },
      y: { field: 'y0', type: 'quantitative' as const, scale: { domain: yDomain, zero: false, nice: false } },
      y2: { field: 'y1' },
      opacity: { field: 'papers', type: 'quantitative' as const, scale: { range: [0.05, 0.45] }, legend: null },
      tooltip: [{ field: 'papers', type: 'quantitative' as const, title: 'Papers in this cell' }],
    },
  };
}

function paddedExtent(values: readonly number[]): [number, number] {
  if (values.length === 0) return [-1, 1];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const pad = (max - min || 1) * 0.06;
  return [min - pad, max + pad];
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** Places each topic's label at its centroid, or as near as it fits (see `placeTexts`). */
export function placeLabels(
  topics: readonly ReportTopic[],
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): { text: string; lx: number; ly: number }[] {
  return placeTexts(
    topics.map((t) => ({ text: shorten(t.name, 30), x: t.centroid.x, y: t.centroid.y, size: t.size, id: t.id })),
    xDomain,
    yDomain,
  ).map(({ text, lx, ly }) => ({ text, lx, ly }));
}

/**
 * Places each text at its point, or as near as it fits: larger items first, each nudged up or down
 * (then sideways) until it overlaps no placed text and stays inside the plot. Positions are
 * returned in data units, with the item's other fields, sorted by text.
 */
export function placeTexts<T extends { text: string; x: number; y: number; size: number }>(
  items: readonly T[],
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): (Omit<T, 'x' | 'y' | 'size'> & { lx: number; ly: number })[] {
  const toPixelX = (x: number): number => ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * WIDTH;
  const toPixelY = (y: number): number => HEIGHT - ((y - yDomain[0]) / (yDomain[1] - yDomain[0])) * HEIGHT;
  const fromPixelX = (px: number): number => xDomain[0] + (px / WIDTH) * (xDomain[1] - xDomain[0]);
  const fromPixelY = (py: number): number => yDomain[0] + ((HEIGHT - py) / HEIGHT) * (yDomain[1] - yDomain[0]);
  const placed: Box[] = [];
  const out: (Omit<T, 'x' | 'y' | 'size'> & { lx: number; ly: number })[] = [];
  const bySize = [...items].sort((a, b) => b.size - a.size || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  for (const item of bySize) {
    const { x, y, size, ...rest } = item;
    void size;
    const width = item.text.length * CHAR_WIDTH + 6;
    const box = findFreeSpot(toPixelX(x), toPixelY(y), width, placed);
    placed.push(box);
    out.push({
      ...rest,
      lx: fromPixelX((box.left + box.right) / 2),
      ly: fromPixelY((box.top + box.bottom) / 2),
    });
  }
  return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

function findFreeSpot(cx: number, cy: number, width: number, placed: readonly Box[]): Box {
  const clampX = (x: number): number => Math.min(Math.max(x, width / 2), WIDTH - width / 2);
  const clampY = (y: number): number => Math.min(Math.max(y, LABEL_HEIGHT / 2), HEIGHT - LABEL_HEIGHT / 2);
  let fallback: Box | null = null;
  for (let ring = 0; ring < 40; ring++) {
    const dy = ring === 0 ? 0 : Math.ceil(ring / 2) * LABEL_HEIGHT * (ring % 2 === 1 ? -1 : 1);
    for (const dx of [0, -width / 2, width / 2]) {
      const x = clampX(cx + dx);
      const y = clampY(cy + dy);
      const box = {
        left: x - width / 2,
        right: x + width / 2,
        top: y - LABEL_HEIGHT / 2,
        bottom: y + LABEL_HEIGHT / 2,
      };
      fallback ??= box;
      if (!placed.some((p) => p.left < box.right && box.left < p.right && p.top < box.bottom && box.top < p.bottom))
        return box;
    }
  }
  return fallback!;
}
