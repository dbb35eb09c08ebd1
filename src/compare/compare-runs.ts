/**
 * What changed between two runs: papers added and removed (and where the new ones went), and
 * topics that appeared, vanished, grew, shrank, split or merged. Topics are the same topic when
 * they share an id (ids are carried across runs by `matchTopics`); splits and merges are read
 * from where the papers present in both runs went.
 */

export interface RunSnapshot {
  readonly runId: string;
  readonly topics: readonly {
    readonly id: number;
    readonly label: string;
    readonly size: number;
    readonly terms: readonly string[];
  }[];
  /** Paper id -> its topic id and title. */
  readonly papers: ReadonlyMap<string, { readonly topic: number; readonly title: string }>;
}

export interface TopicRef {
  readonly id: number;
  readonly label: string;
}

/** A topic born or ended by an update (see src/cluster/update-topics.ts), with why and its figures. */
export type TopicLifeEvent =
  | (TopicRef & {
      readonly event: 'birth';
      /** New papers that founded it, and papers of other topics that then joined it. */
      readonly papers: number;
      readonly joined: number;
      readonly cohesion: number;
      readonly reason: string;
    })
  | (TopicRef & { readonly event: 'end'; readonly reason: string })
  /** A topic that merged into `into` (which kept its id). */
  | (TopicRef & { readonly event: 'merge'; readonly into: TopicRef; readonly reason: string })
  /** A new topic split off `from` (which kept its id and the larger half). */
  | (TopicRef & { readonly event: 'split'; readonly from: TopicRef; readonly papers: number; readonly reason: string });

export interface RunChanges {
  readonly from: string;
  readonly to: string;
  /** How the topics were made: updated from the previous run's, or refitted from scratch. */
  readonly mode?: 'update' | 'refit';
  /** An update's births and ends. */
  readonly events?: readonly TopicLifeEvent[];
  readonly papers: {
    readonly before: number;
    readonly after: number;
    readonly added: readonly { id: string; title: string; topic: number }[];
    readonly removed: readonly { id: string; title: string; topic: number }[];
    /** Papers in both runs whose topic id changed. */
    readonly moved: number;
  };
  readonly topics: {
    readonly appeared: readonly (TopicRef & { size: number; terms: readonly string[] })[];
    readonly vanished: readonly (TopicRef & { size: number; terms: readonly string[] })[];
    readonly grew: readonly (TopicRef & { before: number; after: number })[];
    readonly shrank: readonly (TopicRef & { before: number; after: number })[];
    readonly split: readonly (TopicRef & { into: readonly (TopicRef & { papers: number })[] })[];
    readonly merged: readonly (TopicRef & { from: readonly (TopicRef & { papers: number })[] })[];
  };
}

export interface CompareOptions {
  /** A topic split (or merged) when at least two parts each hold this share of its shared papers … */
  readonly minShare: number;
  /** … and at least this many papers. */
  readonly minPapers: number;
}

const COMPARE_DEFAULTS: CompareOptions = { minShare: 0.2, minPapers: 2 };

export function compareRuns(
  before: RunSnapshot,
  after: RunSnapshot,
  options: Partial<CompareOptions> = {},
): RunChanges {
  const opts = { ...COMPARE_DEFAULTS, ...options };
  const ref = (topics: RunSnapshot['topics'], id: number): TopicRef => ({
    id,
    label: topics.find((t) => t.id === id)?.label ?? String(id),
  });
  const sortedIds = (map: ReadonlyMap<string, unknown>): string[] => [...map.keys()].sort();

  const added = sortedIds(after.papers)
    .filter((id) => !before.papers.has(id))
    .map((id) => ({ id, title: after.papers.get(id)!.title, topic: after.papers.get(id)!.topic }));
  const removed = sortedIds(before.papers)
    .filter((id) => !after.papers.has(id))
    .map((id) => ({ id, title: before.papers.get(id)!.title, topic: before.papers.get(id)!.topic }));

  // flows.get(`${a}>${b}`): papers in both runs that went from topic a to topic b.
  const flows = new Map<string, number>();
  let moved = 0;
  for (const [id, paper] of before.papers) {
    const next = after.papers.get(id);
    if (!next) continue;
    if (next.topic !== paper.topic) moved++;
    const key = `${paper.topic}>${next.topic}`;
    flows.set(key, (flows.get(key) ?? 0) + 1);
  }
  const flowList = [...flows.entries()].map(([key, papers]) => {
    const [a, b] = key.split('>').map(Number) as [number, number];
    return { a, b, papers };
  });

  const beforeIds = new Set(before.topics.map((t) => t.id));
  const afterIds = new Set(after.topics.map((t) => t.id));
  const parts = (total: number, list: { id: number; papers: number }[]) =>
    list
      .filter((p) => p.papers >= opts.minPapers && p.papers / total >= opts.minShare)
      .sort((x, y) => y.papers - x.papers || x.id - y.id);

  const split = before.topics.flatMap((t) => {
    const out = flowList.filter((f) => f.a === t.id).map((f) => ({ id: f.b, papers: f.papers }));
    const total = out.reduce((s, f) => s + f.papers, 0);
    const big = parts(total, out);
    return big.length >= 2
      ? [{ ...ref(before.topics, t.id), into: big.map((p) => ({ ...ref(after.topics, p.id), papers: p.papers })) }]
      : [];
  });
  const merged = after.topics.flatMap((t) => {
    const into = flowList.filter((f) => f.b === t.id).map((f) => ({ id: f.a, papers: f.papers }));
    const total = into.reduce((s, f) => s + f.papers, 0);
    const big = parts(total, into);
    return big.length >= 2
      ? [{ ...ref(after.topics, t.id), from: big.map((p) => ({ ...ref(before.topics, p.id), papers: p.papers })) }]
      : [];
  });

  const persisting = after.topics
    .filter((t) => beforeIds.has(t.id))
    .map((t) => ({ t, old: before.topics.find((o) => o.id === t.id)! }));
  const byId = <T extends { id: number }>(list: T[]): T[] => list.sort((x, y) => x.id - y.id);
  return {
    from: before.runId,
    to: after.runId,
    papers: { before: before.papers.size, after: after.papers.size, added, removed, moved },
    topics: {
      appeared: byId(
        after.topics
          .filter((t) => !beforeIds.has(t.id))
          .map((t) => ({ id: t.id, label: t.label, size: t.size, terms: t.terms })),
      ),
      vanished: byId(
        before.topics
          .filter((t) => !afterIds.has(t.id))
          .map((t) => ({ id: t.id, label: t.label, size: t.size, terms: t.terms })),
      ),
      grew: byId(
        persisting
          .filter(({ t, old }) => t.size > old.size)
          .map(({ t, old }) => ({ id: t.id, label: t.label, before: old.size, after: t.size })),
      ),
      shrank: byId(
        persisting
          .filter(({ t, old }) => t.size < old.size)
          .map(({ t, old }) => ({ id: t.id, label: t.label, before: old.size, after: t.size })),
      ),
      split,
      merged,
    },
  };
}

