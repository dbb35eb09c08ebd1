/** `runs/<id>/assignments.csv`: each paper's topic id, what a later run compares against. */
import { encodeCsvCell } from './csv-cell.js';

const CHUNK_ROWS = 10_000;

/** `id,topic,title` per paper, a chunk of rows at a time. */
export function* assignmentsCsvChunks(
  papers: readonly { readonly id: string; readonly title: string }[],
  paperTopics: Int32Array,
): Generator<string> {
  yield 'id,topic,title\n';
  for (let from = 0; from < papers.length; from += CHUNK_ROWS) {
    const rows = papers
      .slice(from, from + CHUNK_ROWS)
      .map((p, offset) => `${p.id},${paperTopics[from + offset]!},${encodeCsvCell(p.title)}\n`);
    yield rows.join('');
  }
}
