/**
 * Checks every computing stage against the stage contract (STYLE.md), as scikit-learn's
 * `check_estimator` runs shared checks against every estimator: deterministic, leaves its input
 * unchanged, returns plain JSON-safe data or typed arrays, and is named and versioned for its
 * cache key. The stages run chained on a small synthetic corpus, each on its predecessor's output:
 *
 *   dumps -> corpus -> papers -> tokenize -> tfidf -> lsa -> cluster -> describe -> project
 */
import { describe, expect, it } from 'vitest';
import { SERIAL_KERNELS } from '../../pipeline/parallel/kernel-pool.js';
import { corpusStage } from '../../pipeline/stages.js';
import type { Stage, StageResult } from '../../pipeline/stages/stage.js';
import { paperText, TOPIC_DEFAULTS, TOPIC_STAGES } from '../../pipeline/stages/topics.js';
import { UPDATE_DEFAULTS } from '../../src/cluster/update-topics.js';
import { parseDump } from '../../src/ingest/parse-dump.js';
import { normalizeRows } from '../../src/numeric/dense.js';
import { NO_PROGRESS } from '../../src/progress.js';
import { syntheticPapers, toJsonl } from '../helpers/synthetic.js';

const [tokenizeStage, tfidfStage, lsaStage, clusterStage, updateStage, describeStage, projectStage] = TOPIC_STAGES;

// Three topics over two dumps; the second repeats two papers of the first, so the corpus merges them.
const robots = syntheticPapers('robots', 10, 1);
const astronomy = syntheticPapers('astronomy', 10, 2);
const cooking = syntheticPapers('cooking', 10, 3);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const DUMPS = [
  parseDump('a.jsonl', encode(toJsonl([...robots, ...astronomy]))).dump,
  parseDump('b.jsonl', encode(toJsonl([...cooking, robots[0]!, astronomy[0]!]))).dump,
];

/**
 * Runs the four checks on one stage and returns its first result, for the next stage's input.
 * `alsoUnchanged`: what the input reaches without holding it (the papers behind a text source).
 */
