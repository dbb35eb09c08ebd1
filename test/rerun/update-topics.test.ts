/** Living topics: a rerun updates the last run's topics, so only what changed in the corpus moves. */
import { describe, expect, it } from 'vitest';
import { updateTopics } from '../../src/cluster/update-topics.js';
import type { DenseMatrix } from '../../src/numeric/dense.js';
import { createRandom } from '../../src/numeric/random.js';

/** Unit rows around `centres` (one per group), with noise; `groups[i]` is row i's group. */
function points(groups: readonly number[], centres: readonly number[][], noise: number, seed: number): DenseMatrix {
  const random = createRandom(seed);
  const cols = centres[0]!.length;
  const data = new Float64Array(groups.length * cols);
  groups.forEach((g, i) => {
    let norm = 0;
    for (let d = 0; d < cols; d++) {
      const v = centres[g]![d]! + (random() - 0.5) * noise;
      data[i * cols + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < cols; d++) data[i * cols + d]! /= Math.sqrt(norm);
  });
  return { rows: groups.length, cols, data };
}

const AXES = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
];
const groupsOf = (counts: readonly number[]): number[] => counts.flatMap((n, g) => Array<number>(n).fill(g));
/** Topic ids of the last run: group g was topic 10 + g. */
const previousIds = (groups: readonly number[]): Int32Array => Int32Array.from(groups, (g) => 10 + g);

