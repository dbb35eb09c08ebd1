/**
 * One input file to papers: decode -> detect format -> parse, with every unit of text accounted
 * for and every problem reported as a diagnostic.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { DumpFormat, ParsedDump } from '../types.js';
import { decodeBytes } from './decode.js';
import { detectFormat } from './detect-format.js';
import { messages } from './messages.js';
import { parseCompactListing } from './parse-compact.js';
import { parsePageDump } from './parse-page-dump.js';
import { parseCsvDump, parseJsonDump, parseJsonLines } from './parse-records.js';
import { createTally, type Tally } from './tally.js';
import { nonBlankLines, splitParagraphs } from './text-units.js';

export interface ParseDumpResult {
  readonly dump: ParsedDump;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses one file's bytes. `file` is the path shown in diagnostics. Never throws on bad input. */
export function parseDump(file: string, bytes: Uint8Array): ParseDumpResult {
  const decoded = decodeBytes(bytes);
  if (decoded.kind === 'binary') {
    const tally = createTally();
    tally.units = 1;
    const diagnostic = messages.binaryFile(file, decoded.line);
    tally.skipped.push({ line: decoded.line, code: diagnostic.code, reason: diagnostic.message });
    return finish(file, 'binary', 'binary', tally, [diagnostic]);
  }
  const { text, encoding, invalidUtf8Line } = decoded.value;
  const encodingDiagnostics = invalidUtf8Line === null ? [] : [messages.notUtf8(file, invalidUtf8Line)];
  const format = detectFormat(text);
  const tally = parseAs(file, format, text);
  return finish(file, format, encoding, tally, [...encodingDiagnostics, ...tally.diagnostics]);
}

function parseAs(file: string, format: DumpFormat, text: string): Tally {
  switch (format) {
    case 'page-dump':
    case 'page-dump-with-metadata':
      return parsePageDump(file, splitParagraphs(text));
    case 'compact-listing':
      return parseCompactListing(file, nonBlankLines(text));
    case 'json':
      return parseJsonDump(file, text);
    case 'jsonl':
      return parseJsonLines(file, text);
    case 'csv':
      return parseCsvDump(file, text);
    case 'empty': {
      const tally = createTally();
      tally.diagnostics.push(messages.emptyFile(file, 1));
      return tally;
    }
    case 'unknown':
    case 'binary': {
      // Nothing to read; every paragraph is listed as skipped under one diagnostic.
      const tally = createTally();
      const paragraphs = splitParagraphs(text);
      const diagnostic = messages.unknownFormat(file, paragraphs[0]?.line ?? 1, paragraphs[0]?.text ?? '');
      tally.units = paragraphs.length;
      for (const p of paragraphs) tally.skipped.push({ line: p.line, code: diagnostic.code, reason: diagnostic.message });
      tally.diagnostics.push(diagnostic);
      return tally;
    }
  }
}

function finish(
  file: string,
  format: DumpFormat,
  encoding: string,
  tally: Tally,
  diagnostics: readonly Diagnostic[],
): ParseDumpResult {
  const { papers, units, boilerplate, used, skipped } = tally;
  return { dump: { file, format, encoding, papers, units, boilerplate, used, skipped }, diagnostics };
}
