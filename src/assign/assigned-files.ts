/** `assigned.csv` and `assigned.md`: where `assign` put each new paper, and which fit no topic well. */
import { escapeMarkdown as m } from '../report/escape.js';
import { encodeCsvCell } from '../table/csv-cell.js';
import type { Placement } from './place-papers.js';

export interface AssignedFiles {
  readonly csv: string;
  readonly markdown: string;
  /** Topic id -> papers placed in it. */
  readonly perTopic: ReadonlyMap<number, number>;
  /** Papers that fit no topic well. */
  readonly misfits: number;
}

/**
 * @param labels topic id -> label, from the model
 * @param modelPath shown in the Markdown heading
 */
export function renderAssignedFiles(
  papers: readonly { readonly id: string; readonly title: string }[],
  placements: readonly Placement[],
  labels: ReadonlyMap<number, string>,
  minSimilarity: number,
  modelPath: string,
): AssignedFiles {
  const label = (id: number | null): string => (id === null ? '' : (labels.get(id) ?? ''));
  const rows = papers.map((p, i) => {
    const place = placements[i]!;
    return [
      p.id,
      encodeCsvCell(p.title),
      place.topic,
      encodeCsvCell(label(place.topic)),
      place.similarity.toFixed(4),
      place.fits ? 'yes' : 'no',
      place.secondTopic ?? '',
    ].join(',');
  });
  const csv = `id,title,topic,topic_label,similarity,fits,second_topic\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
  const perTopic = new Map<number, number>();
  for (const p of placements) perTopic.set(p.topic, (perTopic.get(p.topic) ?? 0) + 1);
  const misfits = papers.flatMap((paper, i) => (placements[i]!.fits ? [] : [{ paper, place: placements[i]! }]));
  const markdown = [
    `# ${papers.length} papers placed in the topics of ${m(modelPath)}`,
    '',
    `A paper fits no topic well when its cosine similarity to every topic centroid is below ${minSimilarity.toFixed(3)}, ` +
      'the similarity that 95% of the papers the model was fitted on reach to their own topic.',
    '',
    '| Topic | Papers placed |',
    '|---|---:|',
    ...[...perTopic.entries()].sort((a, b) => a[0] - b[0]).map(([id, n]) => `| ${id}: ${m(label(id))} | ${n} |`),
    '',
    `## Possible new topics: ${misfits.length} papers fit no topic well`,
    '',
    ...misfits.map(
      ({ paper, place }) =>
        `- ${m(paper.title)} (nearest: ${place.topic}: ${m(label(place.topic))}, similarity ${place.similarity.toFixed(3)})`,
    ),
    '',
  ].join('\n');
  return { csv, markdown, perTopic, misfits: misfits.length };
}
