/**
 * One input file to papers: decode -> detect format -> parse, with every unit of text accounted
 * for and every problem reported as a diagnostic.
 */
import type { Diagnostic } from '../diagnostics.js';
import { messages } from '../messages.js';
import type { DumpFormat, ParsedDump } from '../types.js';
import { cleanControls, mergeReports, type CleanReport } from './clean-text.js';
import { decodeBytes } from './decode.js';
import { detectFormat } from './detect-format.js';
import { parseCompactListing } from './parse-compact.js';
import { parsePageDump } from './parse-page-dump.js';
import { parseCsvDump, parseJsonDump, parseJsonLines } from './parse-records.js';
import { createTally, type Tally } from './tally.js';
import { textUnits, type TextUnits } from './text-units.js';

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
  const { encoding, invalidUtf8Line } = decoded.value;
  const encodingDiagnostics = invalidUtf8Line === null ? [] : [messages.notUtf8(file, invalidUtf8Line)];
  const { text, report } = cleanControls(decoded.value.text);
  const units = textUnits(text);
  const format = detectFormat(text, units);
  const tally = parseAs(file, format, text, units);
  tally.controls = mergeReports(report, tally.controls);
  return finish(file, format, encoding, tally, [...encodingDiagnostics, ...tally.diagnostics]);
}

/** `units` are `text`'s, split once for detection and parsing alike. */
function parseAs(file: string, format: DumpFormat, text: string, units: TextUnits): Tally {
  switch (format) {
    case 'page-dump':
    case 'page-dump-with-metadata':
      return parsePageDump(file, units.paragraphs());
    case 'compact-listing':
      return parseCompactListing(file, units.nonBlankLines());
    case 'json':
      return parseJsonDump(file, text);
    case 'jsonl':
      return parseJsonLines(file, text, units.firstLine);
    case 'csv':
      return parseCsvDump(file, text);
    case 'empty': {
      const tally = createTally();
      tally.diagnostics.push(messages.emptyFile(file));
      return tally;
    }
    case 'unknown':
    case 'binary': {
      // Nothing to read; every paragraph is listed as skipped under one diagnostic.
      const tally = createTally();
      const paragraphs = units.paragraphs();
      const diagnostic = messages.unknownFormat(file, paragraphs[0]?.line ?? 1, paragraphs[0]?.text ?? '');
      tally.units = paragraphs.length;
      for (const p of paragraphs)
        tally.skipped.push({ line: p.line, code: diagnostic.code, reason: diagnostic.message });
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
  const { papers, units, boilerplate, used, controls } = tally;
  // Once per file, however many parts or records the characters were found in.
  const cleaned = [
    ...(controls.nul ? [messages.nulBytes(file, controls.nul.firstLine, controls.nul.count)] : []),
    ...(controls.control ? [messages.controlCharacters(file, controls.control.firstLine, controls.control.count)] : []),
  ];
  // In file order, however the parser met them (and however the file was cut into parts).
  const skipped = [...tally.skipped].sort((a, b) => a.line - b.line);
  const ordered = [...diagnostics, ...cleaned].sort((a, b) => (a.place?.line ?? 0) - (b.place?.line ?? 0));
  return { dump: { file, format, encoding, papers, units, boilerplate, used, skipped }, diagnostics: ordered };
}

/** Formats whose records never span a line break: a file in one of them can be read in parts. */
const LINE_FORMATS: ReadonlySet<DumpFormat> = new Set(['jsonl', 'compact-listing']);

export interface DumpParser {
  /** The next part of the file: consecutive bytes ending at a line feed (the last part excepted). */
  push(part: Uint8Array): void;
  finish(): ParseDumpResult;
}

/**
 * Parses one file fed in parts. A UTF-8 file whose first part reads as JSON Lines or a compact
 * listing is parsed part by part, each part's text dropped once its papers are out: memory stays
 * bounded by the part size, and a file longer than the longest string JavaScript can hold is
 * read whole. Other files are gathered and parsed at the end with `parseDump`.
 */
export function createDumpParser(file: string): DumpParser {
  const held: Uint8Array[] = [];
  let streaming: { format: DumpFormat; encoding: string; tally: Tally; diagnostics: Diagnostic[] } | null = null;
  let linesBefore = 0;
  let started = false;

  const parsePart = (part: Uint8Array): void => {
    const decoded = decodeBytes(part);
    const state = streaming!;
    if (decoded.kind === 'binary') {
      // The whole part is one unit: its lines cannot be told apart.
      const line = linesBefore + 1;
      const diagnostic = messages.binaryBlock(file, line, countLineFeeds(part) + 1);
      state.tally.units++;
      state.tally.skipped.push({ line, code: diagnostic.code, reason: diagnostic.message });
      state.diagnostics.push(diagnostic);
      return;
    }
    const { invalidUtf8Line } = decoded.value;
    if (invalidUtf8Line !== null) {
      state.encoding = decoded.value.encoding;
      state.diagnostics.push(messages.notUtf8(file, linesBefore + invalidUtf8Line));
    }
    const cleaned = cleanControls(decoded.value.text, linesBefore + 1);
    parseText(cleaned.text, cleaned.report, textUnits(cleaned.text, linesBefore + 1));
  };
  /** A part's cleaned text, into the file's tally. */
  const parseText = (text: string, report: CleanReport, units: TextUnits): void => {
    const state = streaming!;
    const tally = parseAs(file, state.format, text, units);
    state.tally.controls = mergeReports(state.tally.controls, mergeReports(report, tally.controls));
    state.tally.papers.push(...tally.papers);
    state.tally.skipped.push(...tally.skipped);
    state.diagnostics.push(...tally.diagnostics);
    state.tally.units += tally.units;
    state.tally.boilerplate += tally.boilerplate;
    state.tally.used += tally.used;
  };

  return {
    push(part) {
      if (!started) {
        started = true;
        const decoded = decodeBytes(part);
        // Decoded, cleaned and split once, for detection and, when streamed, parsing alike.
        const cleaned = decoded.kind === 'text' ? cleanControls(decoded.value.text) : null;
        const units = cleaned && textUnits(cleaned.text);
        const format = cleaned && units && detectFormat(cleaned.text, units);
        const utf8 =
          decoded.kind === 'text' && (decoded.value.encoding === 'utf-8' || decoded.value.encoding === 'utf-8-bom');
        if (format && cleaned && units && LINE_FORMATS.has(format) && utf8 && decoded.value.invalidUtf8Line === null) {
          streaming = { format, encoding: decoded.value.encoding, tally: createTally(), diagnostics: [] };
          parseText(cleaned.text, cleaned.report, units);
          linesBefore += countLineFeeds(part);
          return;
        }
      }
      if (streaming) {
        parsePart(part);
        linesBefore += countLineFeeds(part);
      } else {
        held.push(part);
      }
    },
    finish() {
      if (streaming) return finish(file, streaming.format, streaming.encoding, streaming.tally, streaming.diagnostics);
      const bytes = held.length === 1 ? held[0]! : Buffer.concat(held);
      try {
        return parseDump(file, bytes);
      } catch (error) {
        // Only a file beyond the longest string JavaScript can hold gets here (about 512 MB).
        if (!(error instanceof RangeError)) throw error;
        const tally = createTally();
        tally.units = 1;
        const diagnostic = messages.tooLarge(file, Math.round(bytes.byteLength / 2 ** 20));
        tally.skipped.push({ line: 1, code: diagnostic.code, reason: diagnostic.message });
        return finish(file, 'unknown', 'utf-8', tally, [diagnostic]);
      }
    },
  };
}

function countLineFeeds(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
