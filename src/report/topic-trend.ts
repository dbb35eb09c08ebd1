/**
 * Each topic's share of the papers listed in each month (months with at least 5 papers): how it
 * moves over time, for the report.
 */
import type { ReportPaper } from './report-data.js';
import { listingDay } from './summary.js';

export interface TopicTrends {
  /** `YYYY-MM`, oldest first: every month in which some paper was listed. */
  readonly months: readonly string[];
  /** Topic id -> its share (0..1) of each month's papers. */
  readonly shares: ReadonlyMap<number, readonly number[]>;
}

/** A month with fewer papers than this says little about shares (one paper is 100%), so it is left out. */
const MIN_PAPERS_A_MONTH = 5;

export function topicTrends(papers: readonly ReportPaper[]): TopicTrends {
  const perMonth = new Map<string, number>();
  const monthOfPaper = papers.map((p) => listingDay(p)?.slice(0, 7) ?? null);
  for (const month of monthOfPaper) if (month) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  const months = [...perMonth]
    .filter(([, n]) => n >= MIN_PAPERS_A_MONTH)
    .map(([m]) => m)
    .sort();
  const kept = new Set(months);
  const column = new Map(months.map((m, i) => [m, i]));
  const totals = new Array<number>(months.length).fill(0);
  const counts = new Map<number, number[]>();
  papers.forEach((p, i) => {
    const month = monthOfPaper[i]!;
    if (month === null || !kept.has(month)) return;
    const at = column.get(month)!;
    totals[at]!++;
    if (!counts.has(p.topic)) counts.set(p.topic, new Array<number>(months.length).fill(0));
    counts.get(p.topic)![at]!++;
  });
  return {
    months,
    shares: new Map([...counts].map(([topic, row]) => [topic, row.map((n, i) => n / Math.max(1, totals[i]!))])),
  };
}

/**
 * A small line of the topic's monthly share, as inline SVG with a text equivalent; numbers only
 * reach the markup, so there is nothing to escape.
 */
export function trendSparkline(trends: TopicTrends, topic: number, color: string): string {
  const shares = trends.shares.get(topic) ?? trends.months.map(() => 0);
  const pct = (v: number): string => `${Math.round(v * 100)}%`;
  if (trends.months.length === 0) return '';
  if (trends.months.length === 1)
    return `<p class="trend">Share of the papers listed in ${trends.months[0]}: ${pct(shares[0]!)}</p>`;
  const width = 180;
  const height = 32;
  const top = Math.max(...shares, 0.01);
  const points = shares
    .map(
      (v, i) =>
        `${((i / (shares.length - 1)) * width).toFixed(1)},${(height - (v / top) * (height - 2) - 1).toFixed(1)}`,
    )
    .join(' ');
  const first = trends.months[0]!;
  const last = trends.months.at(-1)!;
  const summary = `Share of each month's papers, ${first} to ${last}: ${pct(shares[0]!)} to ${pct(shares.at(-1)!)}, at most ${pct(top)}`;
  return (
    `<p class="trend"><svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${summary}">` +
    `<polyline fill="none" stroke="${/^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#888'}" stroke-width="2" points="${points}"/></svg> ${summary}</p>`
  );
}
