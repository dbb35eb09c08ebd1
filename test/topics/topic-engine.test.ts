import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterKmeans } from '../../src/cluster/kmeans.js';
import { describeTopics, heaviest, orderTopicsBySize } from '../../src/cluster/describe-topics.js';
import { normalizeRows } from '../../src/numeric/dense.js';
import { projectPca } from '../../src/project/pca.js';
import { tokenizeCorpus } from '../../src/text/tokenize.js';
import { buildTfidf } from '../../src/vectorize/tfidf.js';
import { fitLsa, lsaComponents, transformLsa } from '../../src/vectorize/lsa.js';
import { fitTopics, TOPIC_DEFAULTS } from '../../pipeline/stages/topics.js';
import type { Paper } from '../../src/types.js';
import { PCA } from 'ml-pca';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { createRandom } from '../../src/numeric/random.js';
import { scoreClustering } from '../../src/eval/metrics.js';
import { syntheticPapers, TOPIC_WORDS } from '../helpers/synthetic.js';

// Two topics anyone can see: robots grasping things, and machine translation.
const DOCS = [
  'Robot grasping with a gripper: the robot arm learns grasping of objects.',
  'A robot arm with a soft gripper improves grasping and manipulation of objects.',
  'Grasping unknown objects: a robot gripper plans manipulation with an arm.',
  'Machine translation of text between languages with neural translation.',
  'Low-resource translation: translating text into languages with few sentences.',
  'Translation quality for languages: evaluating machine translation of text.',
];

function papers(texts: readonly string[]): Paper[] {
  return texts.map((abstract, i) => ({
    id: `p${i}`,
    title: '',
    abstract,
    authors: null,
    date: null,
    upvotes: null,
    sources: [],
  }));
}

describe('tokenizeCorpus', () => {
  it('keeps hyphenated and alphanumeric terms, drops stop words, and shows stems as words', () => {
    const corpus = tokenizeCorpus(
      ['We propose fine-tuning of GPT-4 for 3D scenes with RL; fine-tuning helps the models.', 'The model tuning.'],
      { phrases: false },
    );
    const labels = new Set(corpus.labels);
    expect(labels).toContain('fine-tuning');
    expect(labels).toContain('gpt-4');
    expect(labels).toContain('3d');
    expect(labels).toContain('rl');
    for (const word of ['we', 'propose', 'the', 'of', 'for', 'with']) expect(labels).not.toContain(word);
    // "models" and "model" are one term, shown as the form written most often (ties: alphabetical).
    expect(corpus.terms.filter((t) => t === 'model')).toHaveLength(1);
    expect(corpus.labels[corpus.terms.indexOf('model')]).toBe('model');
    expect(corpus.labels[corpus.terms.indexOf('tune')]).toBe('tuning');
  });

  it('adds frequent bigrams as terms, shown as words', () => {
    const texts = [
      'Language models reason.',
      'Large language models.',
      'Language models and reinforcement learning.',
      'Language model scaling.',
    ];
    const corpus = tokenizeCorpus(texts, { minPhraseCount: 3 });
    const phrase = corpus.terms.indexOf('languag model');
    expect(phrase).toBeGreaterThan(-1);
    expect(corpus.labels[phrase]).toBe('language models');
    expect(corpus.terms).not.toContain('reinforc learn'); // seen once only
  });

  it('can leave words unstemmed', () => {
    const corpus = tokenizeCorpus(['Models and model.'], { stem: false, phrases: false });
    expect(corpus.terms).toEqual(['models', 'model']);
  });
});

describe('buildTfidf', () => {
  it('matches scikit-learn weighting on a worked example', () => {
    // Terms: a in docs 0 and 1, b in doc 0 twice, c in doc 1. min_df 1, max_df 1.
    const corpus = {
      terms: ['a', 'b', 'c'],
      labels: ['a', 'b', 'c'],
      offsets: Int32Array.from([0, 3, 5]),
      tokenIds: Int32Array.from([0, 1, 1, 0, 2]),
    };
    const m = buildTfidf(corpus, { minDf: 1, maxDf: 1 });
    const idfB = Math.log(3 / 2) + 1;
    const tfB = 1 + Math.log(2);
    const norm0 = Math.hypot(1, tfB * idfB);
    expect(Array.from(m.indices.subarray(0, 2))).toEqual([0, 1]);
    expect(m.data[0]).toBeCloseTo(1 / norm0, 12);
    expect(m.data[1]).toBeCloseTo((tfB * idfB) / norm0, 12);
    expect(Array.from(m.idf)).toEqual([1, idfB, idfB]);
  });

  it('prunes by document frequency', () => {
    const corpus = tokenizeCorpus(DOCS, { phrases: false });
    const m = buildTfidf(corpus, { minDf: 2, maxDf: 0.5 });
    expect(m.terms).toContain('robot');
    expect(m.terms).not.toContain('soft'); // in one document
    for (let i = 0; i < m.rows; i++) {
      let norm = 0;
      for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) norm += m.data[p]! ** 2;
      expect(norm).toBeCloseTo(1, 10);
    }
  });
});

