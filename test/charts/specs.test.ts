import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { placeLabels } from '../../src/charts/topic-map.js';
import type { ReportData, ReportPaper, ReportTopic } from '../../src/report/report-data.js';
import { topicColor, topicName } from '../../src/report/report-data.js';
import { compileSpec, renderChart } from '../../pipeline/outputs/render-charts.js';
import { renderReportFiles } from '../../pipeline/outputs/report-files.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { broadGroups, GROUP_PALETTE, hasGrouping } from '../../src/report/report-data.js';
import { flatReportData, syntheticReportData } from '../report/synthetic.js';

function topic(id: number, label: string, size: number, x: number, y: number): ReportTopic {
  return {
    id,
    label,
    name: topicName(id, label),
    color: topicColor(id),
    size,
    cohesion: 0.4,
    terms: ['alpha', 'beta', 'gamma'].map((term, i) => ({ term: `${term}-${id}`, weight: 0.05 - i * 0.01 })),
    representatives: [`p${id}`],
    centroid: { x, y },
  };
}

function paper(i: number, topicId: number, extra: Partial<ReportPaper> = {}): ReportPaper {
  return {
    id: `p${i}`,
    title: `Paper ${i}`,
    topic: topicId,
    x: topicId + i * 0.01,
    y: -topicId + i * 0.02,
    date: null,
    upvotes: null,
    authors: null,
    ...extra,
  };
}

const full: ReportData = {
  toolVersion: '0.0.0',
  inputs: [{ path: 'a.txt', format: 'page-dump', papers: 6, duplicates: 0, skipped: 0 }],
  rawPapers: 6,
  duplicatesMerged: 0,
  skipped: 0,
  diagnostics: [],
  options: { seed: '1' },
  topics: [topic(0, 'robots, grasping, gripper', 3, 0.1, 0.1), topic(1, 'translation, languages', 3, 1, -1)],
  papers: [
    paper(0, 0, { date: '2024-03-02', upvotes: 7, authors: 3 }),
    paper(1, 0, { date: '2024-04-09', authors: 5 }),
    paper(2, 0),
    paper(3, 1, { date: '2024-01-05', upvotes: 2, authors: 4 }),
    paper(4, 1, { date: '2023-12-24' }),
    paper(5, 1),
  ],
  explainedVariance: [0.3, 0.2],
  kChoice: {
    k: 2,
    criterion: 'reading-size',
    groups: 3,
    curve: [2, 3, 4].map((groups) => ({ groups, stability: 1 / groups })),
  },
  changes: null,
};

const bare: ReportData = {
  ...full,
  papers: full.papers.map((p) => ({ ...p, date: null, upvotes: null, authors: null })),
  kChoice: { k: 2, criterion: 'fixed', groups: 2, curve: [] },
};

describe('every chart', () => {
  for (const [name, data] of [
    ['with dates, upvotes and a k curve', full],
    ['with no dates, no upvotes and a fixed k', bare],
  ] as const) {
    it(`compiles with vega-lite without warnings and renders to SVG and PNG (${name})`, async () => {
      const charts = buildCharts(data);
      expect(charts.map((c) => c.name)).toEqual([
        'topic-map',
        'topic-sizes',
        'topic-tree',
        'top-terms',
        'topics-over-time',
        'choice-of-k',
        'engagement',
      ]);
      for (const chart of charts) {
        expect(compileSpec(chart.spec).warnings, chart.name).toEqual([]);
        const rendered = await renderChart(chart.spec);
        expect(rendered.svg.startsWith('<svg'), chart.name).toBe(true);
        expect(Array.from((await rendered.png).subarray(1, 4)), chart.name).toEqual([0x50, 0x4e, 0x47]); // "PNG"
      }
    });
  }

  it('says in words why a chart has nothing to draw', async () => {
    const charts = buildCharts(bare);
    const svg = async (name: string) => (await renderChart(charts.find((c) => c.name === name)!.spec)).svg;
    expect(await svg('topics-over-time')).toContain('No paper in these dumps carries a date');
    expect(await svg('engagement')).toContain('No paper in these dumps shows upvotes');
    expect(await svg('choice-of-k')).toContain('too few to group into broad groups');
  });

  it('gives a topic the same colour in every chart that colours by topic', () => {
    for (const chart of buildCharts(full)) {
      const text = JSON.stringify(chart.spec);
      if (!text.includes('"field":"topic"')) continue;
      expect(text, chart.name).toContain(
        JSON.stringify({ domain: full.topics.map((t) => t.name), range: full.topics.map((t) => t.color) }),
      );
    }
  });

  it('notes how many papers have no date on the timeline', () => {
    const timeline = buildCharts(full).find((c) => c.name === 'topics-over-time')!.spec as {
      title: { subtitle: string };
    };
    expect(timeline.title.subtitle).toContain('2 of 6 papers have no date');
  });
});

