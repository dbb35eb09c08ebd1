/**
 * `report.html`: one self-contained page, for reading. Vega, Vega-Lite and vega-embed are inlined
 * (passed in as code), so the page works from file:// with no network. In reading order: a headline
 * (papers, topics, what is new), search, the map and topic overview, trends and topic similarity,
 * every topic with its papers (click one for its abstract and an arXiv search link), the other
 * charts, and, folded, the input accounting and diagnostics. Every string from a dump is escaped;
 * the paper index is base64 of raw-deflated JSON (no `<` can appear in it), inflated by the page.
 * Topics are shown under their broad groups when some group holds two or more topics; otherwise
 * (`hasGrouping`) the page is flat: no group rows, blocks or buttons, and no topic-tree chart.
 */
import { deflateRawSync } from 'node:zlib';
import type { NamedChart } from '../charts/index.js';
import { escapeHtml, jsonForScript, scriptForHtml } from './escape.js';
import { buildPaperIndex, INDEX_BUDGET, PAGE_SIZE, type PaperIndex } from './paper-index.js';
import {
  broadGroups,
  hasGrouping,
  type BroadGroup,
  type ReportData,
  type ReportPaper,
  type ReportTopic,
} from './report-data.js';
import { REPORT_SCRIPT } from './report-script.js';
import { topicTrends, trendSparkline, type TopicTrends } from './topic-trend.js';
import { corpusSentence, listingDay, reportHeadline } from './summary.js';
import { formatCount } from '../format-count.js';

/**
 * zlib level of the paper index: 4 makes it 4.5% larger than 9 in 40% of the time (20,000 papers:
 * 2.01 against 1.92 MB from 5.7 MB of JSON, 85 against 202 ms).
 */
export const INDEX_DEFLATE_LEVEL = 4;

export interface InlineLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

const e = escapeHtml;
/** Charts shown beside the map and in the trends section; the rest go under "More charts". */
const LEAD_CHARTS = new Set(['topic-map', 'topic-tree', 'topics-over-time']);

/** report.html stays under this many bytes: 10 MB, less a margin for multi-byte characters. */
export const REPORT_TARGET = 9_300_000;

/**
 * The page around its paper index, and the index as JSON: `joinHtmlReport` puts them together once
 * the index is deflated, which a caller can have done on another thread meanwhile.
 */
export interface HtmlReportParts {
  readonly before: string;
  readonly indexJson: string;
  readonly after: string;
}

export function renderHtmlReport(
  data: ReportData,
  allCharts: readonly NamedChart[],
  libraries: InlineLibraries,
): string {
  const parts = htmlReportParts(data, allCharts, libraries);
  return joinHtmlReport(parts, deflateRawSync(parts.indexJson, { level: INDEX_DEFLATE_LEVEL }));
}

/** The page, with the paper index as raw-deflated bytes (level INDEX_DEFLATE_LEVEL). */
export function joinHtmlReport(parts: HtmlReportParts, deflatedIndex: Uint8Array): string {
  return `${parts.before}${Buffer.from(deflatedIndex.buffer, deflatedIndex.byteOffset, deflatedIndex.byteLength).toString('base64')}${parts.after}`;
}

