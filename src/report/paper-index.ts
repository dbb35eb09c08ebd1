/**
 * The paper index embedded in report.html: what search, the paper details and "show more" read.
 * It is kept within a size budget so the page stays under 10 MB at 200,000 papers: the papers the
 * page lists first carry abstracts cut to ABSTRACT_CAP characters; the rest carry shorter abstracts
 * (or none) as the budget requires, and past that only the first papers of each topic are indexed.
 */
import type { ReportData, ReportPaper } from './report-data.js';
import { papersOfTopic } from './summary.js';

/** Abstracts in the index are cut to this many characters (papers.csv has them whole). */
export const ABSTRACT_CAP = 600;
/** Papers the page lists per topic before "show more" (and per page of "show more"). */
export const PAGE_SIZE = 25;
/** Characters of JSON the index may take: with Vega (0.8 MB), charts and the page, 10 MB at most. */
export const INDEX_BUDGET = 6_500_000;
/** An abstract shorter than this says too little to be worth its bytes. */
const MIN_USEFUL_ABSTRACT = 80;

/**
 * One paper: id, title, topic id, own date, listing day when it differs from the own date, authors,
 * upvotes, abstract (maybe cut), map x, map y, similarity to its topic, 1 when new since the last run.
 */
export type IndexRow = [
  string,
  string,
  number,
  string | null,
  string | null,
  number | null,
  number | null,
  string,
  number,
  number,
  number | null,
  0 | 1,
];

export interface PaperIndex {
  /** Rows grouped by topic in the report's topic order, each topic's papers in list order. */
  readonly rows: readonly IndexRow[];
  /** Papers in the corpus, and how many the index holds. */
  readonly total: number;
  readonly covered: number;
  /** The longest abstract of a paper past each topic's first page (ABSTRACT_CAP when nothing was cut further). */
  readonly abstractCap: number;
  readonly pageSize: number;
}

export interface BuildPaperIndexOptions {
  readonly budget: number;
  readonly pageSize: number;
}

/** Cuts an abstract to at most `cap` characters, at a word boundary when one is near, with an ellipsis. */
export function capAbstract(text: string, cap: number): string {
  if (text.length <= cap) return text;
  if (cap <= 0) return '';
  const cut = text.slice(0, cap - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > cap - 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The index for `data`, within `options.budget` characters of JSON (estimated). Deterministic. */
export function buildPaperIndex(data: ReportData, options: Partial<BuildPaperIndexOptions> = {}): PaperIndex {
  const { budget, pageSize } = { budget: INDEX_BUDGET, pageSize: PAGE_SIZE, ...options };
  const added = new Set(data.changes?.added ?? []);
  const representatives = new Set(data.topics.flatMap((t) => t.representatives));
  const lists = data.topics.map((t) => papersOfTopic(data, t.id, Infinity).shown);
  const fixed = new Map(data.papers.map((p) => [p.id, JSON.stringify(indexRow(p, 0, added.has(p.id))).length + 1]));
  const cost = (p: ReportPaper, cap: number): number => fixed.get(p.id)! + Math.min(cap, p.abstract?.length ?? 0);

  // First pages and representatives always carry ABSTRACT_CAP; the rest share what is left.
  const first = (p: ReportPaper, position: number): boolean => position < pageSize || representatives.has(p.id);
  let spent = 0;
  let restFixed = 0;
  const restAbstracts: number[] = [];
  for (const list of lists) {
    list.forEach((p, position) => {
      if (first(p, position)) spent += cost(p, ABSTRACT_CAP);
      else {
        restFixed += cost(p, 0);
        restAbstracts.push(p.abstract?.length ?? 0);
      }
    });
  }
  const left = budget - spent - restFixed;
  const abstractsUpTo = (cap: number): number => restAbstracts.reduce((s, n) => s + Math.min(n, cap), 0);
  let cap = ABSTRACT_CAP;
  if (abstractsUpTo(cap) > left) {
    // The largest cap that fits (the sum grows with the cap, so halve the interval).
    let [low, high] = [0, ABSTRACT_CAP];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (abstractsUpTo(mid) <= left) low = mid;
      else high = mid - 1;
    }
    cap = low < MIN_USEFUL_ABSTRACT ? 0 : low;
  }
  // Even titles alone overflow: each topic keeps the same share of its remaining papers.
  const share = left >= 0 ? 1 : Math.max(0, (budget - spent) / restFixed);

  const rows: IndexRow[] = [];
  for (const list of lists) {
    const rest = list.length - list.filter((p, position) => first(p, position)).length;
    let restKept = Math.floor(rest * share);
    list.forEach((p, position) => {
      const isFirst = first(p, position);
      if (!isFirst && restKept-- <= 0) return;
      rows.push(indexRow(p, isFirst ? ABSTRACT_CAP : cap, added.has(p.id)));
    });
  }
  return { rows, total: data.papers.length, covered: rows.length, abstractCap: cap, pageSize };
}

function indexRow(p: ReportPaper, cap: number, isNew: boolean): IndexRow {
  const listed = p.listed ?? null;
  return [
    p.id,
    p.title,
    p.topic,
    p.date,
    listed === p.date ? null : listed,
    p.authors,
    p.upvotes,
    capAbstract(p.abstract ?? '', cap),
    p.x,
    p.y,
    p.similarity ?? null,
    isNew ? 1 : 0,
  ];
}
