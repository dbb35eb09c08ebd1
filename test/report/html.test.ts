import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { readInlineLibraries, renderReportFiles } from '../../pipeline/outputs/report-files.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import { broadGroups, topicName, type ReportData } from '../../src/report/report-data.js';
import { flatReportData, syntheticReportData } from './synthetic.js';

// Stand-ins for the libraries: these tests read the page's markup, not its drawing.
const libraries = { vega: '', vegaLite: '', vegaEmbed: '' };
const render = (data: ReportData): string => renderHtmlReport(data, buildCharts(data), libraries);

describe('report.html as a run writes it', () => {
  it('is the page renderHtmlReport gives, its index deflated off the main thread', async () => {
    // Large enough that the paper index spans many of zlib's default 16 kB chunks.
    const data = syntheticReportData(3_000);
    const { html } = await renderReportFiles(data);
    expect(html).toBe(renderHtmlReport(data, buildCharts(data), await readInlineLibraries()));
  });
});

describe('report.html and the topic tree', () => {
  const data = syntheticReportData(240);
  const groups = broadGroups(data);

  it('lists the topics under their broad group, in the table and in the topic sections', () => {
    const html = render(data);
    const table = html.slice(
      html.indexOf('<table class="topics">'),
      html.indexOf('</table>', html.indexOf('<table class="topics">')),
    );
    const rows = [...table.matchAll(/<tr (?:class="group-row" )?data-(topic|group)="([^"]+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(rows).toEqual(groups.flatMap((g) => [`group:${g.id}`, ...g.topics.map((id) => `topic:${id}`)]));
    const blocks = html.split('<div class="group-block" ').slice(1);
    expect(blocks.map((b) => /^id="group-([^"]+)"/.exec(b)![1])).toEqual(groups.map((g) => g.id));
    blocks.forEach((block, i) => {
      expect(block).toContain(`<h3 class="group-head">`);
      const sections = [...block.matchAll(/<section class="topic" id="topic-(\d+)"/g)].map((m) => Number(m[1]));
      expect(sections).toEqual(groups[i]!.topics);
    });
    // The buttons that filter by keyboard: one per group, one per topic under its group.
    expect([...html.matchAll(/class="gbtn" data-group="([^"]+)"/g)].map((m) => m[1])).toEqual(groups.map((g) => g.id));
    expect([...html.matchAll(/class="tbtn" data-topic="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      groups.flatMap((g) => g.topics),
    );
  });

  it('escapes group and topic labels from the dumps everywhere they reach HTML, and Markdown', () => {
    const hostile = '<img src=x onerror=alert(1)> "><script>alert(2)</script>';
    const bad: ReportData = {
      ...data,
      topics: data.topics.map((t) => (t.id === 4 ? { ...t, label: hostile, name: topicName(t.id, hostile) } : t)),
      topicGroups: data.topicGroups!.map((g, i) => (i === 1 ? { ...g, label: hostile } : g)),
    };
    const html = render(bad);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('B: &lt;img src=x onerror=alert(1)&gt; &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('4: &lt;img src=x onerror=alert(1)&gt;');
    const md = renderMarkdownReport(bad, buildCharts(bad), true);
    expect(md).not.toContain('<img src=x');
    expect(md).toContain('B: &lt;img src=x onerror=alert(1)&gt;');
  });

  it('is byte-identical for the same input', () => {
    expect(render(syntheticReportData(240))).toBe(render(data));
    expect(renderMarkdownReport(syntheticReportData(240), buildCharts(data), true)).toBe(
      renderMarkdownReport(data, buildCharts(data), true),
    );
  });
});

describe('report.html and report.md with no broad group of two topics (flat)', () => {
  const data = flatReportData(240);
  const tableOf = (html: string): string =>
    html.slice(
      html.indexOf('<table class="topics">'),
      html.indexOf('</table>', html.indexOf('<table class="topics">')),
    );

  it('lists the topics in one table and one run of sections, with no group rows, blocks, buttons or tree', () => {
    const html = render(data);
    const table = tableOf(html);
    expect(table).not.toContain('group-row');
    expect(table).toContain('<th>Topic</th>');
    expect([...table.matchAll(/<tr data-topic="(\d+)">/g)].map((m) => Number(m[1]))).toEqual(
      data.topics.map((t) => t.id),
    );
    expect(html).not.toContain('<div class="group-block"');
    expect(html).not.toContain('<h3 class="group-head">');
    expect(html).not.toContain('id="group-nav"');
    expect(html).not.toContain('class="gbtn"');
    expect(html).not.toContain(' · in group ');
    expect(html).not.toContain('data-chart="topic-tree"');
    expect(html).not.toContain('id="spec-topic-tree"');
    expect(html).not.toContain('title, topic and broad group');
    expect([...html.matchAll(/<section class="topic" id="topic-(\d+)" style=/g)].map((m) => Number(m[1]))).toEqual(
      data.topics.map((t) => t.id),
    );
    // The other charts are all still on the page.
    for (const name of ['topic-map', 'topic-sizes', 'top-terms', 'topics-over-time', 'choice-of-k', 'engagement'])
      expect(html, name).toContain(`data-chart="${name}"`);
  });

  it('keeps the grouped layout where some group holds two or more topics', () => {
    const html = render(syntheticReportData(240));
    expect(html).toContain('class="group-row"');
    expect(html).toContain('id="group-nav"');
    expect(html).toContain('data-chart="topic-tree"');
    expect(html).toContain(' · in group A</small>');
    expect(html).toContain('<th>Topic, under its broad group</th>');
  });

  it('leaves the broad group column out of report.md, and keeps it with real groups', () => {
    const flat = renderMarkdownReport(data, buildCharts(data), true);
    expect(flat).toContain(
      '| Topic | Papers | Cohesion | Top terms | Representative papers |\n|---|---:|---:|---|---|\n',
    );
    expect(flat).not.toContain('Broad group');
    expect(flat).toContain(`| [${data.topics[0]!.name}](#topic-0) | ${data.topics[0]!.size} | 0.40 |`);
    const grouped = syntheticReportData(240);
    expect(renderMarkdownReport(grouped, buildCharts(grouped), true)).toContain(
      '| Topic | Broad group | Papers | Cohesion | Top terms | Representative papers |',
    );
  });

  it('escapes topic labels, and is byte-identical for the same input', () => {
    const hostile = '<img src=x onerror=alert(1)> "><script>alert(2)</script>';
    const bad: ReportData = {
      ...data,
      topics: data.topics.map((t) => (t.id === 3 ? { ...t, label: hostile, name: topicName(t.id, hostile) } : t)),
    };
    const html = render(bad);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('3: &lt;img src=x onerror=alert(1)&gt;');
    expect(render(flatReportData(240))).toBe(render(data));
    expect(renderMarkdownReport(flatReportData(240), buildCharts(data), true)).toBe(
      renderMarkdownReport(data, buildCharts(data), true),
    );
  });
});

describe('report.md: the topic tree as text', () => {
  it('nests every merge down to the topics, root first, and marks the broad groups', () => {
    const base = syntheticReportData(240, 4);
    // Topics 0 and 2 form one group, 1 and 3 another (as topicGroups would say), then the root.
    const data: ReportData = {
      ...base,
      topicGroups: [
        { id: 'g0-2', label: 'robots, grasping', topics: [0, 2] },
        { id: 'g1-2', label: 'translation, <b>', topics: [1, 3] },
      ],
      treeNodes: [
        { id: 'g0-2', label: 'robots, grasping', size: 120, children: [0, 2] },
        { id: 'g1-2', label: 'translation, <b>', size: 120, children: [1, 3] },
        { id: 'g0-4', label: 'everything', size: 240, children: ['g0-2', 'g1-2'] },
      ],
    };
    const md = renderMarkdownReport(data, buildCharts(data), true);
    const tree = md.slice(md.indexOf('## Topic tree'), md.indexOf('## Papers by topic'));
    const t = (id: number) => data.topics.find((x) => x.id === id)!;
    expect(tree.split('\n').filter((l) => l.trimStart().startsWith('- '))).toEqual([
      '- everything (240 papers)',
      '  - robots, grasping (120 papers) — **broad group A**',
      `    - [${t(0).name}](#topic-0) (${t(0).size} papers)`,
      `    - [${t(2).name}](#topic-2) (${t(2).size} papers)`,
      '  - translation, &lt;b&gt; (120 papers) — **broad group B**',
      `    - [${t(1).name}](#topic-1) (${t(1).size} papers)`,
      `    - [${t(3).name}](#topic-3) (${t(3).size} papers)`,
    ]);
  });

  it('has no tree section when no grouping is stable (flat)', () => {
    const flat = flatReportData(240);
    expect(renderMarkdownReport(flat, buildCharts(flat), true)).not.toContain('## Topic tree');
  });
});
