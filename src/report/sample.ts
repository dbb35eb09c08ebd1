/** Keeping charts usable at scale: a stratified sample of papers for point marks, and a density grid. */
import { round } from '../numeric/round.js';
import type { ReportPaper } from './report-data.js';

/** Above this many papers, point charts draw a sample (and the map a density layer of all papers). */
export const POINT_LIMIT = 5_000;
/** Every topic keeps at least this many papers in the sample (or all it has). */
export const MIN_PER_TOPIC = 50;

/**
 * A deterministic stratified sample: each topic contributes in proportion to its size, at least
 * MIN_PER_TOPIC, choosing its papers in id order (ids are hashes, so that order is arbitrary but
 * fixed). Returns the papers themselves when there are at most `limit`.
 */
export function stratifiedSample(papers: readonly ReportPaper[], limit = POINT_LIMIT): readonly ReportPaper[] {
  if (papers.length <= limit) return papers;
  // The map and the engagement chart draw the same sample: it is drawn once per paper list.
  const drawn = samples.get(papers);
  if (drawn?.limit === limit) return drawn.sample;
  const byTopic = new Map<number, ReportPaper[]>();
  for (const p of papers) {
    const list = byTopic.get(p.topic) ?? [];
    list.push(p);
    byTopic.set(p.topic, list);
  }
  const sample: ReportPaper[] = [];
  for (const [, list] of [...byTopic.entries()].sort((a, b) => a[0] - b[0])) {
    const quota = Math.min(list.length, Math.max(MIN_PER_TOPIC, Math.round((list.length / papers.length) * limit)));
    sample.push(...[...list].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, quota));
  }
  sample.sort((a, b) => (a.id < b.id ? -1 : 1));
  samples.set(papers, { limit, sample });
  return sample;
}

const samples = new WeakMap<readonly ReportPaper[], { limit: number; sample: readonly ReportPaper[] }>();

export interface DensityCell {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly papers: number;
}

/** Papers per cell of a columns × rows grid over the given extent; empty cells are left out. */
export function densityGrid(
  papers: readonly ReportPaper[],
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  columns = 60,
  rows = 40,
): DensityCell[] {
  const counts = new Int32Array(columns * rows);
  const width = (xDomain[1] - xDomain[0]) / columns;
  const height = (yDomain[1] - yDomain[0]) / rows;
  for (const p of papers) {
    const cx = Math.min(columns - 1, Math.max(0, Math.floor((p.x - xDomain[0]) / width)));
    const cy = Math.min(rows - 1, Math.max(0, Math.floor((p.y - yDomain[0]) / height)));
    counts[cy * columns + cx]!++;
  }
  const cells: DensityCell[] = [];
  counts.forEach((count, i) => {
    if (count === 0) return;
    const cx = i % columns;
    const cy = Math.floor(i / columns);
    cells.push({
      x0: round(xDomain[0] + cx * width),
      x1: round(xDomain[0] + (cx + 1) * width),
      y0: round(yDomain[0] + cy * height),
      y1: round(yDomain[0] + (cy + 1) * height),
      papers: count,
    });
  });
  return cells;
}