export function htmlReportParts(
  data: ReportData,
  allCharts: readonly NamedChart[],
  libraries: InlineLibraries,
): HtmlReportParts {
  const grouped = hasGrouping(data);
  // Flat, the tree chart is only a note (its files are still written): the map's subtitle says it.
  const charts = grouped ? allCharts : allCharts.filter((c) => c.name !== 'topic-tree');
  const specs = charts
    .map((c) => `<script type="application/json" id="spec-${e(c.name)}">${jsonForScript(c.spec)}</script>`)
    .join('\n');
  // What the page needs besides the index: libraries, chart specs, and each topic's first page of
  // papers and representatives (about 400 characters a paper, 3 KB a topic besides).
  const page =
    libraries.vega.length +
    libraries.vegaLite.length +
    libraries.vegaEmbed.length +
    specs.length +
    60_000 +
    data.topics.length * (PAGE_SIZE * 400 + 3_000);
  const index = buildPaperIndex(data, { budget: Math.max(0, Math.min(INDEX_BUDGET, REPORT_TARGET - page)) });
  const byId = new Map(data.papers.map((p) => [p.id, p]));
  const topicsById = new Map(data.topics.map((t) => [t.id, t]));
  const trends = topicTrends(data.papers);
  const figure = (c: NamedChart): string =>
    `<figure id="chart-${e(c.name)}"><div class="chart" data-chart="${e(c.name)}" role="img" aria-label="${e(c.title)}"></div></figure>`;
  const chart = (name: string): string =>
    charts
      .filter((c) => c.name === name)
      .map(figure)
      .join('');
  const moreCharts = charts
    .filter((c) => !LEAD_CHARTS.has(c.name))
    .map(figure)
    .join('\n');
  const groups = broadGroups(data);
  const clientIndex = {
    ...index,
    // Flat, each topic is a group of its own: the script filters by topic alone.
    ...(grouped ? {} : { flat: true }),
    groups: groups.map((g) => ({ id: g.id, name: g.name, topics: g.topics, size: g.size })),
    topics: data.topics.map((t) => ({
      id: t.id,
      name: t.name,
      size: t.size,
      text: `${t.name} ${t.terms.map((x) => x.term).join(' ')}`.toLowerCase(),
    })),
  };

  const before = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>Topic atlas: ${e(reportHeadline(data))}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top">
<div class="wrap">
<h1>Topic atlas: ${e(reportHeadline(data))}</h1>
${headline(data)}
</div>
</header>
<div class="searchbar"><div class="wrap"><input type="search" id="search" placeholder="Search titles, abstracts and topics" aria-label="Search papers and topics" autocomplete="off"><span id="search-status" role="status" aria-live="polite"></span>
<span id="filter-chip" role="status" aria-live="polite" hidden>Showing only <b id="filter-name"></b> <button type="button" id="filter-clear">Show all topics</button></span>
<nav><a href="#overview">Map</a><a href="#trends">Trends</a><a href="#topics">Topics</a><a href="#more-charts">More charts</a>${data.changes ? '<a href="#changes">Changes</a>' : ''}<a href="#run">Run details</a></nav>
</div></div>
<main>
<section id="overview">
<h2>Map and topics</h2>
${chart('topic-map')}
<p class="hint">Hover a dot for its title${grouped ? ', topic and broad group' : ' and topic'}; click it to open the paper below. Search rings the matching papers.</p>
${grouped ? `${chart('topic-tree')}\n${groupNav(data, groups)}` : ''}
${topicTable(data, grouped ? groups : null, topicsById)}
</section>

<section id="trends">
<h2>Trends and how topics relate</h2>
${chart('topics-over-time')}
${listingNote(data)}
${similarityTable(data, groups, grouped, topicsById)}
</section>

<section id="topics">
<h2>Topics and their papers</h2>
<p class="hint">Click a title for its abstract, date, authors, upvotes and a link to find it on arXiv. Newest first.</p>
${
  grouped
    ? groups
        .map((g) =>
          groupBlock(
            g,
            g.topics.map((id) => topicSection(data, topicsById.get(id)!, g, index, byId, topicsById, trends)),
          ),
        )
        .join('\n')
    : groups
        .flatMap((g) => g.topics)
        .map((id) => topicSection(data, topicsById.get(id)!, null, index, byId, topicsById, trends))
        .join('\n')
}
</section>

<section id="more-charts">
<h2>More charts</h2>
${moreCharts}
</section>
${changesSection(data)}
<details id="run">
<summary>Run details: ${data.inputs.length} inputs, options, ${data.diagnostics.length} diagnostics</summary>
${runDetails(data)}
</details>
</main>
<script type="text/plain" id="paper-index" data-encoding="deflate-raw+base64">`;
  const after = `</script>
${specs}
<script>${scriptForHtml(libraries.vega)}</script>
<script>${scriptForHtml(libraries.vegaLite)}</script>
<script>${scriptForHtml(libraries.vegaEmbed)}</script>
<script>${scriptForHtml(REPORT_SCRIPT)}</script>
</body>
</html>
`;
  return { before, indexJson: JSON.stringify(clientIndex), after };
}

function swatch(color: string): string {
  return `<span class="swatch" style="background:${e(color)}"></span>`;
}

function topicLink(t: ReportTopic | undefined, id: number): string {
  return `<a href="#topic-${id}">${t ? swatch(t.color) + e(t.name) : String(id)}</a>`;
}

/** Papers, topics, the listing days covered, and what is new since the last run. */
function headline(data: ReportData): string {
  const days = data.papers
    .map(listingDay)
    .filter((d): d is string => d !== null)
    .sort();
  const stats = [
    `<li><b>${formatCount(data.papers.length)}</b> papers</li>`,
    `<li><b>${data.topics.length}</b> topics</li>`,
  ];
  const lines: string[] = [];
  if (days.length > 0) stats.push(`<li><b>${e(days[0]!)}</b> to <b>${e(days.at(-1)!)}</b> listed</li>`);
  const c = data.changes;
  if (c) {
    const added = c.added?.length ?? 0;
    stats.push(`<li class="new"><b>${formatCount(added)}</b> new since run ${e(c.from)}</li>`);
    const emerging = c.emerging ?? [];
    stats.push(`<li class="new"><b>${emerging.length}</b> emerging ${emerging.length === 1 ? 'topic' : 'topics'}</li>`);
    for (const t of emerging)
      lines.push(
        `<li>Emerging: <a href="#topic-${t.id}">${swatch(t.color)}${e(t.name)}</a>, ${t.papers} papers (${e(t.reason)})</li>`,
      );
    const growing = c.sizes
      .filter((s) => s.before > 0 && s.after > s.before)
      .sort((a, b) => (b.after - b.before) / b.before - (a.after - a.before) / a.before || a.id - b.id)
      .slice(0, 3);
    if (growing.length > 0) {
      lines.push(
        `<li>Fastest growing: ${growing.map((s) => `<a href="#topic-${s.id}">${swatch(s.color)}${e(s.name)}</a> ${s.before} → ${s.after}`).join('; ')}</li>`,
      );
    }
    if (c.mode)
      lines.push(
        `<li>Topics ${c.mode === 'update' ? 'carried on from the last run (update)' : 'fitted afresh (refit)'}; <a href="#changes">every change</a>.</li>`,
      );
  }
  return `<ul class="stats">${stats.join('')}</ul>${lines.length > 0 ? `<ul class="news">${lines.join('')}</ul>` : ''}`;
}

/**
 * The topic tree as buttons, for the keyboard and as the tree chart's twin: one per broad group,
 * and, once a group is picked, one per topic of it. The report script does the filtering.
 */
function groupNav(data: ReportData, groups: readonly BroadGroup[]): string {
  const topics = new Map(data.topics.map((t) => [t.id, t]));
  const items = groups
    .map(
      (g) =>
        `<li><button type="button" class="gbtn" data-group="${e(g.id)}" aria-pressed="false">${swatch(g.color)}${e(g.name)} <small>${topicCount(g)} · ${formatCount(g.size)} papers</small></button></li>`,
    )
    .join('\n');
  const topicLists = groups
    .map(
      (g) =>
        `<ul class="tlist" data-group="${e(g.id)}" aria-label="${e(`Topics of ${g.name}`)}" hidden>${g.topics
          .map((id) => {
            const t = topics.get(id)!;
            return `<li><button type="button" class="tbtn" data-topic="${t.id}" aria-pressed="false">${swatch(t.color)}${e(t.name)} <small>${formatCount(t.size)}</small></button></li>`;
          })
          .join('')}</ul>`,
    )
    .join('\n');
  return `<nav id="group-nav" aria-label="Topic tree: broad groups and their topics">
<p class="hint">Broad groups of the topic tree: pick one (here, in the tree chart or in the map's legend) to show only its topics and papers; pick it again, or "Show all topics", to see everything.</p>
<ul class="groups">
${items}
</ul>
${topicLists}
</nav>`;
}

function topicCount(g: BroadGroup): string {
  return `${g.topics.length} ${g.topics.length === 1 ? 'topic' : 'topics'}`;
}

/** Topics under their broad group's row: the tree's two levels in one table (flat: `groups` null). */
function topicTable(
  data: ReportData,
  groups: readonly BroadGroup[] | null,
  topicsById: ReadonlyMap<number, ReportTopic>,
): string {
  const total = data.papers.length || 1;
  const share = (n: number): string => `${((n / total) * 100).toFixed(1)}%`;
  const row = (
    t: ReportTopic,
    g: BroadGroup | null,
  ): string => `<tr data-topic="${t.id}"${g ? ` data-group="${e(g.id)}"` : ''}>
<td>${topicLink(t, t.id)}</td>
<td class="n">${formatCount(t.size)}</td>
<td class="n">${share(t.size)}</td>
<td>${t.terms
    .slice(0, 6)
    .map((x) => e(x.term))
    .join(', ')}</td>
<td class="nearest">${(t.nearest ?? []).map((n) => `${topicLink(topicsById.get(n.id), n.id)} <small>${n.similarity.toFixed(2)}</small>`).join('<br>')}</td>
<td class="matches"></td>
</tr>`;
  if (!groups) {
    return `<div class="scroll"><table class="topics"><thead><tr><th>Topic</th><th class="n">Papers</th><th class="n">Share</th><th>Top terms</th><th>Nearest topics (cosine)</th><th></th></tr></thead><tbody>
${data.topics
  .map((t) => t.id)
  .sort((a, b) => a - b)
  .map((id) => row(topicsById.get(id)!, null))
  .join('\n')}
</tbody></table></div>`;
  }
  const body = groups
    .map(
      (
        g,
      ) => `<tr class="group-row" data-group="${e(g.id)}" style="--group:${e(g.color)}"><th colspan="6" scope="rowgroup"><a href="#group-${e(g.id)}">${swatch(g.color)}${e(g.name)}</a> <small>${topicCount(g)} · ${formatCount(g.size)} papers · ${share(g.size)}</small></th></tr>
${g.topics.map((id) => row(topicsById.get(id)!, g)).join('\n')}`,
    )
    .join('\n');
  return `<div class="scroll"><table class="topics"><thead><tr><th>Topic, under its broad group</th><th class="n">Papers</th><th class="n">Share</th><th>Top terms</th><th>Nearest topics (cosine)</th><th></th></tr></thead><tbody>
${body}
</tbody></table></div>`;
}

/** A broad group's topic sections under its heading. */
function groupBlock(g: BroadGroup, sections: readonly string[]): string {
  return `<div class="group-block" id="group-${e(g.id)}" data-group="${e(g.id)}" style="--group:${e(g.color)}">
<h3 class="group-head">${swatch(g.color)}${e(g.name)} <small>${topicCount(g)} · ${formatCount(g.size)} papers</small></h3>
${sections.join('\n')}
</div>`;
}

/** Where the listing days come from, so an undated paper is explained rather than just missing. */
function listingNote(data: ReportData): string {
  const f = data.listedFrom;
  if (!f) return '';
  const parts = [`${f.own} papers carry their own date`];
  if (f.page > 0) parts.push(`${f.page} take the date printed under their page's header`);
  parts.push(
    f.none > 0
      ? `${f.none} have neither (compact or record inputs without dates), so they are left out of the timeline`
      : 'none is left without a day',
  );
  return `<p class="hint">Listing days: ${e(parts.join('; '))}.</p>`;
}

/** Topic similarity as a heatmap table: the cosine of every pair of topic centroids. */
function similarityTable(
  data: ReportData,
  groups: readonly BroadGroup[],
  grouped: boolean,
  topicsById: ReadonlyMap<number, ReportTopic>,
): string {
  const given = data.topicSimilarity;
  if (!given || given.ids.length < 2) return '';
  // In the tree's order, group by group: the groups show as darker blocks along the diagonal.
  const order = groups.flatMap((g) => g.topics).filter((id) => given.ids.includes(id));
  const ids = [...order, ...given.ids.filter((id) => !order.includes(id))];
  const at = ids.map((id) => given.ids.indexOf(id));
  const s = { ids, matrix: at.map((i) => at.map((j) => given.matrix[i]?.[j] ?? 0)) };
  const head = s.ids
    .map(
      (id) =>
        `<th title="${e(topicsById.get(id)?.name ?? String(id))}">${swatch(topicsById.get(id)?.color ?? '#999')}${id}</th>`,
    )
    .join('');
  const others = s.matrix.flatMap((row, i) => row.filter((_, j) => j !== i));
  const [min, max] = [Math.min(...others), Math.max(...others)];
  const rows = s.ids
    .map((id, i) => {
      const cells = (s.matrix[i] ?? [])
        .map((v, j) => {
          if (i === j) return '<td class="self"></td>';
          const alpha = max > min ? 0.08 + (0.92 * (v - min)) / (max - min) : 0.5;
          return `<td style="background:rgba(78,121,167,${alpha.toFixed(2)});color:${alpha > 0.55 ? 'white' : '#222'}" title="${e(`${topicsById.get(id)?.name ?? id} / ${topicsById.get(s.ids[j]!)?.name ?? s.ids[j]}: ${v.toFixed(2)}`)}">${v.toFixed(2)}</td>`;
        })
        .join('');
      return `<tr><th>${topicLink(topicsById.get(id), id)}</th>${cells}</tr>`;
    })
    .join('\n');
  return `<figure id="topic-similarity"><figcaption><b>Topic similarity</b>: cosine between topic centroids (darker: closer; the same space the topics were found in)${grouped ? ', topics in the order of their broad groups' : ''}.</figcaption>
<div class="scroll"><table class="heat"><thead><tr><th></th>${head}</tr></thead><tbody>
${rows}
</tbody></table></div></figure>`;
}

function shortMeta(p: ReportPaper, isNew: boolean): string {
  const parts: string[] = [];
  if (p.date) parts.push(p.date);
  else if (p.listed) parts.push(`listed ${p.listed}`);
  if (p.upvotes !== null) parts.push(`${p.upvotes} ${p.upvotes === 1 ? 'upvote' : 'upvotes'}`);
  if (isNew) parts.push('new');
  return parts.join(' · ');
}

function paperItem(p: ReportPaper, isNew: boolean): string {
  return `<li class="paper${isNew ? ' new' : ''}" data-paper-id="${e(p.id)}"><button type="button" class="ptitle" aria-expanded="false">${e(p.title)}</button><span class="pmeta">${e(shortMeta(p, isNew))}</span></li>`;
}

function topicSection(
  data: ReportData,
  t: ReportTopic,
  g: BroadGroup | null,
  index: PaperIndex,
  byId: ReadonlyMap<string, ReportPaper>,
  topicsById: ReadonlyMap<number, ReportTopic>,
  trends: TopicTrends,
): string {
  const added = new Set(data.changes?.added ?? []);
  const listed = index.rows.filter((r) => r[2] === t.id);
  const abstracts = new Map(listed.map((r) => [r[0], r[7]]));
  const firstPage = listed.slice(0, index.pageSize).map((r) => byId.get(r[0])!);
  const reps = t.representatives
    .map((id) => byId.get(id))
    .filter((p): p is ReportPaper => p !== undefined)
    .map((p) => {
      const abstract = abstracts.get(p.id) ?? '';
      return `<li class="paper" data-paper-id="${e(p.id)}"><button type="button" class="ptitle" aria-expanded="false">${e(p.title)}</button><span class="pmeta">${e(shortMeta(p, added.has(p.id)))}</span><p class="abstract">${e(abstract)}</p></li>`;
    })
    .join('\n');
  const nearest = (t.nearest ?? [])
    .map((n) => `${topicLink(topicsById.get(n.id), n.id)} (${n.similarity.toFixed(2)})`)
    .join(', ');
  const left = listed.length - firstPage.length;
  return `<section class="topic" id="topic-${t.id}"${g ? ` data-group="${e(g.id)}"` : ''} style="--topic:${e(t.color)}">
<h4>${swatch(t.color)}<span class="tname">${e(t.name)}</span> <small>${formatCount(t.size)} papers · cohesion ${t.cohesion.toFixed(2)}${g ? ` · in group ${e(g.key)}` : ''}</small></h4>
<p class="terms">${t.terms.map((term) => e(term.term)).join(' · ')}</p>
${nearest ? `<p class="near">Nearest topics: ${nearest}</p>` : ''}
${trendSparkline(trends, t.id, t.color)}
<div class="reps-block"><h5>Representative papers</h5><ol class="reps">
${reps}
</ol></div>
<h5 class="list-head">Papers</h5>
<ul class="papers" id="list-${t.id}">
${firstPage.map((p) => paperItem(p, added.has(p.id))).join('\n')}
</ul>
<button type="button" class="more" data-topic="${t.id}"${left > 0 ? '' : ' hidden'}>Show ${Math.min(index.pageSize, left)} more (${left} not shown)</button>
<p class="more-note" id="csv-note-${t.id}"${left <= 0 && t.size > listed.length ? '' : ' hidden'}>${formatCount(t.size - listed.length)} more papers of this topic are only in papers.csv (the report stays under 10 MB).</p>
</section>`;
}

function changesSection(data: ReportData): string {
  const c = data.changes;
  if (!c) return '';
  return `<section id="changes"><h2>What changed since run ${e(c.from)}</h2>
<ul class="changes">${c.lines.map((line) => `<li>${e(line)}</li>`).join('')}</ul>
<p>See the chart <a href="#chart-topic-size-change">Topic sizes, before and after</a>.</p></section>`;
}

function runDetails(data: ReportData): string {
  const inputs = data.inputs
    .map(
      (i) =>
        `<tr><td><code>${e(i.path)}</code></td><td>${e(i.format)}</td><td class="n">${i.papers}</td><td class="n">${i.duplicates}</td><td class="n">${i.skipped}</td></tr>`,
    )
    .join('\n');
  const options = Object.entries(data.options)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('');
  const diagnostics =
    data.diagnostics.length === 0
      ? '<p>No problems found in the inputs.</p>'
      : `<details><summary>${data.diagnostics.length} diagnostics</summary><ul class="diagnostics">${data.diagnostics.map((d) => `<li><code>${e(d)}</code></li>`).join('')}</ul></details>`;
  return `<p>${e(corpusSentence(data))}</p>
<div class="scroll"><table><thead><tr><th>Input</th><th>Format</th><th class="n">Papers</th><th class="n">Duplicates</th><th class="n">Skipped</th></tr></thead><tbody>
${inputs}
</tbody></table></div>
<dl>${options}<dt>topic-atlas</dt><dd>${e(data.toolVersion)}</dd></dl>
${diagnostics}`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
.wrap, main { max-width: 1180px; margin: 0 auto; padding: 0 24px; box-sizing: border-box; }
main { padding-bottom: 64px; }
header.top { background: white; padding: 10px 0 0; }
.searchbar { background: white; border-bottom: 1px solid #ddd; position: sticky; top: 0; z-index: 5; padding: 6px 0; }
.searchbar .wrap { display: flex; align-items: center; gap: 6px 14px; flex-wrap: wrap; }
section, li.paper, figure { scroll-margin-top: 70px; }
h1 { font-size: 24px; margin: 4px 0; } h2 { font-size: 20px; margin-top: 36px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3.group-head { font-size: 19px; margin: 40px 0 4px; padding: 4px 0 4px 10px; border-left: 8px solid var(--group); background: white; }
h4 { font-size: 17px; margin: 30px 0 2px; } h3 small, h4 small { color: #666; font-weight: normal; font-size: 14px; } h5 { margin: 12px 0 4px; font-size: 14px; color: #444; }
.stats { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 6px 22px; color: #444; }
.stats b { font-size: 18px; color: #1d1d1f; } .stats .new b { color: #b3261e; }
.news { margin: 2px 0 6px; padding-left: 18px; font-size: 14px; }
#search { font: inherit; font-size: 16px; padding: 7px 10px; width: min(520px, 100%); border: 1px solid #aaa; border-radius: 6px; }
#search-status { color: #444; font-size: 14px; }
nav a { margin-right: 14px; font-size: 14px; }
table { border-collapse: collapse; width: 100%; background: white; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eee; }
th { background: #f1f1f3; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.matches { color: #b3261e; white-space: nowrap; } td.nearest small, .heat td { font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
.heat { width: auto; } .heat td { text-align: center; min-width: 34px; font-size: 12px; } .heat td.self { background: #f4f4f4; }
.terms { color: #444; margin: 2px 0 4px; } .near { margin: 2px 0; font-size: 14px; } .hint { color: #555; font-size: 14px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
figure { margin: 20px 0; background: white; padding: 12px; border: 1px solid #e6e6e6; border-radius: 6px; overflow-x: auto; }
figcaption { margin-bottom: 8px; font-size: 14px; }
section.topic { border-left: 4px solid var(--topic); padding-left: 14px; }
ul.papers, ol.reps { margin: 0; padding-left: 0; list-style: none; }
ol.reps .abstract { margin: 2px 0 10px; font-size: 14px; color: #333; }
li.paper { padding: 3px 0; border-bottom: 1px solid #f0f0f0; }
li.paper.new .pmeta { color: #b3261e; }
.ptitle { all: unset; cursor: pointer; color: #1a4f8b; font-weight: 500; } .ptitle:hover, .ptitle:focus-visible { text-decoration: underline; outline: none; }
.ptitle[aria-expanded="true"] { color: #111; }
.pmeta { color: #666; font-size: 13px; margin-left: 8px; white-space: nowrap; }
.detail { margin: 6px 0 8px; padding: 8px 12px; background: white; border: 1px solid #e2e2e2; border-radius: 6px; }
.detail .abstract { margin: 4px 0; } .dmeta { color: #555; font-size: 13px; margin: 0; } .links { margin: 4px 0 0; font-size: 14px; }
mark { background: #ffe066; color: inherit; padding: 0 1px; }
li.flash { animation: flash 1.6s ease-out; } @keyframes flash { from { background: #ffe066; } to { background: transparent; } }
button.more { font: inherit; font-size: 14px; margin: 6px 0; padding: 4px 10px; border: 1px solid #bbb; border-radius: 5px; background: white; cursor: pointer; }
.more-note { color: #666; font-style: italic; font-size: 14px; }
body.searching .reps-block { display: none; }
details#run { margin-top: 36px; } details#run > summary { font-size: 18px; font-weight: 600; cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; } dt { color: #555; } dd { margin: 0; }
.diagnostics { font-size: 13px; }
#filter-chip { font-size: 14px; background: #fff4cc; border: 1px solid #e0c25a; border-radius: 6px; padding: 3px 4px 3px 10px; }
#filter-chip[hidden], #group-nav ul.tlist[hidden] { display: none; }
#filter-clear, .gbtn, .tbtn { font: inherit; font-size: 14px; cursor: pointer; border: 1px solid #bbb; border-radius: 5px; background: white; padding: 3px 9px; text-align: left; }
#filter-clear { margin-left: 6px; }
#filter-clear:focus-visible, .gbtn:focus-visible, .tbtn:focus-visible { outline: 2px solid #1a4f8b; outline-offset: 1px; }
#group-nav ul { list-style: none; margin: 0; padding: 0; }
#group-nav ul.groups { display: flex; flex-wrap: wrap; gap: 6px 8px; }
#group-nav ul.tlist { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 8px 0 4px; padding: 8px 0 0 14px; border-top: 1px dashed #ccc; }
.gbtn small, .tbtn small { color: #666; }
.gbtn[aria-pressed="true"], .tbtn[aria-pressed="true"] { background: #1d1d1f; color: white; border-color: #1d1d1f; }
.gbtn[aria-pressed="true"] small, .tbtn[aria-pressed="true"] small { color: #ddd; }
tr.group-row th { background: #f7f7f9; border-left: 6px solid var(--group); font-size: 15px; padding-top: 9px; }
tr.group-row th small { font-weight: normal; color: #666; }
@media (max-width: 700px) {
  .wrap, main { padding: 0 12px; } h1 { font-size: 19px; } .stats b { font-size: 16px; }
  .pmeta { display: block; margin-left: 0; }
}
`;
