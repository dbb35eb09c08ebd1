/** `report.md`: the report's content in Markdown, with the SVG charts shown when drawn, for code-hosting sites. */
import type { NamedChart } from '../charts/index.js';
import { escapeMarkdown as m } from './escape.js';
import { groupOfTopic, hasGrouping, type ReportData } from './report-data.js';
import { corpusSentence, moreNote, papersOfTopic, reportHeadline, titleOf } from './summary.js';

/** `withImages`: the run drew charts/NAME.svg (`run --svg`); otherwise each chart's spec is linked. */
export function renderMarkdownReport(data: ReportData, charts: readonly NamedChart[], withImages: boolean): string {
  const lines: string[] = [];
  lines.push(`# Topic atlas: ${m(reportHeadline(data))}`, '', '## Run summary', '', m(corpusSentence(data)), '');
  lines.push('| Input | Format | Papers | Duplicates | Skipped |', '|---|---|---:|---:|---:|');
  for (const i of data.inputs)
    lines.push(`| ${m(i.path)} | ${i.format} | ${i.papers} | ${i.duplicates} | ${i.skipped} |`);
  lines.push(
    '',
    ...Object.entries(data.options).map(([k, v]) => `- ${m(k)}: ${m(v)}`),
    `- topic-atlas: ${m(data.toolVersion)}`,
    '',
  );
  if (data.diagnostics.length > 0) {
    lines.push('<details><summary>' + `${data.diagnostics.length} diagnostics</summary>`, '');
    for (const d of data.diagnostics) lines.push(`- ${m(d)}`);
    lines.push('', '</details>', '');
  }
  if (data.changes) {
    lines.push(
      `## What changed since run ${m(data.changes.from)}`,
      '',
      ...data.changes.lines.map((l) => `- ${m(l)}`),
      '',
    );
  }
  lines.push('## Charts', '');
  if (withImages) for (const c of charts) lines.push(`![${m(c.title)}](charts/${c.name}.svg)`, '');
  else {
    lines.push('[report.html](report.html) draws these; `topic-atlas run --svg` adds them here as pictures.', '');
    for (const c of charts) lines.push(`- [${m(c.title)}](charts/${c.name}.vl.json) (Vega-Lite spec)`);
    lines.push('');
  }
  // The broad group column only where some group holds two or more topics.
  const grouped = hasGrouping(data);
  lines.push(
    '## Topics',
    '',
    `| Topic |${grouped ? ' Broad group |' : ''} Papers | Cohesion | Top terms | Representative papers |`,
    `|---|${grouped ? '---|' : ''}---:|---:|---|---|`,
  );
  const groupOf = groupOfTopic(data);
  for (const t of data.topics) {
    const reps = t.representatives.map((id) => m(titleOf(data, id))).join('<br>');
    const group = grouped ? ` ${m(groupOf.get(t.id)?.name ?? '')} |` : '';
    lines.push(
      `| [${m(t.name)}](#topic-${t.id}) |${group} ${t.size} | ${t.cohesion.toFixed(2)} | ${t.terms.map((x) => m(x.term)).join(', ')} | ${reps} |`,
    );
  }
  if (grouped) lines.push('', '## Topic tree', '', ...treeLines(data));
  lines.push('', '## Papers by topic', '');
  for (const t of data.topics) {
    lines.push(
      `<a id="topic-${t.id}"></a>`,
      '',
      `### ${m(t.name)} (${t.size} papers)`,
      '',
      t.terms.map((x) => m(x.term)).join(' · '),
      '',
    );
    lines.push('| Title | Date | Upvotes |', '|---|---|---:|');
    const { shown, total } = papersOfTopic(data, t.id);
    for (const p of shown) lines.push(`| ${m(p.title)} | ${p.date ?? ''} | ${p.upvotes ?? ''} |`);
    const more = moreNote(shown.length, total);
    lines.push(...(more ? ['', `_${m(more)}_`] : []), '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The whole topic tree as a nested list, root first, each merge with its label and papers, the
 * broad groups marked, the topics as links to their section.
 */
function treeLines(data: ReportData): string[] {
  const nodes = new Map((data.treeNodes ?? []).map((n) => [n.id, n]));
  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const groupOf = groupOfTopic(data);
  const groupKeys = new Map([...groupOf.values()].map((g) => [g.id, g.key]));
  const lines: string[] = [];
  const walk = (key: number | string, depth: number): void => {
    const pad = '  '.repeat(depth);
    const group = groupKeys.get(String(key));
    const mark = group ? ` — **broad group ${group}**` : '';
    if (typeof key === 'number') {
      const t = topics.get(key);
      if (t) lines.push(`${pad}- [${m(t.name)}](#topic-${t.id}) (${t.size} papers)${mark}`);
      return;
    }
    const node = nodes.get(key);
    if (!node) return;
    lines.push(`${pad}- ${m(node.label)} (${node.size} papers)${mark}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  const root = data.treeNodes?.at(-1);
  if (root) walk(root.id, 0);
  return lines;
}
