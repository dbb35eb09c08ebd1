/**
 * `model.json`, the one description of it: the writer (`pipeline/outputs/topic-outputs.ts`) builds a
 * `ModelDocument`, and the reader (`checkModelDocument`) accepts nothing else. A model that got
 * truncated, edited or mixed up would otherwise place papers with NaN similarities and exit 0.
 */
import type { DenseMatrix } from '../numeric/dense.js';
import type { TokenizeOptions } from '../text/tokenize.js';
import type { TfidfOptions } from '../vectorize/tfidf.js';
import type { PlacementModel } from './place-papers.js';

export const MODEL_FORMAT = 'topic-atlas-model';
/** Version 2: one LSA term map (rows for the terms the fit saw) instead of a factored pair. */
export const MODEL_FORMAT_VERSION = 2;

/** Row-major base64 of little-endian float32 (see `pipeline/outputs/base64-arrays.ts`), with its shape. */
export interface StoredMatrix {
  readonly shape: readonly [number, number];
  readonly data: string;
}

/** The file as written. Fields the reader does not use (k, seed, …) are kept for people. */
export interface ModelDocument {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: typeof MODEL_FORMAT_VERSION;
  readonly toolVersion: string;
  readonly params: { readonly tokenize: TokenizeOptions; readonly tfidf: TfidfOptions };
  /** V terms: keys, the forms shown to people, and idf, column j for term j. */
  readonly vocabulary: {
    readonly terms: readonly string[];
    readonly labels: readonly string[];
    readonly idf: readonly number[];
  };
  readonly lsa: {
    /** R × C: a row for each term the fit saw; C is the number of LSA components. */
    readonly termMap: StoredMatrix;
    /** Base64 int32, R values: the vocabulary column of each term-map row. */
    readonly termColumns: string;
    readonly singularValues: readonly number[];
  };
  readonly representation: 'lsa' | 'tfidf';
  /** k × C (LSA) or k × V (TF-IDF); row i is topic `topics[i].id`. */
  readonly centroids: StoredMatrix;
  readonly minSimilarity: number;
  readonly topics: readonly { readonly id: number; readonly label: string }[];
  /** The 2-D map of the LSA space: C means and two axes of C loadings. */
  readonly pca: { readonly mean: readonly number[]; readonly axes: readonly (readonly number[])[] };
}

/** Base64 decoding (it needs Node's Buffer, so the pipeline supplies it); null for text that is not base64 of whole 32-bit values. */
export interface ArrayDecoders {
  float32(text: string): Float64Array | null;
  int32(text: string): Int32Array | null;
}

export interface CheckedModel extends PlacementModel {
  readonly labels: ReadonlyMap<number, string>;
}

/**
 * Checks parsed JSON against `ModelDocument` (types, lengths, finite numbers, dimensions that
 * agree) and builds the placement model. Out: the model, or the first problem as one sentence
 * that starts with the field's path, e.g. `centroids has 3 rows, expected 6 (one per topic id)`.
 */
export function checkModelDocument(
  value: unknown,
  decode: ArrayDecoders,
): { model: CheckedModel } | { problem: string } {
  try {
    return { model: check(value, decode) };
  } catch (error) {
    if (error instanceof ModelProblem) return { problem: error.message };
    throw error;
  }
}

class ModelProblem extends Error {}

