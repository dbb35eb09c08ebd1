/** The bookkeeping every parser shares: papers found, and where every other unit of text went. */
import type { Diagnostic } from '../diagnostics.js';
import type { RawPaper, SkippedText } from '../types.js';

export interface Tally {
  readonly papers: RawPaper[];
  readonly skipped: SkippedText[];
  readonly diagnostics: Diagnostic[];
  units: number;
  boilerplate: number;
  used: number;
}

export function createTally(): Tally {
  return { papers: [], skipped: [], diagnostics: [], units: 0, boilerplate: 0, used: 0 };
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
