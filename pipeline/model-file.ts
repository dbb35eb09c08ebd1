/** Reading `model.json` back: checked at the edge, then handed to `placePapers`. */
import { readFile } from 'node:fs/promises';
import type { PlacementModel } from '../src/assign/place-papers.js';
import type { DenseMatrix } from '../src/dense.js';
import { MODEL_FORMAT_VERSION } from './topic-outputs.js';
import type { TopicParams } from './topics.js';

export interface LoadedModel extends PlacementModel {
  readonly labels: ReadonlyMap<number, string>;
}

interface ModelDocument {
  format: string;
  formatVersion: number;
  params: TopicParams;
  vocabulary: { terms: string[]; idf: number[] };
  lsa: { termMap: { shape: [number, number]; data: string }; termColumns: string };
  representation: 'lsa' | 'tfidf';
  centroids: { shape: [number, number]; data: string };
  topics: { id: number; label: string }[];
  minSimilarity: number;
}

/** Loads a model file; throws an Error whose message says what is wrong with it. */
export async function loadModel(path: string): Promise<LoadedModel> {
  let document: ModelDocument;
  try {
    document = JSON.parse(await readFile(path, 'utf8')) as ModelDocument;
  } catch (error) {
    throw new Error(`${path}: cannot read the model (${(error as Error).message})`, { cause: error });
  }
  if (document.format !== 'topic-atlas-model' || document.formatVersion !== MODEL_FORMAT_VERSION)
    throw new Error(`${path}: not a topic-atlas model (format version ${MODEL_FORMAT_VERSION}); run again to refit it`);
  return {
    tokenize: document.params.tokenize,
    sublinearTf: document.params.tfidf.sublinearTf,
    terms: document.vocabulary.terms,
    idf: Float64Array.from(document.vocabulary.idf),
    lsa:
      document.representation === 'lsa'
        ? {
            termMap: matrix(document.lsa.termMap),
            rowOf: rowsOfColumns(document.lsa.termColumns, document.vocabulary.terms.length),
          }
        : null,
    centroids: matrix(document.centroids),
    topicIds: document.topics.map((t) => t.id),
    labels: new Map(document.topics.map((t) => [t.id, t.label])),
    minSimilarity: document.minSimilarity,
  };
}

function matrix(stored: { shape: [number, number]; data: string }): DenseMatrix {
  return { rows: stored.shape[0], cols: stored.shape[1], data: float32FromBase64(stored.data) };
}

function float32FromBase64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Column -> term-map row (or -1), from the stored column of each row. */
function rowsOfColumns(base64: string, columns: number): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rowOf = new Int32Array(columns).fill(-1);
  for (let row = 0; row < bytes.byteLength / 4; row++) rowOf[view.getInt32(row * 4, true)] = row;
  return rowOf;
}
