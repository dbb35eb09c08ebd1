/** How k was chosen: stability and silhouette against k, the chosen k marked. */
import type { ReportData } from '../report/report-data.js';
import { CONFIG, type ChartSpec } from './common.js';
import { buildNoteChart } from './note-chart.js';

const WHY: Record<string, string> = {
  stability: 'the most stable k',
  'rule-of-thumb': 'no k was stable (≥ 0.5), so k = √(n/2)',
};

export function buildChoiceOfK(data: ReportData): ChartSpec {
  const { k, criterion, curve } = data.kChoice;
  if (curve.length === 0) return buildNoteChart('Choice of k', `k was set to ${k} with --k; nothing was chosen.`);
  const panel = (field: 'stability' | 'silhouette', title: string) => ({
    width: 420,
    height: 150,
    layer: [
      {
        mark: { type: 'line' as const, point: true, color: '#4e79a7' },
        encoding: {
          x: {
            field: 'k',
            type: 'quantitative' as const,
            axis: { tickMinStep: 1 },
            scale: { zero: false },
            title: 'k (number of topics)',
          },
          y: { field, type: 'quantitative' as const, title, scale: { zero: false } },
          tooltip: [{ field: 'k' }, { field, format: '.3f' }],
        },
      },
      {
        mark: { type: 'rule' as const, color: '#e15759', strokeDash: [4, 3] },
        encoding: { x: { datum: k, type: 'quantitative' as const } },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Choice of k', subtitle: `Chosen: k = ${k} (${WHY[criterion] ?? criterion}); dashed line` },
    config: CONFIG,
    data: { values: curve.map((p) => ({ k: p.k, stability: p.stability, silhouette: p.silhouette })) },
    vconcat: [panel('stability', 'Stability (ARI)'), panel('silhouette', 'Silhouette (cosine)')],
  };
}
