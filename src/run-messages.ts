/** Diagnostics of a run as a whole (inputs, topics, history); ingest's own are in ingest/messages.ts. */
import type { Diagnostic } from './diagnostics.js';

export const runMessages = {
  unreadableFile: (file: string, reason: string): Diagnostic => ({
    severity: 'error',
    code: 'unreadable-input',
    message: `Cannot read this file (${reason})`,
    place: { file, line: 1 },
  }),
  tooFewPapers: (papers: number): Diagnostic => ({
    severity: 'warning',
    code: 'too-few-papers',
    message: `Found ${papers} papers; topics need at least 2`,
  }),
  tooFewTerms: (papers: number): Diagnostic => ({
    severity: 'warning',
    code: 'too-few-terms',
    message: `No term occurs in at least 2 and at most half of the ${papers} papers, so nothing tells them apart; no topics this time`,
  }),
  previousRunUnreadable: (runId: string): Diagnostic => ({
    severity: 'warning',
    code: 'previous-run-unreadable',
    message: `The previous run ${runId} could not be read; no comparison this time`,
  }),
} as const;