describe('topic labels on the map', () => {
  it('never overlap and never leave the plot, wherever the centroids are', () => {
    const centroids = fc.array(
      fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(centroids, (points) => {
        const topics = points.map(([x, y], i) => topic(i, `label number ${i} with words`, 10 - i, x, y));
        const labels = placeLabels(topics, [-1.1, 1.1], [-1.1, 1.1]);
        const boxes = labels.map((l) => {
          const px = ((l.lx + 1.1) / 2.2) * 720;
          const py = 480 - ((l.ly + 1.1) / 2.2) * 480;
          const half = (l.text.length * 6.6 + 6) / 2;
          return { left: px - half, right: px + half, top: py - 7.5, bottom: py + 7.5 };
        });
        for (const b of boxes) {
          expect(b.left).toBeGreaterThanOrEqual(-1e-6);
          expect(b.right).toBeLessThanOrEqual(720 + 1e-6);
          expect(b.top).toBeGreaterThanOrEqual(-1e-6);
          expect(b.bottom).toBeLessThanOrEqual(480 + 1e-6);
        }
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const c = boxes[j]!;
            const overlap =
              a.left < c.right - 1e-6 && c.left < a.right - 1e-6 && a.top < c.bottom - 1e-6 && c.top < a.bottom - 1e-6;
            expect(overlap).toBe(false);
          }
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });
});

describe('chart files', () => {
  it('reports a chart that cannot be rendered and still writes the others and the report', async () => {
    const hostile = {
      ...full,
      topics: full.topics.map((t, i) =>
        i === 0 ? { ...t, label: 'back\bspace', name: topicName(t.id, 'back\bspace') } : t,
      ),
    };
    // resvg refuses the control character (vega writes it into the SVG as it is; dump text never
    // carries one: it is cleaned as it is decoded).
    const { charts, html, markdown, diagnostics } = await renderReportFiles(hostile, undefined, { images: 'png' });
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics)
      expect(formatDiagnostic(d)).toMatch(
        /^warning The chart [a-z-]+ could not be drawn \(.+\); its spec is kept \[chart-failed\]$/,
      );
    const failed = diagnostics.map((d) => /chart ([a-z-]+)/.exec(d.message)![1]!);
    for (const name of failed) {
      expect(charts.has(`charts/${name}.vl.json`)).toBe(true);
      expect(charts.has(`charts/${name}.png`)).toBe(false);
    }
    expect(html).toContain('<html');
    expect(markdown).toContain('charts/topic-map.svg');
  });
});

describe('the topic tree in the charts', () => {
  const data = syntheticReportData(240);
  type Layer = {
    name?: string;
    transform?: { filter: string }[];
    data?: { values: Record<string, unknown>[] };
    encoding: Record<string, { field?: string; scale?: { domain: string[]; range: string[] }; condition?: unknown }> & {
      tooltip?: { field: string }[];
    };
  };
  const layers = (name: string): Layer[] =>
    (buildCharts(data).find((c) => c.name === name)!.spec as unknown as { layer: Layer[] }).layer;

  it('orders broad groups by their smallest topic, lettered and coloured in that order, topics largest first', () => {
    const groups = broadGroups(data);
    expect(groups.map((g) => g.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(groups.map((g) => g.topics[0]! % 4)).toEqual([0, 1, 2, 3]);
    expect(groups.map((g) => g.color)).toEqual(GROUP_PALETTE.slice(0, 4));
    expect(groups[0]!.name).toBe(`A: ${data.topicGroups![0]!.label}`);
    for (const g of groups) {
      const sizes = g.topics.map((id) => data.topics[id]!.size);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
      expect(g.size).toBe(sizes.reduce((a, b) => a + b, 0));
    }
    // A weighted centre: topics 0, 4, 8 have centres at x 0.5, 4.5, 8.5 and equal sizes.
    expect(groups[0]!.centroid.x).toBeCloseTo(4.5, 6);
    // Without a tree, each topic is a group of its own.
    const flat = broadGroups({ topics: data.topics });
    expect(flat.map((g) => g.topics)).toEqual(data.topics.map((t) => [t.id]));
  });

  it('colours the map by broad group; the picked group is drawn by topic with its topic labels', () => {
    const map = layers('topic-map');
    const groups = broadGroups(data);
    const papers = map.find((l) => l.name === 'papers')!;
    expect(papers.encoding.color!.field).toBe('group');
    expect(papers.encoding.color!.scale).toEqual({
      domain: groups.map((g) => g.name),
      range: groups.map((g) => g.color),
    });
    expect(papers.encoding.tooltip!.map((t) => t.field)).toEqual(['title', 'topic', 'group', 'date']);
    const focused = map.find((l) => l.name === 'focused')!;
    expect(focused.encoding.color!.field).toBe('topic');
    expect(focused.transform![0]!.filter).toContain('focusGroup');
    const spec = buildCharts(data).find((c) => c.name === 'topic-map')!.spec as unknown as {
      data: { values: { tid: number; gid: string; group: string }[] };
    };
    const groupOf = new Map(groups.flatMap((g) => g.topics.map((id) => [id, g] as const)));
    for (const p of spec.data.values) {
      expect(p.gid).toBe(groupOf.get(p.tid)!.id);
      expect(p.group).toBe(groupOf.get(p.tid)!.name);
    }
    // Every topic has one label, shown with its group; every group one, shown with no group picked.
    const topicLabels = map.find((l) => l.name === 'topicLabels')!;
    expect(topicLabels.data!.values.map((v) => v.tid).sort((a, b) => Number(a) - Number(b))).toEqual(
      data.topics.map((t) => t.id),
    );
    expect(topicLabels.transform![0]!.filter).toBe('focusGroup !== null && datum.gid === focusGroup');
    const groupLabels = map.find((l) => l.name === 'groupLabels')!;
    expect(groupLabels.data!.values.map((v) => v.gid).sort()).toEqual(groups.map((g) => g.id).sort());
    expect(groupLabels.transform![0]!.filter).toBe('focusGroup === null');
  });

  it('draws the tree as one bar per group made of its topics, each piece naming its topic and group', () => {
    const tree = layers('topic-tree');
    const groups = broadGroups(data);
    const spec = buildCharts(data).find((c) => c.name === 'topic-tree')!.spec as unknown as {
      data: { values: { gid: string; tid: number; start: number; end: number }[] };
    };
    expect(spec.data.values.map((v) => v.tid)).toEqual(groups.flatMap((g) => g.topics));
    for (const g of groups) {
      const pieces = spec.data.values.filter((v) => v.gid === g.id);
      expect(pieces.at(-1)!.end).toBe(g.size);
      pieces.forEach((p, i) => expect(p.start).toBe(i === 0 ? 0 : pieces[i - 1]!.end));
    }
    expect(tree.find((l) => l.name === 'names')!.data!.values.map((v) => v.gid)).toEqual(groups.map((g) => g.id));
    expect(tree.find((l) => l.name === 'groups')!.encoding.color!.field).toBe('group');
  });

  it('stacks the timeline by broad group, every dated paper counted once', () => {
    const timeline = buildCharts(data).find((c) => c.name === 'topics-over-time')!.spec as unknown as {
      data: { values: { group: string; papers: number }[] };
      encoding: { color: { field: string } };
    };
    expect(timeline.encoding.color.field).toBe('group');
    expect(new Set(timeline.data.values.map((v) => v.group))).toEqual(new Set(broadGroups(data).map((g) => g.name)));
    expect(timeline.data.values.reduce((n, v) => n + v.papers, 0)).toBe(data.papers.length);
  });

  it('compiles without warnings and builds the same specs twice', () => {
    for (const chart of buildCharts(data)) expect(compileSpec(chart.spec).warnings, chart.name).toEqual([]);
    expect(JSON.stringify(buildCharts(syntheticReportData(240)))).toBe(JSON.stringify(buildCharts(data)));
  });
});

describe('the charts when no broad group holds two topics (a flat report)', () => {
  const data = flatReportData(240);
  const charts = buildCharts(data);
  type Layer = {
    name?: string;
    transform?: { filter: string }[];
    params?: { name: string; select?: { fields?: string[] } }[];
    data?: { values: Record<string, unknown>[] };
    encoding: Record<string, { field?: string; title?: string; scale?: { domain: string[]; range: string[] } }> & {
      tooltip?: { field: string }[];
    };
  };
  const spec = (name: string) => charts.find((c) => c.name === name)!.spec as unknown as Record<string, unknown>;
  const topicScale = { domain: data.topics.map((t) => t.name), range: data.topics.map((t) => t.color) };

  it('tells a real grouping from topics that each stand alone', () => {
    expect(hasGrouping(syntheticReportData(240))).toBe(true);
    expect(hasGrouping(data)).toBe(false);
    expect(hasGrouping({ topics: data.topics })).toBe(false);
    // One group of two topics is enough for the grouped layout.
    const [a, b, ...rest] = data.topicGroups!;
    expect(hasGrouping({ ...data, topicGroups: [{ ...a!, topics: [...a!.topics, ...b!.topics] }, ...rest] })).toBe(
      true,
    );
  });

  it('colours the map by topic, with a topic legend and every topic labelled at its centre', () => {
    const map = spec('topic-map') as { layer: Layer[]; data: { values: Record<string, unknown>[] } };
    const papers = map.layer.find((l) => l.name === 'papers')!;
    expect(papers.encoding.color!.field).toBe('topic');
    expect(papers.encoding.color!.title).toBe('Topic');
    expect(papers.encoding.color!.scale).toEqual(topicScale);
    expect(papers.params!.find((p) => p.name === 'legendPick')!.select!.fields).toEqual(['topic']);
    expect(papers.encoding.tooltip!.map((t) => t.field)).toEqual(['title', 'topic', 'date']);
    expect(map.layer.map((l) => l.name).filter(Boolean)).toEqual(['papers', 'topicLabels']);
    const labels = map.layer.find((l) => l.name === 'topicLabels')!;
    expect(labels.transform).toBeUndefined();
    expect(labels.data!.values.map((v) => v.tid).sort((x, y) => Number(x) - Number(y))).toEqual(
      data.topics.map((t) => t.id),
    );
    expect(JSON.stringify(map)).not.toMatch(/"gid"|"group"/);
    expect(JSON.stringify(map)).not.toContain('Click a group');
  });

  it('says in the topic-tree chart that no grouping is stable enough, and keeps the chart names', async () => {
    expect(charts.map((c) => c.name)).toEqual([
      'topic-map',
      'topic-sizes',
      'topic-tree',
      'top-terms',
      'topics-over-time',
      'choice-of-k',
      'engagement',
    ]);
    const tree = spec('topic-tree') as { layer?: unknown; mark: { type: string } };
    expect(tree.layer).toBeUndefined();
    expect(tree.mark.type).toBe('text');
    for (const chart of charts) expect(compileSpec(chart.spec).warnings, chart.name).toEqual([]);
    const svg = (await renderChart(charts.find((c) => c.name === 'topic-tree')!.spec)).svg;
    expect(svg).toContain('No grouping of these 5 topics into broad groups is stable enough to show');
  });

  it('stacks the timeline by topic in topic colours', () => {
    const timeline = spec('topics-over-time') as {
      data: { values: { topic: string; papers: number }[] };
      encoding: { color: { field: string; title: string; scale: unknown } };
    };
    expect(timeline.encoding.color.field).toBe('topic');
    expect(timeline.encoding.color.title).toBe('Topic');
    expect(timeline.encoding.color.scale).toEqual(topicScale);
    expect(new Set(timeline.data.values.map((v) => v.topic))).toEqual(new Set(data.topics.map((t) => t.name)));
    expect(timeline.data.values.reduce((n, v) => n + v.papers, 0)).toBe(data.papers.length);
  });

  it('marks no chosen cut on the choice of k, and says why', () => {
    const choice = spec('choice-of-k') as { layer: { mark: { type: string } }[]; title: { subtitle: string[] } };
    expect(choice.layer.map((l) => l.mark.type)).toEqual(['line']);
    expect(choice.title.subtitle[1]).toBe(
      'No broad groups: no cut of the topic tree is stable enough (at best 0.20, into 2); the topics stand alone',
    );
    // With real groups, the chosen cut is marked.
    const grouped = buildCharts({ ...syntheticReportData(240), kChoice: { ...data.kChoice, groups: 4 } }).find(
      (c) => c.name === 'choice-of-k',
    )!.spec as unknown as typeof choice;
    expect(grouped.layer.map((l) => l.mark.type)).toEqual(['line', 'rule']);
    expect(grouped.title.subtitle[1]).toBe('4 broad groups: the most stable cut of the topic tree (dashed line)');
  });

  it('builds the same specs twice', () => {
    expect(JSON.stringify(buildCharts(flatReportData(240)))).toBe(JSON.stringify(charts));
  });
});
