/**
 * The topic tree: topics merged bottom-up by Ward's linkage on their mean rows, so a long list of
 * fine topics reads as a few broad areas. Every topic is a leaf; each merge is a node. How many
 * broad groups the coarse level has is chosen elsewhere, by stability (src/cluster/choose-k.ts).
 */
import { dotRows, type DenseMatrix } from '../numeric/dense.js';
import { round } from '../numeric/round.js';
import { topicMeans } from './topic-means.js';

export interface TreeLeaf {
  /** The topic's stable id. */
  readonly id: number;
  readonly size: number;
  /**
   * Mean cosine of its papers to its centre: for unit rows, the length of their mean, so the mean
   * row is `cohesion · centre` (what Ward's linkage needs).
   */
  readonly cohesion: number;
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
export const MAX_COARSE = 8;
const LABEL_TERMS = 3;

/** One merge of the agglomeration: group indices into the list of groups before it. */
interface Merge {
  readonly a: number;
  readonly b: number;
}

/**
 * Ward's linkage on the topics' mean rows: at each step the two groups whose merge adds least to
 * the squared distance of papers to their group's mean, (nA·nB / (nA + nB))·|mA − mB|², merge.
 * That is k-means' own objective, so a cut into c groups is close to what k-means at c would find
 * (on the dev corpus, the cut of 15 topics into 5 groups: V-measure 0.461 with average linkage on
 * unit centres, which ignores sizes). Costs are kept in a matrix and updated by the
 * Lance–Williams formula, O(k²) per merge. The merged group takes the place of `a`; every
 * snapshot is an ordered list of member lists.
 *
 * @param means k × dims mean of each leaf's rows (not normalised)
 */
function agglomerate(means: DenseMatrix, sizes: readonly number[]): { merges: Merge[]; snapshots: number[][][] } {
  const k = means.rows;
  const dims = means.cols;
  const size = sizes.map((n) => Math.max(n, 1));
  const cost = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      let distance = 0;
      for (let d = 0; d < dims; d++) distance += (means.data[i * dims + d]! - means.data[j * dims + d]!) ** 2;
      cost[i * k + j] = cost[j * k + i] = ((size[i]! * size[j]!) / (size[i]! + size[j]!)) * distance;
    }
  // groups[g] is the leaf slot (row of `cost`) standing for group g, and its members.
  let groups = Array.from({ length: k }, (_, i) => ({ slot: i, members: [i] }));
  const snapshots = [groups.map((g) => g.members)];
  const merges: Merge[] = [];
  while (groups.length > 1) {
    let best = { a: 0, b: 1, cost: Infinity };
    for (let a = 0; a < groups.length; a++)
      for (let b = a + 1; b < groups.length; b++) {
        const c = cost[groups[a]!.slot * k + groups[b]!.slot]!;
        if (c < best.cost - 1e-12) best = { a, b, cost: c };
      }
    const [i, j] = [groups[best.a]!.slot, groups[best.b]!.slot];
    for (const other of groups) {
      const o = other.slot;
      if (o === i || o === j) continue;
      const merged =
        ((size[i]! + size[o]!) * cost[i * k + o]! + (size[j]! + size[o]!) * cost[j * k + o]! - size[o]! * best.cost) /
        (size[i]! + size[j]! + size[o]!);
      cost[i * k + o] = cost[o * k + i] = merged;
    }
    size[i]! += size[j]!;
    merges.push({ a: best.a, b: best.b });
    const joined = { slot: i, members: [...groups[best.a]!.members, ...groups[best.b]!.members] };
    groups = groups.flatMap((g, at) => (at === best.a ? [joined] : at === best.b ? [] : [g]));
    snapshots.push(groups.map((g) => g.members));
  }
  return { merges, snapshots };
}

/**
 * Every cut of the tree over topics 0..k-1 of `labels`: `cuts[c]` maps topic -> group index when
 * the tree is cut into c groups (c in 1..k). What the choice of the coarse level compares across
 * subsamples.
 */
export function treeCuts(points: DenseMatrix, labels: Int32Array, k: number): Int32Array[] {
  const { means, sizes } = topicMeans(points, labels, k);
  const { snapshots } = agglomerate(means, sizes);
  const cuts: Int32Array[] = [];
  for (const groups of snapshots) {
    const groupOf = new Int32Array(k);
    groups.forEach((members, g) => members.forEach((i) => (groupOf[i] = g)));
    cuts[groups.length] = groupOf;
  }
  return cuts;
}

/**
 * @param centroids k × dims unit rows, row i the centre of `leaves[i]`
 * @param coarseGroups how many groups the coarse level has (chosen by stability, see
 *   src/cluster/choose-k.ts)
 */
export function buildTopicTree(leaves: readonly TreeLeaf[], centroids: DenseMatrix, coarseGroups: number): TopicTree {
  const k = leaves.length;
  if (k < 2) return { nodes: [], coarse: leaves.map((l) => l.id), parentOf: new Map(leaves.map((l) => [l.id, l.id])) };
  const means = {
    ...centroids,
    data: centroids.data.map((v, at) => v * leaves[Math.floor(at / centroids.cols)]!.cohesion),
  };
  const { merges, snapshots } = agglomerate(
    means,
    leaves.map((l) => l.size),
  );
  // Each snapshot's groups as keys: a topic id for a lone leaf, a node id once merged.
  const keyOf = new Map<string, number | string>(leaves.map((l, i) => [String(i), l.id]));
  const memberKey = (members: readonly number[]): string => [...members].sort((x, y) => x - y).join(',');
  const nodes: TreeNode[] = merges.map((merge, step) => {
    const before = snapshots[step]!;
    const [a, b] = [before[merge.a]!, before[merge.b]!];
    const members = [...a, ...b];
    const ids = members.map((i) => leaves[i]!.id);
    const node: TreeNode = {
      id: `g${Math.min(...ids)}-${ids.length}`,
      label: groupLabel(members.map((i) => leaves[i]!)),
      size: members.reduce((s, i) => s + leaves[i]!.size, 0),
      children: [keyOf.get(memberKey(a))!, keyOf.get(memberKey(b))!],
      similarity: round(averageCosine(centroids, a, b)),
    };
    keyOf.set(memberKey(members), node.id);
    return node;
  });
  const coarse = snapshots[Math.max(0, Math.min(k - 1, k - coarseGroups))]!;
  const coarseKeys = coarse.map((members) => keyOf.get(memberKey(members))!);
  const parentOf = new Map<number, number | string>();
  coarse.forEach((members, g) => members.forEach((i) => parentOf.set(leaves[i]!.id, coarseKeys[g]!)));
  return { nodes, coarse: coarseKeys, parentOf };
}

/** Mean cosine between the unit centres of two groups' leaves: how alike they were when joined. */
function averageCosine(centroids: DenseMatrix, a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += dotRows(centroids, i, centroids, j);
  return sum / (a.length * b.length);
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
