/** Every chart of the report, in reading order; each name is also its file name. */
import type { ReportData } from '../report/report-data.js';
import { buildChoiceOfK } from './choice-of-k.js';
import type { ChartSpec } from './common.js';
import { buildEngagement } from './engagement.js';
import { buildTopTerms } from './top-terms.js';
import { buildTopicMap } from './topic-map.js';
import { buildTopicSizes } from './topic-sizes.js';
import { buildTopicTree } from './topic-tree.js';
import { buildTopicsOverTime } from './topics-over-time.js';
import { buildTopicSizeChange } from './topic-size-change.js';

export interface NamedChart {
  readonly name: string;
  readonly title: string;
  readonly spec: ChartSpec;
}

export function buildCharts(data: ReportData): NamedChart[] {
  return [
    { name: 'topic-map', title: 'Map of the papers', spec: buildTopicMap(data) },
    { name: 'topic-sizes', title: 'Topic sizes', spec: buildTopicSizes(data) },
    { name: 'topic-tree', title: 'Topic tree', spec: buildTopicTree(data) },
    { name: 'top-terms', title: 'Top terms per topic', spec: buildTopTerms(data) },
    { name: 'topics-over-time', title: 'Topics over time', spec: buildTopicsOverTime(data) },
    { name: 'choice-of-k', title: 'Choice of k', spec: buildChoiceOfK(data) },
    { name: 'engagement', title: 'Engagement', spec: buildEngagement(data) },
    ...(data.changes
      ? [
          {
            name: 'topic-size-change',
            title: 'Topic sizes, before and after',
            spec: buildTopicSizeChange(data.changes),
          },
        ]
      : []),
  ];
}
