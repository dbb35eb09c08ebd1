/** The bookkeeping every parser shares: papers found, and where every other unit of text went. */
import type { Diagnostic } from '../diagnostics.js';
import type { RawPaper, SkippedText } from '../types.js';
import { NO_CONTROLS, type CleanReport } from './clean-text.js';

export interface Tally {
  readonly papers: RawPaper[];
  readonly skipped: SkippedText[];
  readonly diagnostics: Diagnostic[];
  units: number;
  boilerplate: number;
  used: number;
  /** Control characters replaced in the file's text or records, reported once per file at the end. */
  controls: CleanReport;
}

export function createTally(): Tally {
  return { papers: [], skipped: [], diagnostics: [], units: 0, boilerplate: 0, used: 0, controls: NO_CONTROLS };
}

/** Records a unit as skipped, with the diagnostic that explains it. */
export function skipUnit(tally: Tally, diagnostic: Diagnostic, line = diagnostic.place?.line ?? 1): void {
  tally.skipped.push({ line, code: diagnostic.code, reason: diagnostic.message });
  tally.diagnostics.push(diagnostic);
}

/** Whether an abstract ends as a finished sentence would; a cut-off copy usually does not. */
export function endsLikeSentence(text: string): boolean {
  return /[.!?)\]"'”’]\s*$/.test(text) || /\bhttps?:\/\/\S+$/.test(text);
}
