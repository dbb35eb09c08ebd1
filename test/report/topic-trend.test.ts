import { describe, expect, it } from 'vitest';
import type { ReportPaper } from '../../src/report/report-data.js';
import { topicTrends, trendSparkline } from '../../src/report/topic-trend.js';

const paper = (i: number, topic: number, listed: string | null): ReportPaper => ({
  id: `p${i}`,
  title: `Paper ${i}`,
  topic,
  x: 0,
  y: 0,
  date: null,
  upvotes: null,
  authors: null,
  listed,
});

describe("a topic's share over time", () => {
  // March: 4 of 10 papers are topic 1; April: 8 of 10; May has 2 papers only, too few to count.
  const papers = [
    ...Array.from({ length: 10 }, (_, i) => paper(i, i < 4 ? 1 : 2, '2025-03-0' + ((i % 9) + 1))),
    ...Array.from({ length: 10 }, (_, i) => paper(10 + i, i < 8 ? 1 : 2, '2025-04-15')),
    paper(20, 1, '2025-05-01'),
    paper(21, 2, '2025-05-02'),
    paper(22, 2, null),
  ];

  it('is its share of each month with enough papers, undated papers and thin months left out', () => {
    const trends = topicTrends(papers);
    expect(trends.months).toEqual(['2025-03', '2025-04']);
    expect(trends.shares.get(1)).toEqual([0.4, 0.8]);
    expect(trends.shares.get(2)).toEqual([0.6, 0.2]);
  });

  it('is drawn as a line with a text equivalent, its colour only if it is a colour', () => {
    const html = trendSparkline(topicTrends(papers), 1, '#4e79a7');
    expect(html).toContain("Share of each month's papers, 2025-03 to 2025-04: 40% to 80%, at most 80%");
    expect(html).toContain('stroke="#4e79a7"');
    expect(trendSparkline(topicTrends(papers), 1, '"><script>')).toContain('stroke="#888"');
  });
});