/** The changes in one line: `12 new papers; 1 topic appeared, 2 grew`. */
export function summarizeChanges(changes: RunChanges): string {
  const { papers, topics } = changes;
  const parts = [
    [topics.appeared.length, 'appeared'],
    [topics.vanished.length, 'vanished'],
    [topics.grew.length, 'grew'],
    [topics.shrank.length, 'shrank'],
    [topics.split.length, 'split'],
    [topics.merged.length, 'merged'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const topicPart = parts.length === 0 ? 'no topic changed' : `topics: ${parts.join(', ')}`;
  return `${papers.added.length} new papers, ${papers.removed.length} gone, ${papers.moved} moved; ${topicPart}`;
}

/** One line per change, for the terminal and the reports. */
export function describeChanges(changes: RunChanges): string[] {
  const name = (t: TopicRef): string => `${t.id}: ${t.label}`;
  const lines: string[] = [];
  const { papers, topics } = changes;
  lines.push(
    `${papers.before} -> ${papers.after} papers: ${papers.added.length} new, ${papers.removed.length} gone, ${papers.moved} moved to another topic`,
  );
  const whereNew = new Map<number, number>();
  for (const p of papers.added) whereNew.set(p.topic, (whereNew.get(p.topic) ?? 0) + 1);
  if (whereNew.size > 0) {
    lines.push(
      `new papers went to: ${[...whereNew.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .map(([id, n]) => `topic ${id} (${n})`)
        .join(', ')}`,
    );
  }
  for (const t of topics.appeared)
    lines.push(`appeared: ${name(t)} (${t.size} papers; ${t.terms.slice(0, 5).join(', ')})`);
  for (const t of topics.vanished)
    lines.push(`vanished: ${name(t)} (had ${t.size} papers; ${t.terms.slice(0, 5).join(', ')})`);
  for (const t of topics.grew) lines.push(`grew: ${name(t)} ${t.before} -> ${t.after}`);
  for (const t of topics.shrank) lines.push(`shrank: ${name(t)} ${t.before} -> ${t.after}`);
  for (const t of topics.split)
    lines.push(`split: ${name(t)} into ${t.into.map((p) => `${name(p)} (${p.papers})`).join(', ')}`);
  for (const t of topics.merged)
    lines.push(`merged: ${t.from.map((p) => `${name(p)} (${p.papers})`).join(' + ')} into ${name(t)}`);
  for (const e of changes.events ?? []) lines.push(describeEvent(e, name));
  if (lines.length === 1 && papers.added.length === 0 && papers.removed.length === 0 && papers.moved === 0)
    lines.push('no topic changed');
  return lines;
}

function describeEvent(e: TopicLifeEvent, name: (t: TopicRef) => string): string {
  switch (e.event) {
    case 'birth':
      return `born: ${name(e)} (${e.papers} new papers, cohesion ${e.cohesion}; ${e.reason})${e.joined ? `; ${e.joined} papers of other topics then joined it` : ''}`;
    case 'end':
      return `ended: ${name(e)} (${e.reason})`;
    case 'merge':
      return `merged by the update: ${name(e)} into ${name(e.into)} (${e.reason})`;
    case 'split':
      return `split by the update: ${name(e)} (${e.papers} papers) from ${name(e.from)} (${e.reason})`;
  }
}

/** The snapshot of a run being made: its identified topics and every paper's topic id. */
export function snapshotOf(
  runId: string,
  papers: readonly { readonly id: string; readonly title: string }[],
  identified: {
    readonly topics: readonly {
      readonly id: number;
      readonly label: string;
      readonly size: number;
      readonly terms: readonly { readonly term: string }[];
    }[];
    readonly paperTopics: Int32Array;
  },
): RunSnapshot {
  return {
    runId,
    topics: identified.topics.map((t) => ({
      id: t.id,
      label: t.label,
      size: t.size,
      terms: t.terms.map((x) => x.term),
    })),
    papers: new Map(papers.map((p, i) => [p.id, { topic: identified.paperTopics[i]!, title: p.title }])),
  };
}
