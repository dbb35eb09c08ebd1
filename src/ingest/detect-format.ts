/** Per-file format detection, from the text alone (file names are often meaningless). */
import type { DumpFormat } from '../types.js';
import { isBoilerplateText } from './boilerplate.js';
import { COMPACT_LINE_START } from './parse-compact.js';
import { hasAuthorMetadata, looksLikeTitle } from './parse-page-dump.js';
import { nonBlankLines, splitParagraphs } from './text-units.js';

/** The format a text is in; `unknown` when no parser would find papers in it. */
export function detectFormat(text: string): DumpFormat {
  const lines = nonBlankLines(text);
  const first = lines[0]?.text.trim();
  if (first === undefined) return 'empty';
  if (first.startsWith('[')) return 'json';
  if (first.startsWith('{')) return isJsonObject(first) ? 'jsonl' : 'json';
  if (isCsvHeader(first)) return 'csv';

  const content = lines.filter((l) => !isBoilerplateText(l.text));
  const compact = content.filter((l) => l.text.length >= 80 && COMPACT_LINE_START.test(l.text.trim())).length;
  if (content.length > 0 && compact / content.length >= 0.5) return 'compact-listing';

  const paragraphs = splitParagraphs(text);
  if (paragraphs.some(hasAuthorMetadata)) return 'page-dump-with-metadata';
  const hasTitleThenProse = paragraphs.some(
    (p, i) => looksLikeTitle(p) && paragraphs[i + 1] !== undefined && !looksLikeTitle(paragraphs[i + 1]!),
  );
  if (hasTitleThenProse || paragraphs.some((p) => isBoilerplateText(p.text))) return 'page-dump';
  return 'unknown';
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function isCsvHeader(line: string): boolean {
  const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return cells.includes('title') && (cells.includes('abstract') || cells.includes('summary'));
}
