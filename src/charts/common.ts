/** What every chart shares: the topic colour scale, and the spec envelope. */
import type { TopLevelSpec } from 'vega-lite';
import type { BroadGroup, ReportTopic } from '../report/report-data.js';

export type ChartSpec = TopLevelSpec;

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** A colour encoding that gives each topic the same colour in every chart. */
export function topicColorScale(topics: readonly ReportTopic[]) {
  return { domain: topics.map((t) => t.name), range: topics.map((t) => t.color) };
}

/** Shared config: readable fonts, no chart border. */
export const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 340 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  title: { fontSize: 15, subtitleFontSize: 12, anchor: 'start' as const, subtitleColor: '#555' },
};

/** Cuts text to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A colour encoding for the broad groups of the topic tree, in their order. */
export function groupColorScale(groups: readonly BroadGroup[]) {
  return { domain: groups.map((g) => g.name), range: groups.map((g) => g.color) };
}

/**
 * The focus contract with the report's script (src/report/report-script.ts), which sets these
 * params when a group or topic is picked: no group picked, this datum's group picked, and this
 * datum's topic picked or none.
 */
export const FOCUS_PARAMS = [
  { name: 'focusGroup', value: null },
  { name: 'focusTopic', value: null },
];
export const NO_FOCUS = 'focusGroup === null';
export const IN_FOCUS = 'focusGroup !== null && datum.gid === focusGroup';
export const TOPIC_IN_FOCUS = 'focusTopic === null || datum.tid === focusTopic';
