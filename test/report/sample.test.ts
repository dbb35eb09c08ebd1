import { describe, expect, it } from 'vitest';
import { buildTopicMap } from '../../src/charts/topic-map.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { topicColor, topicName, type ReportData, type ReportPaper } from '../../src/report/report-data.js';
import { densityGrid, stratifiedSample } from '../../src/report/sample.js';

function papers(sizes: readonly number[]): ReportPaper[] {
  return sizes.flatMap((size, topic) =>
    Array.from({ length: size }, (_, i) => ({
      id: `${String(topic)}-${String(i).padStart(6, '0')}`,
      title: `Paper ${topic}/${i}`,
      topic,
      x: topic + (i % 100) / 100,
      y: (i % 37) / 37,
      date: null,
      upvotes: null,
      authors: null,
    })),
  );
}

function data(all: ReportPaper[], sizes: readonly number[]): ReportData {
  return {
    toolVersion: '0',
    inputs: [],
    rawPapers: all.length,
    duplicatesMerged: 0,
    skipped: 0,
    diagnostics: [],
    options: {},
    topics: sizes.map((size, id) => ({
      id,
      label: `t${id}`,
      name: topicName(id, `t${id}`),
      color: topicColor(id),
      size,
      cohesion: 0.5,
      terms: [],
      representatives: [],
      centroid: { x: id, y: 0.5 },
    })),
    papers: all,
    explainedVariance: [0.1, 0.1],
    kChoice: { k: sizes.length, criterion: 'fixed', groups: 1, curve: [] },
    changes: null,
  };
}

describe('charts at scale', () => {
  const sizes = [9_000, 3_000, 20];
  const all = papers(sizes);

  it('sample every topic, in proportion, at least 50 (or all) each, deterministically', () => {
    const sample = stratifiedSample(all);
    const count = (t: number) => sample.filter((p) => p.topic === t).length;
    expect(count(0)).toBe(Math.round((9_000 / 12_020) * 5_000));
    expect(count(1)).toBe(Math.round((3_000 / 12_020) * 5_000));
    expect(count(2)).toBe(20);
    expect(stratifiedSample([...all].reverse())).toEqual(sample);
  });

  it('draw the sample plus a density layer of all papers on the map, and say so', () => {
    const spec = buildTopicMap(data(all, sizes)) as unknown as {
      title: { subtitle: string[] };
      data: { values: unknown[] };
      layer: { data: { values: unknown[] } }[];
    };
    expect(spec.title.subtitle.join(' ')).toMatch(
      /Showing 5,012 of 12,020 papers \(each topic in proportion, at least 50\)/,
    );
    // The density layer first, under the dots; the dots' papers are the spec's own data.
    const [density] = spec.layer;
    expect((density!.data.values as { papers: number }[]).reduce((s, c) => s + c.papers, 0)).toBe(12_020);
    expect(spec.data.values.length).toBeLessThanOrEqual(5_000 + 50);
    expect(spec.data.values.length).toBeGreaterThan(4_900);
  });

  it('list 25 papers per topic in the page, with the rest a click away in the index', () => {
    const html = renderHtmlReport(data(all, sizes), [], { vega: '', vegaLite: '', vegaEmbed: '' });
    expect(html).toContain('Show 25 more (8975 not shown)');
    expect(html.match(/<li class="paper" data-paper-id=/g)).toHaveLength(25 + 25 + 20);
  });

  it('count every paper in exactly one density cell', () => {
    const cells = densityGrid(all, [-1, 4], [-1, 2], 10, 10);
    expect(cells.reduce((s, c) => s + c.papers, 0)).toBe(all.length);
  });
});
