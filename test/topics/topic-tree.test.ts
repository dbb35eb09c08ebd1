import { describe, expect, it } from 'vitest';
import { buildTopicTree, type TreeLeaf } from '../../src/cluster/topic-tree.js';
import type { DenseMatrix } from '../../src/numeric/dense.js';

const unit = (rows: number[][]): DenseMatrix => ({
  rows: rows.length,
  cols: rows[0]!.length,
  data: Float64Array.from(rows.flatMap((r) => r.map((v) => v / Math.hypot(...r)))),
});
const leaf = (id: number, size: number, ...terms: string[]): TreeLeaf => ({
  id,
  size,
  cohesion: 0.5,
  terms: terms.map((term, i) => ({ term, weight: 1 - i * 0.1 })),
});

describe('the topic tree', () => {
  // Two areas: robots (ids 4 and 7, close) and language (ids 2 and 9, close), far apart.
  const leaves = [
    leaf(4, 10, 'robot', 'grasping'),
    leaf(2, 8, 'translation'),
    leaf(7, 6, 'robot', 'legged locomotion'),
    leaf(9, 5, 'dialects', 'translation'),
  ];
  const centres = unit([
    [1, 0.1, 0, 0],
    [0, 0, 1, 0.1],
    [1, 0, 0.05, 0],
    [0, 0.05, 1, 0],
  ]);

  it('merges the groups whose union adds least spread first (Ward) and cuts into the groups asked for', () => {
    const tree = buildTopicTree(leaves, centres, 2);
    expect(tree.nodes.map((n) => [n.id, n.children, n.size])).toEqual([
      ['g2-2', [2, 9], 13],
      ['g4-2', [4, 7], 16],
      ['g2-4', ['g4-2', 'g2-2'], 29],
    ]);
    expect(tree.nodes[1]!.similarity).toBeGreaterThan(0.99);
    expect(tree.nodes[2]!.similarity).toBeLessThan(0.1);
    expect(tree.coarse).toEqual(['g4-2', 'g2-2']);
    expect([...tree.parentOf.entries()].sort()).toEqual([
      [2, 'g2-2'],
      [4, 'g4-2'],
      [7, 'g4-2'],
      [9, 'g2-2'],
    ]);
  });

  it('labels a node by its topics terms, weighted by size, with no word twice', () => {
    const tree = buildTopicTree(leaves, centres, 2);
    expect(tree.nodes[1]!.label).toBe('robot, grasping, legged locomotion');
    expect(tree.nodes[0]!.label).toBe('translation, dialects');
  });

  it('gives a node the same id whatever order its topics come in', () => {
    const order = [2, 0, 3, 1];
    const shuffled = buildTopicTree(
      order.map((i) => leaves[i]!),
      unit(order.map((i) => Array.from(centres.data.subarray(i * 4, i * 4 + 4)))),
      2,
    );
    expect(shuffled.nodes.map((n) => n.id).sort()).toEqual(['g2-2', 'g2-4', 'g4-2']);
  });

  it('has no nodes for one topic, and one coarse group per topic', () => {
    const tree = buildTopicTree([leaf(3, 4, 'x')], unit([[1, 0]]), 1);
    expect(tree).toEqual({ nodes: [], coarse: [3], parentOf: new Map([[3, 3]]) });
  });
});