function check(value: unknown, decode: ArrayDecoders): CheckedModel {
  const doc = object(value, 'the model');
  if (doc.format !== MODEL_FORMAT) fail('format', `is ${show(doc.format)}, expected "${MODEL_FORMAT}"`);
  if (doc.formatVersion !== MODEL_FORMAT_VERSION)
    fail(
      'formatVersion',
      `is ${show(doc.formatVersion)}, expected ${MODEL_FORMAT_VERSION} (run again to refit the model)`,
    );
  string(doc.toolVersion, 'toolVersion');

  const params = object(doc.params, 'params');
  const tokenizeRaw = object(params.tokenize, 'params.tokenize');
  const tokenize: TokenizeOptions = {
    stem: boolean(tokenizeRaw.stem, 'params.tokenize.stem'),
    phrases: boolean(tokenizeRaw.phrases, 'params.tokenize.phrases'),
    minPhraseCount: finite(tokenizeRaw.minPhraseCount, 'params.tokenize.minPhraseCount'),
    scientificStopwords: boolean(tokenizeRaw.scientificStopwords, 'params.tokenize.scientificStopwords'),
  };
  const sublinearTf = boolean(object(params.tfidf, 'params.tfidf').sublinearTf, 'params.tfidf.sublinearTf');

  const vocabulary = object(doc.vocabulary, 'vocabulary');
  const terms = array(vocabulary.terms, 'vocabulary.terms').map((t, i) => string(t, `vocabulary.terms[${i}]`));
  const perTerm = [terms.length, 'one per vocabulary term'] as const;
  array(vocabulary.labels, 'vocabulary.labels', ...perTerm).forEach((l, i) => string(l, `vocabulary.labels[${i}]`));
  const idf = numbers(vocabulary.idf, 'vocabulary.idf', ...perTerm);

  const lsa = object(doc.lsa, 'lsa');
  const termMap = matrix(lsa.termMap, 'lsa.termMap', decode);
  const components = termMap.cols;
  if (termMap.rows > terms.length)
    fail(
      'lsa.termMap',
      `has ${count(termMap.rows, 'row')}, expected at most ${terms.length} (one per vocabulary term)`,
    );
  numbers(lsa.singularValues, 'lsa.singularValues', components, 'one per term-map column');
  const columns =
    decode.int32(string(lsa.termColumns, 'lsa.termColumns')) ??
    fail('lsa.termColumns', 'is not base64 of 32-bit integers');
  if (columns.length !== termMap.rows)
    fail('lsa.termColumns', `holds ${count(columns.length, 'value')}, expected ${termMap.rows} (one per term-map row)`);
  const rowOf = new Int32Array(terms.length).fill(-1);
  columns.forEach((column, row) => {
    if (column < 0 || column >= terms.length)
      fail(`lsa.termColumns[${row}]`, `is ${column}, expected a vocabulary column in 0..${terms.length - 1}`);
    if (rowOf[column] !== -1) fail(`lsa.termColumns[${row}]`, `repeats column ${column}`);
    rowOf[column] = row;
  });

  const representation = doc.representation;
  if (representation !== 'lsa' && representation !== 'tfidf')
    fail('representation', `is ${show(representation)}, expected "lsa" or "tfidf"`);
  const topics = array(doc.topics, 'topics').map((t, i) => {
    const topic = object(t, `topics[${i}]`);
    const id = finite(topic.id, `topics[${i}].id`);
    if (!Number.isInteger(id) || id < 0) fail(`topics[${i}].id`, `is ${id}, expected a whole number of at least 0`);
    return { id, label: string(topic.label, `topics[${i}].label`) };
  });
  if (topics.length === 0) fail('topics', 'is empty, expected at least one topic');
  const labels = new Map(topics.map((t) => [t.id, t.label]));
  if (labels.size !== topics.length) fail('topics', 'repeats a topic id');
  const centroids = matrix(doc.centroids, 'centroids', decode);
  if (centroids.rows !== topics.length)
    fail('centroids', `has ${count(centroids.rows, 'row')}, expected ${topics.length} (one per topic id)`);
  const [dims, dimsWhy] =
    representation === 'lsa' ? [components, 'one per LSA component'] : [terms.length, 'one per vocabulary term'];
  if (centroids.cols !== dims)
    fail('centroids', `has ${count(centroids.cols, 'column')}, expected ${dims} (${dimsWhy})`);
  const minSimilarity = finite(doc.minSimilarity, 'minSimilarity');

  const pca = object(doc.pca, 'pca');
  numbers(pca.mean, 'pca.mean', components, 'one per LSA component');
  array(pca.axes, 'pca.axes', 2, 'the map has two axes').forEach((axis, i) =>
    numbers(axis, `pca.axes[${i}]`, components, 'one per LSA component'),
  );

  return {
    tokenize,
    sublinearTf,
    terms,
    idf,
    lsa: representation === 'lsa' ? { termMap, rowOf } : null,
    centroids,
    topicIds: topics.map((t) => t.id),
    labels,
    minSimilarity,
  };
}

function fail(field: string, problem: string): never {
  throw new ModelProblem(`${field} ${problem}`);
}

/** The JSON value as a message names it: its text for scalars, its kind otherwise. */
function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function expected(value: unknown, field: string, what: string): never {
  return fail(field, value === undefined ? `is missing, expected ${what}` : `is ${show(value)}, expected ${what}`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) expected(value, field, 'an object');
  return value as Record<string, unknown>;
}

function array(value: unknown, field: string, length?: number, why?: string): unknown[] {
  if (!Array.isArray(value)) expected(value, field, 'an array');
  const items = value as unknown[];
  if (length !== undefined && items.length !== length)
    fail(field, `has ${count(items.length, 'value')}, expected ${length} (${why})`);
  return items;
}

function string(value: unknown, field: string): string {
  return typeof value === 'string' ? value : expected(value, field, 'a string');
}

function boolean(value: unknown, field: string): boolean {
  return typeof value === 'boolean' ? value : expected(value, field, 'true or false');
}

function finite(value: unknown, field: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : expected(value, field, 'a finite number');
}

function numbers(value: unknown, field: string, length: number, why: string): Float64Array {
  return Float64Array.from(array(value, field, length, why), (v, i) => finite(v, `${field}[${i}]`));
}

function matrix(value: unknown, field: string, decode: ArrayDecoders): DenseMatrix {
  const stored = object(value, field);
  const shape = array(stored.shape, `${field}.shape`, 2, 'rows and columns');
  const [rows, cols] = shape.map((n, i) => {
    const size = finite(n, `${field}.shape[${i}]`);
    return Number.isInteger(size) && size >= 0
      ? size
      : fail(`${field}.shape[${i}]`, `is ${size}, expected a whole number`);
  }) as [number, number];
  const data =
    decode.float32(string(stored.data, `${field}.data`)) ?? fail(`${field}.data`, 'is not base64 of 32-bit floats');
  if (data.length !== rows * cols)
    fail(`${field}.data`, `holds ${count(data.length, 'value')}, expected ${rows * cols} (shape ${rows} × ${cols})`);
  // A NaN anywhere makes every similarity it touches NaN, and NaN never sorts: report where it is.
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1)
    fail(
      `${field}.data`,
      `has ${data[bad]} at row ${Math.floor(bad / cols)}, column ${bad % cols}, expected finite numbers`,
    );
  return { rows, cols, data };
}
