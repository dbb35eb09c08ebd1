/**
 * `report.html`: one self-contained page. Vega, Vega-Lite and vega-embed are inlined (passed in
 * as code), so the page works from file:// with no network. Every string from a dump is escaped.
 */
import type { NamedChart } from '../charts/index.js';
import { escapeHtml, jsonForScript, scriptForHtml } from './escape.js';
import type { ReportData } from './report-data.js';
import { corpusSentence, moreNote, papersOfTopic, reportHeadline, titleOf } from './summary.js';

export interface InlineLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

export function renderHtmlReport(data: ReportData, charts: readonly NamedChart[], libraries: InlineLibraries): string {
  const e = escapeHtml;
  const swatch = (color: string): string => `<span class="swatch" style="background:${e(color)}"></span>`;
  const inputs = data.inputs
    .map((i) => `<tr><td><code>${e(i.path)}</code></td><td>${e(i.format)}</td><td class="n">${i.papers}</td><td class="n">${i.duplicates}</td><td class="n">${i.skipped}</td></tr>`)
    .join('\n');
  const options = Object.entries(data.options)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('');
  const diagnostics =
    data.diagnostics.length === 0
      ? '<p>No problems found in the inputs.</p>'
      : `<details><summary>${data.diagnostics.length} diagnostics</summary><ul class="diagnostics">${data.diagnostics.map((d) => `<li><code>${e(d)}</code></li>`).join('')}</ul></details>`;
  const changes = data.changes
    ? `<h2 id="changes">What changed since run ${e(data.changes.from)}</h2>
<ul class="changes">${data.changes.lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>
<p>See the chart <a href="#chart-topic-size-change">Topic sizes, before and after</a>.</p>`
    : '';
  const figures = charts
    .map((c) => `<figure id="chart-${e(c.name)}"><div class="chart" data-chart="${e(c.name)}" role="img" aria-label="${e(c.title)}"></div></figure>`)
    .join('\n');
  const specs = charts.map((c) => `<script type="application/json" id="spec-${e(c.name)}">${jsonForScript(c.spec)}</script>`).join('\n');
  const topicRows = data.topics
    .map(
      (t) => `<tr>
<td>${swatch(t.color)}<a href="#topic-${t.id}">${e(t.name)}</a></td>
<td class="n">${t.size}</td>
<td class="n">${t.cohesion.toFixed(2)}</td>
<td>${t.terms.map((term) => e(term.term)).join(', ')}</td>
<td><ul>${t.representatives.map((id) => `<li>${e(titleOf(data, id))}</li>`).join('')}</ul></td>
</tr>`,
    )
    .join('\n');
  const sections = data.topics
    .map((t) => {
      const { shown, total } = papersOfTopic(data, t.id);
      const more = moreNote(shown.length, total);
      const rows = shown
        .map((p) => `<tr><td>${e(p.title)}</td><td>${e(p.date ?? '')}</td><td class="n">${p.upvotes ?? ''}</td></tr>`)
        .concat(more ? [`<tr><td colspan="3" class="more">${e(more)}</td></tr>`] : [])
        .join('\n');
      return `<section class="topic" id="topic-${t.id}">
<h3>${swatch(t.color)}${e(t.name)} <small>${t.size} papers</small></h3>
<p class="terms">${t.terms.map((term) => e(term.term)).join(' · ')}</p>
<table><thead><tr><th>Title</th><th>Date</th><th class="n">Upvotes</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>Topic atlas: ${e(reportHeadline(data))}</title>
<style>
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 8px 0 4px; } h2 { font-size: 20px; margin-top: 40px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 17px; margin: 28px 0 4px; } h3 small { color: #666; font-weight: normal; }
table { border-collapse: collapse; width: 100%; background: white; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eee; }
th { background: #f1f1f3; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td ul { margin: 0; padding-left: 18px; } .terms { color: #444; margin: 2px 0 8px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 7px; vertical-align: baseline; }
figure { margin: 24px 0; background: white; padding: 12px; border: 1px solid #e6e6e6; border-radius: 6px; overflow-x: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; } dt { color: #555; } dd { margin: 0; }
.diagnostics { font-size: 13px; } td.more { color: #666; font-style: italic; } nav a { margin-right: 14px; }
</style>
</head>
<body>
<main>
<h1>Topic atlas: ${e(reportHeadline(data))}</h1>
<nav><a href="#summary">Run</a>${data.changes ? '<a href="#changes">Changes</a>' : ''}<a href="#charts">Charts</a><a href="#topics">Topics</a><a href="#papers">Papers by topic</a></nav>

<h2 id="summary">Run summary</h2>
<p>${e(corpusSentence(data))}</p>
<table><thead><tr><th>Input</th><th>Format</th><th class="n">Papers</th><th class="n">Duplicates</th><th class="n">Skipped</th></tr></thead><tbody>
${inputs}
</tbody></table>
<dl>${options}<dt>topic-atlas</dt><dd>${e(data.toolVersion)}</dd></dl>
${diagnostics}

${changes}
<h2 id="charts">Charts</h2>
${figures}

<h2 id="topics">Topics</h2>
<table><thead><tr><th>Topic</th><th class="n">Papers</th><th class="n">Cohesion</th><th>Top terms</th><th>Representative papers</th></tr></thead><tbody>
${topicRows}
</tbody></table>

<h2 id="papers">Papers by topic</h2>
${sections}
</main>
${specs}
<script>${scriptForHtml(libraries.vega)}</script>
<script>${scriptForHtml(libraries.vegaLite)}</script>
<script>${scriptForHtml(libraries.vegaEmbed)}</script>
<script>
for (const el of document.querySelectorAll('[data-chart]')) {
  const spec = JSON.parse(document.getElementById('spec-' + el.dataset.chart).textContent);
  vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).catch((error) => {
    el.textContent = 'This chart could not be drawn: ' + error.message;
    console.error(error);
  });
}
</script>
</body>
</html>
`;
}
