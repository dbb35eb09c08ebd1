import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/charts/index.js';
import { renderHtmlReport } from '../../src/report/html.js';
import { renderMarkdownReport } from '../../src/report/markdown.js';
import { broadGroups, topicName, type ReportData } from '../../src/report/report-data.js';
import { syntheticReportData } from './synthetic.js';

// Stand-ins for the libraries: these tests read the page's markup, not its drawing.
const libraries = { vega: '', vegaLite: '', vegaEmbed: '' };
const render = (data: ReportData): string => renderHtmlReport(data, buildCharts(data), libraries);

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
    const md = renderMarkdownReport(bad, buildCharts(bad));
    expect(md).not.toContain('<img src=x');
    expect(md).toContain('B: &lt;img src=x onerror=alert(1)&gt;');
  });

  it('is byte-identical for the same input', () => {
    expect(render(syntheticReportData(240))).toBe(render(data));
    expect(renderMarkdownReport(syntheticReportData(240), buildCharts(data))).toBe(
      renderMarkdownReport(data, buildCharts(data)),
    );
  });
});
