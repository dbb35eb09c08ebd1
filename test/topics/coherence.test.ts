import { describe, expect, it } from 'vitest';
import {
  pairNpmi,
  scoreTopics,
  sharedCount,
  surfaceDocuments,
  termDocuments,
  topicDiversity,
  topicNpmi,
} from '../../src/eval/coherence.js';
import { describeTopics } from '../../src/cluster/describe-topics.js';
import { tokenizeCorpus } from '../../src/text/tokenize.js';
import { buildTfidf } from '../../src/vectorize/tfidf.js';

// Never together: log(ε / (P(a)P(b))) / −log ε with P(a) = P(b) = 1/2, ε = 1e−12.
const NEVER_HALF = (Math.log(1e-12) + Math.log(4)) / -Math.log(1e-12);

describe('NPMI coherence and topic diversity', () => {
  it('scores pairs by hand-worked document counts', () => {
    expect(pairNpmi(2, 2, 2, 4)).toBeCloseTo(1, 9); // always together
    expect(pairNpmi(2, 2, 1, 4)).toBeCloseTo(0, 9); // independent: 1/4 = 1/2 · 1/2
    expect(pairNpmi(2, 2, 0, 4)).toBeCloseTo(NEVER_HALF, 9); // about −0.95
    expect(pairNpmi(0, 2, 0, 4)).toBe(-1);
    expect(pairNpmi(4, 4, 4, 4)).toBe(1);
  });

  it('averages a topic over its pairs, from sorted document lists', () => {
    expect(sharedCount([0, 1, 3], [1, 2, 3])).toBe(2);
    const a = [0, 1];
    const b = [0, 1];
    const c = [2, 3];
    expect(topicNpmi([a, b, c], 4)).toBeCloseTo((1 + 2 * NEVER_HALF) / 3, 9);
    expect(topicNpmi([a], 4)).toBe(0);
  });

  it('diversity is the unique share of all top terms', () => {
    expect(
      topicDiversity([
        ['a', 'b'],
        ['b', 'c'],
      ]),
    ).toBe(0.75);
    expect(topicDiversity([])).toBe(0);
  });

  it('finds written terms: words, parts of hyphenated words, adjacent phrases', () => {
    const docs = surfaceDocuments(
      ['Fine-tuning of language models', 'A language model', 'Models of language'],
      ['tuning', 'language models', 'Models'],
    );
    expect(docs.get('tuning')).toEqual([0]);
    expect(docs.get('language models')).toEqual([0]);
    expect(docs.get('models')).toEqual([0, 2]);
    const s = scoreTopics([['tuning', 'models']], docs, 3);
    expect(s.perTopic[0]).toBeCloseTo(Math.log((1 / 3 + 1e-12) / (1 / 3) / (2 / 3)) / -Math.log(1 / 3 + 1e-12), 9);
  });

  it('finds tokeniser terms per document, each document once', () => {
    const docs = termDocuments([0, 3, 5], [0, 1, 1, 0, 2], [1, 2]);
    expect(docs.get(1)).toEqual([0]);
    expect(docs.get(2)).toEqual([1]);
  });
});

describe('topic terms say different things', () => {
  const texts = [
    ...Array.from(
      { length: 4 },
      (_, i) => `Reinforcement learning with reward shaping for agents ${['alpha', 'beta', 'gamma', 'delta'][i]}.`,
    ),
    ...Array.from(
      { length: 4 },
      (_, i) => `Image segmentation of pixels in vision ${['alpha', 'beta', 'gamma', 'delta'][i]}.`,
    ),
  ];
  const tfidf = buildTfidf(tokenizeCorpus(texts), { minDf: 2, maxDf: 0.9 });
  const points = { rows: 8, cols: 2, data: Float64Array.from(texts.flatMap((_, i) => (i < 4 ? [1, 0] : [0, 1]))) };
  const topics = describeTopics(tfidf, points, Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), 2);

  it('keeps a phrase rather than its words when they are in the same papers', () => {
    const words = (term: string): string[] => term.split(/[ -]/);
    for (const topic of topics) {
      const terms = topic.terms.map((t) => t.term);
      expect(
        terms.some((t) => t.includes(' ')),
        terms.join(', '),
      ).toBe(true);
      for (let a = 0; a < terms.length; a++)
        for (let b = a + 1; b < terms.length; b++)
          expect(
            words(terms[a]!).filter((w) => words(terms[b]!).includes(w)),
            `${terms[a]} / ${terms[b]}`,
          ).toEqual([]);
      const labelWords = topic.label.split(/, | /);
      expect(new Set(labelWords).size).toBe(labelWords.length);
    }
    expect(topics[0]!.terms.map((t) => t.term)).toContain('reinforcement learning');
  });
});
