/** Reading `model.json` back: checked at the edge, then handed to `placePapers`. */
import { readFile } from 'node:fs/promises';
import type { PlacementModel } from '../src/assign/place-papers.js';
import type { DenseMatrix } from '../src/dense.js';
import type { TopicParams } from './topics.js';

export interface LoadedModel extends PlacementModel {
  readonly labels: ReadonlyMap<number, string>;
}

interface ModelDocument {
  format: string;
  formatVersion: number;
  params: TopicParams;
  vocabulary: { terms: string[]; idf: number[] };
  lsa: { termFactor: { shape: [number, number]; data: string }; mixing: { shape: [number, number]; data: string } };
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
  if (document.format !== 'topic-atlas-model' || document.formatVersion !== 1) throw new Error(`${path}: not a topic-atlas model (format version 1)`);
  return {
    tokenize: document.params.tokenize,
    sublinearTf: document.params.tfidf.sublinearTf,
    terms: document.vocabulary.terms,
    idf: Float64Array.from(document.vocabulary.idf),
    lsa: document.representation === 'lsa' ? { termFactor: matrix(document.lsa.termFactor), mixing: matrix(document.lsa.mixing) } : null,
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
  return Float64Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}