describe('the six-document corpus', () => {
  it('splits into the two topics a reader sees, labelled by their words', () => {
    const fitted = fitTopics(
      papers(DOCS),
      { ...TOPIC_DEFAULTS, k: 2, tfidf: { ...TOPIC_DEFAULTS.tfidf, maxDf: 0.9 } },
      'test',
      [],
    )!;
    const labels = Array.from(fitted.cluster.labels);
    expect(new Set(labels.slice(0, 3)).size).toBe(1);
    expect(new Set(labels.slice(3)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[3]);
    const robotTopic = fitted.topics[labels[0]!]!;
    const translationTopic = fitted.topics[labels[3]!]!;
    expect(robotTopic.label).toMatch(/grasping|robot|gripper/);
    expect(translationTopic.label).toMatch(/translation|languages|text/);
    expect(robotTopic.representatives.every((i) => i < 3)).toBe(true);
    expect(robotTopic.size).toBe(3);
  });

  it('gives the same outputs for the same seed, on the raw TF-IDF representation too', () => {
    for (const representation of ['lsa', 'tfidf'] as const) {
      const params = { ...TOPIC_DEFAULTS, k: 2, representation, tfidf: { ...TOPIC_DEFAULTS.tfidf, maxDf: 0.9 } };
      const a = fitTopics(papers(DOCS), params, 'test', [])!;
      const b = fitTopics(papers(DOCS), params, 'test', [])!;
      expect(b.cluster.labels).toEqual(a.cluster.labels);
      expect(b.projection.coordinates).toEqual(a.projection.coordinates);
      expect(b.topics).toEqual(a.topics);
    }
  });

  it('fits no topics, instead of failing, when no term tells the papers apart', () => {
    // Three papers and max_df 0.5: a term must be in 2 of them to count, and then it is in too many.
    expect(fitTopics(papers(DOCS.slice(0, 3)), { ...TOPIC_DEFAULTS, k: 2 }, 'test', [])).toBeNull();
  });
});

describe('laws of the numeric stages', () => {
  const points = fc
    .array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), {
      minLength: 4,
      maxLength: 30,
    })
    .map((rows) => normalizeRows({ rows: rows.length, cols: 3, data: Float64Array.from(rows.flat()) }));

  it('k-means labels lie in [0, k), repeat for the same seed, and leave the input unchanged', () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (x, k, seed) => {
        const before = Float64Array.from(x.data);
        const a = clusterKmeans(x, k, { seed, restarts: 2 });
        const b = clusterKmeans(x, k, { seed, restarts: 2 });
        expect(Array.from(a.labels).every((l) => l >= 0 && l < a.k)).toBe(true);
        expect(a.k).toBeLessThanOrEqual(k);
        expect(b.labels).toEqual(a.labels);
        expect(x.data).toEqual(before);
      }),
      { numRuns: 60, seed: 3 },
    );
  });

  it('topics are numbered by size, largest first', () => {
    const order = orderTopicsBySize(Int32Array.from([2, 2, 2, 0, 1, 1]), 3);
    expect(Array.from(order)).toEqual([2, 1, 0]);
  });

  it('LSA and PCA are deterministic and never mirror between runs', () => {
    const corpus = tokenizeCorpus(DOCS, { phrases: false });
    const m = buildTfidf(corpus, { minDf: 1, maxDf: 1 });
    const data = Float64Array.from(m.data);
    const a = fitLsa(m, { components: 3, seed: 5 });
    const b = fitLsa(m, { components: 3, seed: 5 });
    expect(m.data).toEqual(data);
    expect(b.embedding.data).toEqual(a.embedding.data);
    // Each component's largest document coordinate is positive.
    for (let c = 0; c < a.embedding.cols; c++) {
      let largest = 0;
      for (let r = 0; r < a.embedding.rows; r++) {
        const v = a.embedding.data[r * a.embedding.cols + c]!;
        if (Math.abs(v) > Math.abs(largest)) largest = v;
      }
      expect(largest).toBeGreaterThan(0);
    }
    // New rows land where the fitted ones are: transforming the training matrix gives the embedding.
    const again = transformLsa(a, m);
    again.data.forEach((v, i) => expect(v).toBeCloseTo(a.embedding.data[i]!, 9));
    const projection = projectPca(normalizeRows(a.embedding));
    expect(projection.explainedVariance[0]).toBeGreaterThanOrEqual(projection.explainedVariance[1]);
    expect(projectPca(normalizeRows(b.embedding)).coordinates).toEqual(projection.coordinates);
  });

  it('LSA finds the leading singular values and documents of the truncated SVD', () => {
    const m = buildTfidf(
      tokenizeCorpus(
        Object.keys(TOPIC_WORDS)
          .flatMap((topic, t) => syntheticPapers(topic, 60, t + 1))
          .map((p) => `${p.title}. ${p.abstract}`),
      ),
    );
    const dense = new Matrix(m.rows, m.cols);
    for (let i = 0; i < m.rows; i++)
      for (let p = m.indptr[i]!; p < m.indptr[i + 1]!; p++) dense.set(i, m.indices[p]!, m.data[p]!);
    const reference = new SingularValueDecomposition(dense, { autoTranspose: true });
    const leading = reference.diagonal.slice(0, 3);
    const fitted = fitLsa(m, { components: 3 });
    // The range finder (10 oversamples, 3 power iterations) finds the leading values, and each
    // document's coordinates are its row of U·S (compared through their lengths: signs may differ).
    leading.forEach((v, c) => expect(Math.abs(fitted.singularValues[c]! / v - 1)).toBeLessThan(1e-6));
    // Every schedule of bases and scalings between power iterations (the count is an option);
    // without any, the range finder only bounds them from below.
    for (const powerIterations of [0, 1, 2, 4, 5]) {
      const other = fitLsa(m, { components: 3, powerIterations });
      leading.forEach((v, c) => {
        const ratio = other.singularValues[c]! / v;
        expect(ratio, `${powerIterations} iterations`).toBeLessThan(1 + 1e-9);
        // The error shrinks with each iteration: (σ₁₄/σ₃)^(2q+1) for q iterations and 10 oversamples.
        expect(ratio, `${powerIterations} iterations`).toBeGreaterThan(1 - ([0.5, 1e-2][powerIterations] ?? 1e-5));
      });
    }
    const u = reference.leftSingularVectors;
    for (let i = 0; i < m.rows; i++) {
      const row = fitted.embedding.data.subarray(i * 3, i * 3 + 3);
      const expected = Math.hypot(...leading.map((s, c) => s * u.get(i, c)));
      expect(Math.abs(Math.hypot(...row) - expected)).toBeLessThan(1e-4);
    }
  });

  it('an LSA fitted on a sample of the papers separates the same topics as one fitted on all', () => {
    const synthetic = Object.keys(TOPIC_WORDS).flatMap((topic, t) => syntheticPapers(topic, 150, t + 1));
    const m = buildTfidf(
      tokenizeCorpus(
        synthetic.map((p) => `${p.title}. ${p.abstract}`),
        { phrases: false },
      ),
    );
    const full = fitLsa(m, { components: 8, seed: 2 });
    const sampled = fitLsa(m, { components: 8, seed: 2, fitRows: 120 });
    expect(full.fittedRows).toBe(600);
    expect(sampled.fittedRows).toBe(120);
    expect(sampled.embedding.rows).toBe(600);
    const truth = synthetic.map((p) => p.topic);
    for (const model of [full, sampled]) {
      const topics = clusterKmeans(normalizeRows(model.embedding), 4, { seed: 3 }).labels;
      expect(scoreClustering(truth, topics).ari).toBeGreaterThan(0.95);
    }
  });

  it('fits one LSA component per 8 papers to a small corpus, between 10 and the most asked', () => {
    expect([40, 100, 200, 400, 800, 5000].map((n) => lsaComponents(n))).toEqual([10, 13, 25, 50, 100, 100]);
    expect(lsaComponents(400, 30)).toBe(30);
    const synthetic = Object.keys(TOPIC_WORDS).flatMap((topic, t) => syntheticPapers(topic, 50, t + 1));
    const m = buildTfidf(tokenizeCorpus(synthetic.map((p) => `${p.title}. ${p.abstract}`)));
    const model = fitLsa(m);
    expect(model.singularValues).toHaveLength(25);
    expect(model.termMap.cols).toBe(25);
    expect(model.embedding.cols).toBe(25);
  });

  it('picks the heaviest terms as a full sort would, ties by column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 6 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        (raw, count) => {
          const values = Float64Array.from(raw);
          const expected = raw
            .map((v, j) => ({ v, j }))
            .filter((x) => x.v > 0)
            .sort((a, b) => b.v - a.v || a.j - b.j)
            .slice(0, count)
            .map((x) => x.j);
          expect(heaviest(values, count)).toEqual(expected);
        },
      ),
    );
  });

  it('PCA agrees with ml-pca on the same rows, up to the sign of each axis', () => {
    const random = createRandom(4);
    const rows = Array.from({ length: 40 }, () => Array.from({ length: 6 }, () => random() - 0.5));
    const ours = projectPca({ rows: 40, cols: 6, data: Float64Array.from(rows.flat()) });
    const reference = new PCA(rows).predict(rows, { nComponents: 2 });
    for (let axis = 0; axis < 2; axis++) {
      const sign = Math.sign(ours.coordinates[axis]!) === Math.sign(reference.get(0, axis)) ? 1 : -1;
      for (let i = 0; i < 40; i++)
        expect(ours.coordinates[i * 2 + axis]!).toBeCloseTo(sign * reference.get(i, axis), 8);
    }
    expect(ours.explainedVariance[0]).toBeCloseTo(new PCA(rows).getExplainedVariance()[0]!, 8);
  });

  it('describes every topic with terms, a label and representatives from its own papers', () => {
    const corpus = tokenizeCorpus(DOCS, { phrases: false });
    const m = buildTfidf(corpus, { minDf: 2, maxDf: 0.9 });
    const x = normalizeRows(fitLsa(m, { components: 4 }).embedding);
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const topics = describeTopics(m, x, labels, 2);
    expect(topics.map((t) => t.size)).toEqual([3, 3]);
    expect(topics[0]!.representatives.every((i) => labels[i] === 0)).toBe(true);
    expect(topics[1]!.terms.map((t) => t.term)).toContain('translation');
    expect(topics[0]!.terms.map((t) => t.term)).not.toContain('translation');
  });
});

