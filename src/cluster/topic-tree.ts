/**
 * The topic tree: topics merged bottom-up by the similarity of their centres (average linkage on
 * cosine, UPGMA), so a long list of fine topics reads as a few broad areas. Every topic is a leaf;
 * each merge is a node with the similarity at which its two children joined. The coarse level is
 * the cut just before the largest drop in merge similarity: where joining further would put
 * together groups much less alike than any joined so far.
 */
import { dotRows, type DenseMatrix } from '../numeric/dense.js';
import { round } from '../numeric/round.js';

export interface TreeLeaf {
  /** The topic's stable id. */
  readonly id: number;
  readonly size: number;
  /** Its top terms with weights, best first (for the node labels). */
  readonly terms: readonly { readonly term: string; readonly weight: number }[];
}

export interface TreeNode {
  /**
   * `g<smallest topic id under it>-<topics under it>`: unique in the tree (a node has more topics
   * than any node below it, and nodes side by side share none) and unchanged across reruns as long
   * as the topics under it keep their ids.
   */
  readonly id: string;
  readonly label: string;
  readonly size: number;
  /** Topic ids (numbers) or node ids (strings), the more similar pair's order kept. */
  readonly children: readonly (number | string)[];
  /** Average cosine between the centres of the two groups when they merged. */
  readonly similarity: number;
}

export interface TopicTree {
  /** Merge order: the root last. Empty for fewer than two topics. */
  readonly nodes: readonly TreeNode[];
  /** The coarse level: node ids and topic ids (a topic that joins nothing before the cut). */
  readonly coarse: readonly (number | string)[];
  /** Topic id -> the coarse group it belongs to (a node id, or its own id). */
  readonly parentOf: ReadonlyMap<number, number | string>;
}

/** Most coarse groups shown, whatever k: a broad overview stays short. */
const MAX_COARSE = 8;
const LABEL_TERMS = 3;

/** @param centroids k × dims unit rows, row i the centre of `leaves[i]` */
export function buildTopicTree(leaves: readonly TreeLeaf[], centroids: DenseMatrix): TopicTree {
  const k = leaves.length;
  if (k < 2) return { nodes: [], coarse: leaves.map((l) => l.id), parentOf: new Map(leaves.map((l) => [l.id, l.id])) };
  // Pairwise cosine of the topic centres; groups are compared by the mean over their members' pairs.
  const cos = (a: number, b: number): number => dotRows(centroids, a, centroids, b);
  interface Group {
    readonly key: number | string;
    readonly members: readonly number[]; // leaf indices
    readonly size: number;
  }
  let groups: Group[] = leaves.map((l, i) => ({ key: l.id, members: [i], size: l.size }));
  const linkage = (a: Group, b: Group): number => {
    let sum = 0;
    for (const i of a.members) for (const j of b.members) sum += cos(i, j);
    return sum / (a.members.length * b.members.length);
  };
  const nodes: TreeNode[] = [];
  const snapshots: Group[][] = [groups];
  while (groups.length > 1) {
    let best: [number, number, number] = [0, 1, -Infinity];
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const s = linkage(groups[a]!, groups[b]!);
        if (s > best[2] + 1e-12) best = [a, b, s];
      }
    }
    const [a, b, similarity] = best;
    const members = [...groups[a]!.members, ...groups[b]!.members];
    const ids = members.map((i) => leaves[i]!.id);
    const node: TreeNode = {
      id: `g${Math.min(...ids)}-${ids.length}`,
      label: groupLabel(members.map((i) => leaves[i]!)),
      size: groups[a]!.size + groups[b]!.size,
      children: [groups[a]!.key, groups[b]!.key],
      similarity: round(similarity),
    };
    nodes.push(node);
    groups = [...groups.filter((_, g) => g !== a && g !== b), { key: node.id, members, size: node.size }];
    snapshots.push(groups);
  }
  // Cut before the largest drop in similarity between consecutive merges, keeping 2..MAX_COARSE
  // groups and at least one merge (with two topics, each is its own group).
  let cut = Math.max(0, k - MAX_COARSE);
  let largestDrop = -Infinity;
  for (let merges = Math.max(1, k - MAX_COARSE); merges <= k - 2; merges++) {
    const drop = nodes[merges - 1]!.similarity - nodes[merges]!.similarity;
    if (drop > largestDrop + 1e-12) [cut, largestDrop] = [merges, drop];
  }
  const coarseGroups = snapshots[cut]!;
  const parentOf = new Map<number, number | string>();
  for (const g of coarseGroups) for (const i of g.members) parentOf.set(leaves[i]!.id, g.key);
  return { nodes, coarse: coarseGroups.map((g) => g.key), parentOf };
}

/** The heaviest terms over the group's topics (weights scaled by topic size), no word repeated. */
function groupLabel(leaves: readonly TreeLeaf[]): string {
  const total = new Map<string, number>();
  for (const leaf of leaves)
    for (const t of leaf.terms) total.set(t.term, (total.get(t.term) ?? 0) + t.weight * leaf.size);
  const ranked = [...total.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const taken: string[] = [];
  const words = new Set<string>();
  for (const [term] of ranked) {
    const parts = term.split(' ');
    if (parts.some((w) => words.has(w))) continue;
    parts.forEach((w) => words.add(w));
    taken.push(term);
    if (taken.length === LABEL_TERMS) break;
  }
  return taken.join(', ');
}
