/** Rendering fitted topics as files: `topics.json`, `model.json`, and the CSV's topic columns. */
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelDocument } from '../../src/assign/model-schema.js';
import { similarityThreshold } from '../../src/assign/place-papers.js';
import type { IdentifiedTopics } from '../../src/cluster/identify-topics.js';
import { round } from '../../src/numeric/round.js';
import type { Paper } from '../../src/types.js';
import { float32Base64, int32Base64 } from './base64-arrays.js';
import type { ExtraColumns } from './papers-table.js';
import type { FittedTopics, TopicParams } from '../stages/topics.js';

const TOPIC_COLUMNS = ['topic', 'x', 'y'] as const;

export function topicColumns(fitted: FittedTopics, identified: IdentifiedTopics): ExtraColumns {
  const coordinates = fitted.projection.coordinates;
  return {
    names: TOPIC_COLUMNS,
    values: (i) => [identified.paperTopics[i]!, round(coordinates[i * 2]!), round(coordinates[i * 2 + 1]!)],
  };
}
/**
 * The topics document: what each topic is, how k was chosen, and the map's axes. Topics are in
 * size order; `id` is stable across runs, `signature` and `termKeys` let the next run match them.
 */
export function renderTopicsJson(papers: readonly Paper[], fitted: FittedTopics, identified: IdentifiedTopics): string {
  const { cluster, projection } = fitted;
  const document = {
    k: cluster.k,
    kChoice: cluster.choice && { criterion: cluster.choice.criterion },
    coarseChoice: {
      groups: cluster.coarse.groups,
      curve: cluster.coarse.curve.map((p) => ({ groups: p.groups, stability: round(p.stability) })),
    },
    explainedVariance: projection.explainedVariance.map((v) => round(v)),
    nextTopicId: identified.nextId,
    topics: identified.topics.map((t) => ({
      id: t.id,
      label: t.label,
      ...(t.named ? { autoLabel: t.autoLabel } : {}),
      size: t.size,
      cohesion: round(t.cohesion),
      terms: t.terms.map((term) => ({ term: term.term, weight: round(term.weight, 6) })),
      representatives: t.representatives.map((i) => ({ id: papers[i]!.id, title: papers[i]!.title })),
      centroid: { x: round(t.position.x), y: round(t.position.y) },
      parent: identified.tree.parentOf.get(t.id) ?? t.id,
      termKeys: t.termKeys,
      signature: t.signature,
    })),
    // Topics merged bottom-up by the similarity of their centres; `coarse` is the broad level.
    hierarchy: { coarse: identified.tree.coarse, nodes: identified.tree.nodes },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Stands in for the term map's data inside the JSON text until it is written. */
const TERM_MAP_SLOT = '\u0000term-map\u0000';

/**
 * Everything needed to place new papers without refitting, as a `ModelDocument` (the schema the
 * reader checks). Large matrices are base64 of little-endian float32, row-major, with their shape
 * beside them. A TF-IDF row r reaches the topic space as Σ r[j] · lsa.termMap[row], over the
 * rows of `lsa.termColumns` (column j of each row).
 */
export function* modelJsonChunks(
  fitted: FittedTopics,
  identified: IdentifiedTopics,
  params: TopicParams,
  toolVersion: string,
): Generator<string> {
  const { vocabulary, lsa, centroids, projection } = fitted;
  const document: ModelDocument = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    toolVersion,
    params,
    vocabulary: {
      terms: vocabulary.terms,
      labels: vocabulary.labels,
      idf: Array.from(vocabulary.idf, (v) => round(v, 8)),
    },
    lsa: {
      // The one large value: written in pieces after the rest is laid out (see the end).
      termMap: { shape: [lsa.termMap.rows, lsa.termMap.cols], data: TERM_MAP_SLOT },
      termColumns: int32Base64(termColumns(lsa.rowOf, lsa.termMap.rows)),
      singularValues: Array.from(lsa.singularValues, (v) => round(v, 6)),
    },
    representation: params.representation,
    centroids: { shape: [centroids.rows, centroids.cols], data: float32Base64(centroids.data) },
    // New papers less similar than this to every centroid fit no topic (5th percentile of the fitted papers).
    minSimilarity: round(similarityThreshold(fitted.points, fitted.cluster.labels, centroids), 6),
    // Row i of `centroids` is the topic with id topics[i].id.
    topics: identified.topics.map((t) => ({ id: t.id, label: t.label })),
    pca: {
      mean: Array.from(projection.mean, (v) => round(v, 8)),
      axes: [0, 1].map((a) =>
        Array.from(projection.axes.subarray(a * projection.mean.length, (a + 1) * projection.mean.length), (v) =>
          round(v, 8),
        ),
      ),
    },
  };
  const [head, tail] = JSON.stringify(document).split(JSON.stringify(TERM_MAP_SLOT)) as [string, string];
  yield `${head}"`;
  // Base64 of whole 3-byte groups concatenates into the base64 of the whole.
  const rowsPerChunk = 3 * 1024;
  for (let row = 0; row < lsa.termMap.rows; row += rowsPerChunk) {
    const end = Math.min(lsa.termMap.rows, row + rowsPerChunk);
    yield float32Base64(lsa.termMap.data.subarray(row * lsa.termMap.cols, end * lsa.termMap.cols));
  }
  yield `"${tail}\n`;
}

/** The vocabulary column of each term-map row. */
function termColumns(rowOf: Int32Array, rows: number): Int32Array {
  const columns = new Int32Array(rows);
  rowOf.forEach((row, j) => row !== -1 && (columns[row] = j));
  return columns;
}