describe('top terms across topics', () => {
  it('gives a term shared by two topics only to the one it weighs most in', () => {
    // Robots in two flavours, both saying "robot": grasping (every paper) and navigation (4 of 6).
    const texts = [
      ...Array.from({ length: 6 }, (_, i) => `Robot gripper grasping objects, trial ${i}: the robot arm grasps.`),
      ...Array.from({ length: 6 }, (_, i) => `Legged navigation over terrain ${i}${i % 3 ? ' with a robot' : ''}.`),
      ...Array.from({ length: 6 }, (_, i) => `Machine translation of sentences ${i} between languages.`),
    ];
    const corpus = tokenizeCorpus(texts, { phrases: false });
    const m = buildTfidf(corpus, { minDf: 2, maxDf: 0.9 });
    const x = normalizeRows(fitLsa(m, { components: 4 }).embedding);
    const labels = Int32Array.from(texts, (_, i) => Math.floor(i / 6));
    const topics = describeTopics(m, x, labels, 3);
    const withRobot = topics.filter((t) => t.terms.some((term) => term.term === 'robot'));
    expect(withRobot.map((t) => t.topic)).toEqual([0]);
    const all = topics.flatMap((t) => t.terms.map((term) => term.term));
    expect(new Set(all).size).toBe(all.length);
  });

  it('lets a topic whose words all belong to another share them rather than be left with none', () => {
    const texts = [
      ...Array.from({ length: 8 }, (_, i) => `gripper grasping robot arm torque ${i}`),
      ...Array.from({ length: 8 }, (_, i) => (i % 2 ? `gripper robot ${i}` : `grasping arm ${i}`)),
      ...Array.from({ length: 20 }, (_, i) => `translation sentences languages grammar dialects ${i}`),
    ];
    const corpus = tokenizeCorpus(texts, { phrases: false });
    const m = buildTfidf(corpus, { minDf: 2, maxDf: 0.9 });
    const x = normalizeRows(fitLsa(m, { components: 4 }).embedding);
    const labels = Int32Array.from(texts, (_, i) => (i < 8 ? 0 : i < 16 ? 1 : 2));
    const topics = describeTopics(m, x, labels, 3);
    expect(topics[1]!.terms.length).toBeGreaterThan(0);
    expect(topics[1]!.label).not.toBe('');
  });
});
