import { describe, expect, it } from 'vitest';
import { compareRuns, describeChanges, type RunSnapshot } from '../../src/compare/compare-runs.js';
import { matchTopics, maximumAssignment } from '../../src/cluster/match-topics.js';

describe('maximumAssignment', () => {
  it('finds the best one-to-one pairing, not the greedy one', () => {
    // Greedy would take (0,0)=0.9 then (1,1)=0.1; the optimum is (0,1)+(1,0) = 0.8+0.8.
    expect(
      maximumAssignment([
        [0.9, 0.8],
        [0.8, 0.1],
      ]),
    ).toEqual([1, 0]);
  });

  it('leaves extra rows unassigned', () => {
    expect(maximumAssignment([[0.2], [0.9], [0.5]])).toEqual([-1, 0, -1]);
  });
});

describe('matchTopics', () => {
  const robots = { signature: { robot: 0.8, grasp: 0.6 }, termKeys: ['robot', 'grasp'], label: 'robots' };
  const stars = { signature: { galaxi: 0.7, star: 0.7 }, termKeys: ['galaxi', 'star'], label: 'stars' };
  const cooking = { signature: { recip: 0.9, oven: 0.43 }, termKeys: ['recip', 'oven'], label: 'cooking' };

  it('numbers topics 0..k-1 on a first run', () => {
    expect(matchTopics([], [robots, stars]).ids).toEqual([0, 1]);
  });

  it('keeps ids and labels of topics that persist, in any order, and gives new topics unused ids', () => {
    const previous = [
      { ...robots, id: 4, label: 'robot arms' },
      { ...stars, id: 2, label: 'galaxies' },
    ];
    const identity = matchTopics(previous, [cooking, stars, robots], 7);
    expect(identity.ids).toEqual([7, 2, 4]);
    expect(identity.labels).toEqual(['cooking', 'galaxies', 'robot arms']);
    expect(identity.nextId).toBe(8);
  });
});

describe('compareRuns on hand-made before/after runs', () => {
  const topic = (id: number, label: string, size: number) => ({ id, label, size, terms: [label] });
  const papers = (entries: [string, number][]) =>
    new Map(entries.map(([id, t]) => [id, { topic: t, title: `title ${id}` }]));

  // Before: robots (r1-r4), language (l1-l6). After: robots unchanged plus one new robot paper, language
  // split into translation (l1-l3) and speech (l4-l6), and a new topic, stars (s1-s3).
  const before: RunSnapshot = {
    runId: 'A',
    topics: [topic(0, 'robots', 4), topic(1, 'language', 6)],
    papers: papers([
      ['r1', 0],
      ['r2', 0],
      ['r3', 0],
      ['r4', 0],
      ['l1', 1],
      ['l2', 1],
      ['l3', 1],
      ['l4', 1],
      ['l5', 1],
      ['l6', 1],
    ]),
  };
  const after: RunSnapshot = {
    runId: 'B',
    topics: [topic(0, 'robots', 5), topic(1, 'translation', 3), topic(2, 'speech', 3), topic(3, 'stars', 3)],
    papers: papers([
      ['r1', 0],
      ['r2', 0],
      ['r3', 0],
      ['r4', 0],
      ['r5', 0],
      ['l1', 1],
      ['l2', 1],
      ['l3', 1],
      ['l4', 2],
      ['l5', 2],
      ['l6', 2],
      ['s1', 3],
      ['s2', 3],
      ['s3', 3],
    ]),
  };

  it('finds the new papers and where they went, the split, the new topic, and the growth', () => {
    const changes = compareRuns(before, after);
    expect(changes.papers.added.map((p) => [p.id, p.topic])).toEqual([
      ['r5', 0],
      ['s1', 3],
      ['s2', 3],
      ['s3', 3],
    ]);
    expect(changes.papers.removed).toEqual([]);
    expect(changes.papers.moved).toBe(3);
    expect(changes.topics.appeared.map((t) => t.id)).toEqual([2, 3]);
    expect(changes.topics.vanished).toEqual([]);
    expect(changes.topics.grew).toEqual([{ id: 0, label: 'robots', before: 4, after: 5 }]);
    expect(changes.topics.shrank).toEqual([{ id: 1, label: 'translation', before: 6, after: 3 }]);
    expect(changes.topics.split).toEqual([
      {
        id: 1,
        label: 'language',
        into: [
          { id: 1, label: 'translation', papers: 3 },
          { id: 2, label: 'speech', papers: 3 },
        ],
      },
    ]);
    expect(changes.topics.merged).toEqual([]);
  });

  it('reads a merge as the reverse of a split', () => {
    const changes = compareRuns(after, before);
    expect(changes.topics.merged).toEqual([
      {
        id: 1,
        label: 'language',
        from: [
          { id: 1, label: 'translation', papers: 3 },
          { id: 2, label: 'speech', papers: 3 },
        ],
      },
    ]);
    expect(changes.topics.vanished.map((t) => t.id)).toEqual([2, 3]);
    expect(describeChanges(changes)).toContain('merged: 1: translation (3) + 2: speech (3) into 1: language');
  });
});