describe('updating topics', () => {
  it('moves no existing paper when one paper is added to a corpus with clear structure', () => {
    const groups = groupsOf([20, 20, 20]);
    const before = points([...groups, 1], AXES.slice(0, 3), 0.9, 1);
    const update = updateTopics(before, Int32Array.from([...previousIds(groups), -1]), [10, 11, 12]);
    expect(update.k).toBe(3);
    const idOf = (i: number): number => update.continues[update.labels[i]!]!;
    groups.forEach((g, i) => expect(idOf(i)).toBe(10 + g));
    expect(idOf(groups.length)).toBe(11);
    expect(update.events).toEqual([]);
  });

  it('keeps a paper on a boundary in its topic unless another is closer by the margin', () => {
    // Paper 0 was in topic 10 but now sits between 10 and 11, closer to 11 (by about 0.14).
    const data = points(groupsOf([10, 10]), AXES.slice(0, 2), 0.2, 2);
    data.data.set([0.6, 0.8, 0, 0], 0);
    const previous = previousIds(groupsOf([10, 10]));
    const update = updateTopics(data, previous, [10, 11], { margin: 0.5 });
    expect(update.continues[update.labels[0]!]).toBe(10);
    const eager = updateTopics(data, previous, [10, 11], { margin: 0 });
    expect(eager.continues[eager.labels[0]!]).toBe(11);
  });

  it('gives a planted group of new papers unlike the rest a topic of its own, with the reason', () => {
    const old = groupsOf([25, 25]);
    const data = points([...old, ...Array<number>(8).fill(2)], AXES.slice(0, 3), 0.5, 3);
    const update = updateTopics(data, Int32Array.from([...previousIds(old), ...Array<number>(8).fill(-1)]), [10, 11]);
    expect(update.k).toBe(3);
    const born = update.events.filter((e) => e.kind === 'birth');
    expect(born).toHaveLength(1);
    expect(born[0]).toMatchObject({ papers: 8 });
    expect(born[0]!.reason).toMatch(/^at least 5 new papers less similar to every topic than/);
    const newTopic = update.labels[old.length]!;
    expect(update.continues[newTopic]).toBeNull();
    for (let i = old.length; i < data.rows; i++) expect(update.labels[i]).toBe(newTopic);
    old.forEach((g, i) => expect(update.continues[update.labels[i]!]).toBe(10 + g));
  });

  it('does not found a topic on fewer new papers than the minimum', () => {
    const old = groupsOf([25, 25]);
    const data = points([...old, 2, 2, 2], AXES.slice(0, 3), 0.5, 4);
    const update = updateTopics(data, Int32Array.from([...previousIds(old), -1, -1, -1]), [10, 11]);
    expect(update.k).toBe(2);
    expect(update.events).toEqual([]);
  });

  it('ends a topic whose papers are all gone, and records why', () => {
    // The last run had topics 10, 11, 12; every paper of 12 was removed with its dump.
    const groups = groupsOf([15, 15]);
    const update = updateTopics(points(groups, AXES.slice(0, 2), 0.5, 5), previousIds(groups), [10, 11, 12]);
    expect(update.k).toBe(2);
    expect([...update.continues].sort()).toEqual([10, 11]);
    expect(update.events).toEqual([{ kind: 'end', previousId: 12, reason: 'every paper of it left the corpus' }]);
  });

  it('splits a topic that has grown into two groups as far apart as two topics, and records why', () => {
    // Topic 10 held 20 papers on axis 0 and 6 on axis 1; 14 new papers arrive on axis 1.
    const groups = [...groupsOf([20, 6, 20, 20]), ...Array<number>(14).fill(1)];
    const data = points(groups, AXES, 0.3, 8);
    const previous = Int32Array.from(groups, (g, i) => (i >= 66 ? -1 : g <= 1 ? 10 : 10 + g - 1));
    const update = updateTopics(data, previous, [10, 11, 12]);
    const split = update.events.filter((e) => e.kind === 'split');
    expect(split).toEqual([expect.objectContaining({ kind: 'split', previousId: 10, papers: 20 })]);
    expect(split[0]!.reason).toMatch(
      /^its two halves are [\d.]+ apart \(cosine distance\), at least 0.75 of the typical [\d.]+ between two topics, and 2-means from another start finds the same halves \(14 of its 40 papers are new\)$/,
    );
    expect(update.k).toBe(4);
    // Each axis is one topic now.
    for (let g = 0; g < 4; g++)
      expect(new Set(groups.flatMap((x, i) => (x === g ? [update.labels[i]] : [])))).toHaveProperty('size', 1);
  });

  it('leaves a topic that was already two groups as the last fit made it', () => {
    const groups = groupsOf([20, 20, 20, 20]);
    const previous = Int32Array.from(groups, (g) => (g <= 1 ? 10 : 10 + g - 1));
    const update = updateTopics(points(groups, AXES, 0.3, 8), previous, [10, 11, 12]);
    expect(update.events).toEqual([]);
    expect(update.k).toBe(3);
  });

  it('merges two topics whose papers have become one group, and never splits what it just merged', () => {
    const groups = groupsOf([20, 20, 20]);
    // Topics 10 and 11 are two halves of one tight group on axis 0; topics 12 and 13 sit apart.
    const data = points([...groups, ...Array<number>(20).fill(3)], [AXES[0]!, AXES[0]!, AXES[1]!, AXES[2]!], 0.2, 9);
    const previous = Int32Array.from([...groups, ...Array<number>(20).fill(3)], (g) => 10 + g);
    const update = updateTopics(data, previous, [10, 11, 12, 13]);
    expect(update.events).toEqual([expect.objectContaining({ kind: 'merge', into: 10, previousId: 11 })]);
    expect(update.k).toBe(3);
  });

  it('leaves topics of a corpus with clear structure alone: no split, no merge', () => {
    const groups = groupsOf([30, 30, 30, 30]);
    const update = updateTopics(points(groups, AXES, 0.9, 10), previousIds(groups), [10, 11, 12, 13]);
    expect(update.events).toEqual([]);
    expect(update.k).toBe(4);
  });

  it('is deterministic', () => {
    const groups = groupsOf([20, 20, 0, 6]);
    const data = points(groups, AXES, 0.6, 7);
    const previous = Int32Array.from(groups, (g) => (g === 3 ? -1 : 10 + g));
    expect(updateTopics(data, previous, [10, 11, 12])).toEqual(updateTopics(data, previous, [10, 11, 12]));
  });
});
