/**
 * How the two levels were sized: the fine topics by the reading rule (or --k), the broad groups by
 * the stability of each cut of the topic tree, the chosen cut marked (none when no cut was stable
 * enough and the topics stand alone, see `hasGrouping`).
 */
import { hasGrouping, type ReportData } from '../report/report-data.js';
import { CONFIG, type ChartSpec } from './common.js';
import { buildNoteChart } from './note-chart.js';

const WHY: Record<string, string> = {
  'reading-size': 'k = √(n/8), topics sized for reading',
  fixed: 'set with --k',
  kept: "the last run's topics, updated",
};

export function buildChoiceOfK(data: ReportData): ChartSpec {
  const { k, criterion, groups, curve } = data.kChoice;
  const why = WHY[criterion] ?? criterion;
  if (curve.length === 0)
    return buildNoteChart('Choice of k', `${k} topics (${why}); too few to group into broad groups.`);
  const grouped = hasGrouping(data);
  const best = curve.reduce((a, b) => (b.stability > a.stability ? b : a));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Choice of k',
      subtitle: [
        `${k} topics (${why})`,
        grouped
          ? `${groups} broad groups: the most stable cut of the topic tree (dashed line)`
          : `No broad groups: no cut of the topic tree is stable enough (at best ${best.stability.toFixed(2)}, into ${best.groups}); the topics stand alone`,
      ],
    },
    config: CONFIG,
    data: { values: curve.map((p) => ({ groups: p.groups, stability: p.stability })) },
    width: 420,
    height: 170,
    layer: [
      {
        mark: { type: 'line' as const, point: true, color: '#4e79a7' },
        encoding: {
          x: {
            field: 'groups',
            type: 'quantitative' as const,
            axis: { tickMinStep: 1 },
            scale: { zero: false },
            title: 'broad groups (cut of the topic tree)',
          },
          y: { field: 'stability', type: 'quantitative' as const, title: 'Stability (ARI)', scale: { zero: false } },
          tooltip: [{ field: 'groups' }, { field: 'stability', format: '.3f' }],
        },
      },
      ...(grouped
        ? [
            {
              mark: { type: 'rule' as const, color: '#e15759', strokeDash: [4, 3] },
              encoding: { x: { datum: groups, type: 'quantitative' as const } },
            },
          ]
        : []),
    ],
  };
}
