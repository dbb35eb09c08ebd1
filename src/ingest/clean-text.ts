/**
 * Control characters out of decoded text, before any parser sees it: a stray backspace in a title
 * otherwise reaches papers.csv, the reports and the chart renderer (which throws on it).
 */

/** Where one kind of control character was replaced in a file: enough for one diagnostic. */
export interface ControlCount {
  /** 1-based line of the first. */
  readonly firstLine: number;
  readonly count: number;
}

/** What cleaning found: NUL bytes (binary debris) apart from other control characters. */
export interface CleanReport {
  readonly nul: ControlCount | null;
  readonly control: ControlCount | null;
}

export const NO_CONTROLS: CleanReport = { nul: null, control: null };

// C0 but tab and line ends, DEL, and C1 (which Windows-1252 and Latin-1 decoding can also produce).
/* eslint-disable no-control-regex -- matching control characters is the point here */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
const CONTROL_OR_LINE_END = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r\n|\r|\n/g;
/* eslint-enable no-control-regex */

/**
 * Replaces every control character by a space, so words either side stay apart and line numbers
 * stay put. `firstLine` is the line `text` starts at. Text without any is returned as is.
 */
export function cleanControls(text: string, firstLine = 1): { text: string; report: CleanReport } {
  if (!CONTROL.test(text)) return { text, report: NO_CONTROLS };
  let nul: ControlCount | null = null;
  let control: ControlCount | null = null;
  let line = firstLine;
  const cleaned = text.replace(CONTROL_OR_LINE_END, (match) => {
    if (match.length > 1 || match === '\n' || match === '\r') {
      line++;
      return match;
    }
    if (match === '\0') nul = { firstLine: nul?.firstLine ?? line, count: (nul?.count ?? 0) + 1 };
    else control = { firstLine: control?.firstLine ?? line, count: (control?.count ?? 0) + 1 };
    return ' ';
  });
  return { text: cleaned, report: { nul, control } };
}

/** The reports of one file's consecutive parts (or of its text and its records) as one. */
export function mergeReports(a: CleanReport, b: CleanReport): CleanReport {
  return { nul: mergeCounts(a.nul, b.nul), control: mergeCounts(a.control, b.control) };
}

function mergeCounts(a: ControlCount | null, b: ControlCount | null): ControlCount | null {
  if (a === null || b === null) return a ?? b;
  return { firstLine: Math.min(a.firstLine, b.firstLine), count: a.count + b.count };
}

/**
 * Runs of white space as one space, trimmed. Only runs that are not already a single space are
 * rewritten: replacing every space (\s+) made each abstract a new string (20,000 abstracts: 110 ms).
 */
export function collapseSpaces(text: string): string {
  return text.replace(/ \s+|[^\S ]\s*/g, ' ').trim();
}
