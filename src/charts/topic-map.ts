/** The map: every paper at its PCA position, coloured by topic, topic labels at the centroids. */
import { topicsById, type ReportData, type ReportTopic } from '../report/report-data.js';
import { densityGrid, MIN_PER_TOPIC, stratifiedSample } from '../report/sample.js';
import { CONFIG, shorten, topicColorScale, type ChartSpec } from './common.js';

const WIDTH = 720;
const HEIGHT = 480;
const CHAR_WIDTH = 6.6; // at 11 px bold, a safe over-estimate for placing labels
const LABEL_HEIGHT = 15;

export function buildTopicMap(data: ReportData): ChartSpec {
  const xs = data.papers.map((p) => p.x);
  const ys = data.papers.map((p) => p.y);
  const xDomain = paddedExtent(xs);
  const yDomain = paddedExtent(ys);
  const labels = placeLabels(data.topics, xDomain, yDomain);
  const byId = topicsById(data);
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
  const labelEncoding = {
    x: { ...scales.x, field: 'lx' },
    y: { ...scales.y, field: 'ly' },
    text: { field: 'text' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Map of the papers',
      subtitle: [
        'Each dot is a paper, placed by PCA of its LSA vector; nearby papers share vocabulary.',
        ...(sampled
          ? [
              `Showing ${shown.length.toLocaleString('en')} of ${data.papers.length.toLocaleString('en')} papers (each topic in proportion, at least ${MIN_PER_TOPIC}); grey cells: where all papers lie.`,
            ]
          : []),
        'Drag to pan, scroll to zoom, click a legend entry to highlight a topic.',
      ],
    },
    width: WIDTH,
    height: HEIGHT,
    config: CONFIG,
    layer: [
      ...(sampled ? [densityLayer(data, xDomain, yDomain)] : []),
      {
        data: {
          values: shown.map((p) => ({
            id: p.id,
            x: p.x,
            y: p.y,
            topic: byId.get(p.topic)!.name,
            title: p.title,
            date: p.date ?? (p.listed ? `listed ${p.listed}` : 'no date'),
          })),
        },
        params: [
          { name: 'zoom', select: 'interval', bind: 'scales' },
          { name: 'pick', select: { type: 'point', fields: ['topic'] }, bind: 'legend' },
        ],
        mark: { type: 'circle', size: 42 },
        encoding: {
          ...scales,
          color: { field: 'topic', type: 'nominal', scale: topicColorScale(data.topics), title: 'Topic' },
          opacity: { condition: { param: 'pick', value: 0.85 }, value: 0.07 },
          tooltip: [
            { field: 'title', title: 'Title' },
            { field: 'topic', title: 'Topic' },
            { field: 'date', title: 'Date' },
          ],
        },
      },
      {
        data: { values: labels },
        mark: {
          type: 'text',
          fontWeight: 'bold',
          fontSize: 11,
          stroke: 'white',
          strokeWidth: 3.5,
          strokeOpacity: 0.9,
          align: 'center',
          baseline: 'middle',
        },
        encoding: labelEncoding,
      },
      {
        data: { values: labels },
        mark: { type: 'text', fontWeight: 'bold', fontSize: 11, align: 'center', baseline: 'middle', color: '#222' },
        encoding: labelEncoding,
      },
    ],
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

/**
 * Places each topic's label at its centroid, or as near as it fits: larger topics first, each
 * label nudged up or down (then sideways) until it overlaps no placed label and stays inside the
 * plot. Positions are returned in data units.
 */
export function placeLabels(
  topics: readonly ReportTopic[],
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
): { text: string; lx: number; ly: number }[] {
  const toPixelX = (x: number): number => ((x - xDomain[0]) / (xDomain[1] - xDomain[0])) * WIDTH;
  const toPixelY = (y: number): number => HEIGHT - ((y - yDomain[0]) / (yDomain[1] - yDomain[0])) * HEIGHT;
  const fromPixelX = (px: number): number => xDomain[0] + (px / WIDTH) * (xDomain[1] - xDomain[0]);
  const fromPixelY = (py: number): number => yDomain[0] + ((HEIGHT - py) / HEIGHT) * (yDomain[1] - yDomain[0]);
  const placed: Box[] = [];
  const out: { text: string; lx: number; ly: number }[] = [];
  const bySize = [...topics].sort((a, b) => b.size - a.size || a.id - b.id);
  for (const topic of bySize) {
    const text = shorten(topic.name, 30);
    const width = text.length * CHAR_WIDTH + 6;
    const cx = toPixelX(topic.centroid.x);
    const cy = toPixelY(topic.centroid.y);
    const box = findFreeSpot(cx, cy, width, placed);
    placed.push(box);
    out.push({ text, lx: fromPixelX((box.left + box.right) / 2), ly: fromPixelY((box.top + box.bottom) / 2) });
  }
  return out.sort((a, b) => (a.text < b.text ? -1 : 1));
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