function checkStage<In, Out, Params>(
  stage: Stage<In, Out, Params>,
  input: In,
  params: Params,
  alsoUnchanged: unknown = null,
): StageResult<Out> {
  const before = deepClone({ input, params, alsoUnchanged });
  const first = stage.run(input, params, NO_PROGRESS);
  const second = stage.run(input, params, NO_PROGRESS);

  // (1) Deterministic, to the byte: typed arrays by their bytes, so -0 and 0 differ too.
  expect(encodeExactly(second)).toBe(encodeExactly(first));
  // (2) Input (and params) unchanged, after two runs.
  expect({ input, params, alsoUnchanged }).toStrictEqual(before);
  // (3) Plain data: what can be cached as JSON, or a typed array with a documented layout.
  expect(unsafeParts(first)).toEqual([]);
  // (4) Named and versioned for its cache key.
  expect(stage.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  expect(Number.isInteger(stage.version) && stage.version > 0).toBe(true);
  return first;
}

describe('every computing stage keeps the stage contract', () => {
  it('corpus -> tokenize -> tfidf -> lsa -> cluster (or update) -> describe -> project', () => {
    const checked: string[] = [];
    const run = <In, Out, Params>(stage: Stage<In, Out, Params>, input: In, params: Params, also?: unknown): Out => {
      checked.push(stage.name);
      return checkStage(stage, input, params, also).value;
    };
    const { corpus } = run(corpusStage, DUMPS, { year: 2025 });
    const papers = corpus.papers;
    expect(papers).toHaveLength(30);

    const texts = { length: papers.length, text: (i: number) => paperText(papers[i]!) };
    const tokens = run(tokenizeStage, texts, TOPIC_DEFAULTS.tokenize, papers);
    const tfidf = run(tfidfStage, tokens, TOPIC_DEFAULTS.tfidf);
    expect(tfidf.cols).toBeGreaterThan(0);
    const lsa = run(lsaStage, tfidf, { components: 8, seed: 1 });
    // As fitTopics does, but on a copy: clustering runs on the unit-length LSA rows.
    const points = normalizeRows(lsa.embedding);
    const clusterParams = {
      k: 'auto',
      kMax: 5,
      seed: 1,
      restarts: 2,
      representation: 'lsa',
      guides: [],
      stem: true,
    } as const;
    const guides = { matched: [], unmatched: [] };
    const cluster = run(clusterStage, { points, tfidf, threads: SERIAL_KERNELS, guides }, clusterParams);
    expect(cluster.k).toBe(3);
    // A rerun's cluster stage: the same topics updated, with one paper new.
    const previousTopic = Int32Array.from(cluster.labels, (t, i) => (i === 0 ? -1 : t + 10));
    const updated = run(
      updateStage,
      { points, previousTopic, previousIds: [10, 11, 12, 13], threads: SERIAL_KERNELS },
      { seed: 1, update: UPDATE_DEFAULTS },
    );
    expect(updated.continues).toHaveLength(updated.k);
    const { labels, k } = cluster;
    const described = run(describeStage, { tfidf, points, labels, k }, {});
    expect(described.topics).toHaveLength(3);
    const projected = run(projectStage, { lsaPoints: points, labels, k, products: SERIAL_KERNELS }, {});
    expect(projected.centroidPositions).toHaveLength(k * 2);

    // A stage added to TOPIC_STAGES fails here until it is checked above.
    expect(checked).toEqual(['corpus', ...TOPIC_STAGES.map((s) => s.name)]);
  });
});

describe('the checks themselves', () => {
  it('find class instances, functions, Maps, NaN and undefined, with their paths', () => {
    class Point {
      x = 1;
    }
    const value = {
      ok: [1, 'a', true, null, new Float64Array([1]), { nested: new Int32Array(2) }],
      map: new Map(),
      point: new Point(),
      fn: () => 1,
      nan: [Number.NaN],
      infinite: Number.POSITIVE_INFINITY,
      missing: undefined,
      date: new Date(0),
    };
    expect(unsafeParts(value)).toEqual([
      '.map: Map',
      '.point: Point',
      '.fn: function',
      '.nan[0]: NaN',
      '.infinite: Infinity',
      '.missing: undefined',
      '.date: Date',
    ]);
  });

  it('tell typed arrays apart by content and type, and -0 from 0', () => {
    expect(encodeExactly(new Float64Array([1, 2]))).not.toBe(encodeExactly(new Float64Array([1, 3])));
    expect(encodeExactly(new Float64Array([1]))).not.toBe(encodeExactly(new Float32Array([1])));
    expect(encodeExactly([-0])).not.toBe(encodeExactly([0]));
    expect(encodeExactly({ b: 1, a: [new Int32Array([7])] })).toBe(encodeExactly({ b: 1, a: [new Int32Array([7])] }));
  });

  it('see a change made to a cloned input', () => {
    const input = { rows: [new Float64Array([1, 2])], name: 'x', fn: () => 1 };
    const before = deepClone(input);
    input.rows[0]![1] = 5;
    expect(input).not.toStrictEqual(before);
  });
});

type TypedArray = Exclude<ArrayBufferView, DataView>;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of plain data and typed arrays; functions (a text source's reader, kernels) are kept as they are. */
function deepClone<T>(value: T): T {
  return cloneUnknown(value) as T;
}

function cloneUnknown(value: unknown): unknown {
  if (isTypedArray(value)) return new (value.constructor as new (from: TypedArray) => TypedArray)(value);
  if (Array.isArray(value)) return value.map(cloneUnknown);
  if (value !== null && typeof value === 'object') {
    if (!isPlainObject(value)) throw new Error(`cannot clone a ${value.constructor.name}`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneUnknown(v)]));
  }
  return value;
}

/** Every part of `value` that is not plain JSON data or a typed array, by its path. */
function unsafeParts(value: unknown, path = ''): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (typeof value === 'undefined' || typeof value === 'function' || typeof value !== 'object')
    return [`${path}: ${typeof value}`];
  if (isTypedArray(value)) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeParts(v, `${path}[${i}]`));
  if (!isPlainObject(value)) return [`${path}: ${value.constructor.name}`];
  return Object.entries(value).flatMap(([k, v]) => unsafeParts(v, `${path}.${k}`));
}

/** A string that differs whenever two values differ in any byte: typed arrays by type and bytes, keys sorted. */
function encodeExactly(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (isTypedArray(v))
      return { [v.constructor.name]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (typeof v === 'number' && Object.is(v, -0)) return '-0';
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });
}
