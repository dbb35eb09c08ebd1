import type { SourcePlace } from './types.js';

/** A problem found in the input: reported, never thrown, so one run shows every problem. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** Stable kebab-case code, e.g. `missing-abstract`. */
  readonly code: string;
  readonly message: string;
  readonly place?: SourcePlace;
}

/** Renders a diagnostic as one compiler-style line: `warning file:12 Message [code]`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.place ? ` ${diagnostic.place.file}:${diagnostic.place.line}` : '';
  return `${diagnostic.severity}${where} ${diagnostic.message} [${diagnostic.code}]`;
}

/** Quotes user text for a message, cut to about 40 characters and kept on one line. */
export function quote(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return JSON.stringify(cut);
}
