/** Reading `model.json` back: checked at the edge, then handed to `placePapers`. */
import { readFile } from 'node:fs/promises';
import type { PlacementModel } from '../src/assign/place-papers.js';
import type { DenseMatrix } from '../src/dense.js';
import { float32FromBase64, int32FromBase64 } from './base64-arrays.js';
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

/** Column -> term-map row (or -1), from the stored column of each row. */
function rowsOfColumns(base64: string, columns: number): Int32Array {
  const rowOf = new Int32Array(columns).fill(-1);
  int32FromBase64(base64).forEach((column, row) => (rowOf[column] = row));
  return rowOf;
}
