/**
 * Every diagnostic the tool reports, in one catalogue, so codes and wording stay consistent (as
 * vega-lite's `log/message.ts`). Each entry is a typed function: the place and the facts in, one
 * `Diagnostic` out. `test/messages.test.ts` pins the rendered line of every entry.
 */
import { quote, type Diagnostic } from './diagnostics.js';
import type { SourcePlace } from './types.js';

/** A place in an input; line 1 when the diagnostic concerns the file or folder as a whole. */
const at = (file: string, line = 1): SourcePlace => ({ file, line });

function warning(code: string, message: string, place?: SourcePlace): Diagnostic {
  return place === undefined ? { severity: 'warning', code, message } : { severity: 'warning', code, message, place };
}

function error(code: string, message: string, place?: SourcePlace): Diagnostic {
  return place === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, place };
}

/** The singular sentence for one, the plural for any other count. */
const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

export const messages = {
  // Inputs: the files and folders named on the command line, before any is parsed. Placed at
  // line 1 of the path concerned.

  /** A path named on the command line does not exist. */
  inputNotFound: (file: string): Diagnostic => error('input-not-found', 'No such file or folder', at(file)),
  /** A path could not be examined (`stat` failed for a reason other than its absence). */
  unreadableInput: (file: string, reason: string): Diagnostic =>
    error('unreadable-input', `Cannot read this input (${reason})`, at(file)),
  /** A listed file could not be opened or read. */
  unreadableFile: (file: string, reason: string): Diagnostic =>
    error('unreadable-input', `Cannot read this file (${reason})`, at(file)),
  /** A folder could not be listed; none of its files are read. */
  unreadableFolder: (file: string, reason: string): Diagnostic =>
    error('unreadable-input', `Cannot read this folder (${reason}); its files are skipped`, at(file)),
  /** A link that resolves to itself (ELOOP). */
  symlinkLoop: (file: string): Diagnostic =>
    warning('symlink-loop', 'This link leads to itself (ELOOP); skipped', at(file)),
  /** A link back to a folder being read above it. `ancestor`: that folder as displayed. */
  symlinkToAncestor: (file: string, ancestor: string): Diagnostic =>
    warning(
      'symlink-loop',
      `This link leads back to "${ancestor}", a folder already being read; not followed`,
      at(file),
    ),
  /** A link whose target does not exist. */
  brokenLink: (file: string, target: string): Diagnostic =>
    warning('broken-link', `This link points to "${target}", which does not exist; skipped`, at(file)),
  /** A FIFO, socket or device; never opened. `kind`: e.g. `a FIFO`. */
  notARegularFile: (file: string, kind: string): Diagnostic =>
    warning('not-a-regular-file', `Not a regular file (${kind}); skipped`, at(file)),

  // Bytes: what a file holds before its format is known (encoding, binary content, size).

  /** The file has no text at all. */
  emptyFile: (file: string): Diagnostic => warning('empty-file', 'The file is empty; nothing to read', at(file)),
  /** The whole file is binary; nothing is read from it. */
  binaryFile: (file: string, line: number): Diagnostic =>
    error('binary-file', 'The file looks binary (control bytes), not a text dump; skipped whole', at(file, line)),
  /** A binary stretch of `lines` lines inside a file read in parts; the rest is read. */
  binaryBlock: (file: string, line: number, lines: number): Diagnostic =>
    error('binary-block', `${lines} lines from here look binary (control bytes), not text; skipped`, at(file, line)),
  /** `count` NUL bytes, the first on `line`, replaced by spaces. */
  nulBytes: (file: string, line: number, count: number): Diagnostic =>
    warning(
      'binary-block',
      plural(
        count,
        'Found a NUL byte (binary, not text); replaced it by a space, the text around kept',
        `Found ${count} NUL bytes (binary, not text), the first on this line; replaced them by spaces, the text around kept`,
      ),
      at(file, line),
    ),
  /** `count` other control characters, the first on `line`, replaced by spaces. */
  controlCharacters: (file: string, line: number, count: number): Diagnostic =>
    warning(
      'control-characters',
      plural(
        count,
        'Replaced a control character by a space',
        `Replaced ${count} control characters by spaces, the first on this line`,
      ),
      at(file, line),
    ),
  /** A file too large to hold as one string, in a format that is not read in parts. */
  tooLarge: (file: string, megabytes: number): Diagnostic =>
    error(
      'file-too-large',
      `The file (${megabytes} MB) is too large to read whole, and only JSON Lines and compact listings are read in parts; split it into smaller files`,
      at(file),
    ),
  /** Bytes that are not UTF-8 from `line` on; the file is read as Windows-1252. */
  notUtf8: (file: string, line: number): Diagnostic =>
    warning('not-utf8', 'The file is not valid UTF-8; read it as Windows-1252 instead', at(file, line)),
  /** No format recognised; `sample` is the file's first paragraph. */
  unknownFormat: (file: string, line: number, sample: string): Diagnostic =>
    error(
      'unknown-format',
      `Could not recognise the format of this file (it starts with ${quote(sample)}); skipped whole`,
      at(file, line),
    ),

  // Page dumps and compact listings: a paragraph or line that does not make a paper.

  /** A title with no abstract after it. */
  missingAbstract: (file: string, line: number, title: string): Diagnostic =>
    warning('missing-abstract', `Expected an abstract after the title ${quote(title)}; skipped`, at(file, line)),
  /** Prose with no title before it. */
  orphanAbstract: (file: string, line: number, text: string): Diagnostic =>
    warning('orphan-text', `Found text with no title before it: ${quote(text)}; skipped`, at(file, line)),
  /** The file ends inside an abstract; the paper is kept. */
  truncatedPaper: (file: string, line: number, title: string): Diagnostic =>
    warning(
      'truncated-paper',
      `The abstract of ${quote(title)} stops mid-sentence at the end of the file; kept as it is`,
      at(file, line),
    ),
  /** A compact-listing line (or its tail) that is not a paper. */
  unparsedLine: (file: string, line: number, text: string): Diagnostic =>
    warning('unparsed-line', `Could not read a paper from the line ${quote(text)}; skipped`, at(file, line)),
  /** Authors / date lines with no paper before them. */
  strayMetadata: (file: string, line: number, text: string): Diagnostic =>
    warning('stray-metadata', `Found paper metadata with no paper before it: ${quote(text)}; skipped`, at(file, line)),
  /** A date that cannot be read; the paper is kept undated. */
  badDate: (file: string, line: number, text: string): Diagnostic =>
    warning('bad-date', `Could not read the date ${quote(text)}; the paper is kept without a date`, at(file, line)),

  // JSON, JSON Lines and CSV records.

  /** A record skipped; `why` completes the sentence, e.g. `it has no title and no abstract`. */
  invalidRecord: (file: string, line: number, why: string): Diagnostic =>
    warning('invalid-record', `Skipped a record: ${why}`, at(file, line)),
  /** A record with no title, named after its id or the first words of its abstract. */
  untitledRecord: (file: string, line: number, title: string, source: 'id' | 'first words'): Diagnostic =>
    warning('untitled-record', `The record has no title; named it ${quote(title)} after its ${source}`, at(file, line)),
  /** A JSON file that does not parse; `why` is the parser's message. */
  invalidJson: (file: string, line: number, why: string): Diagnostic =>
    error('invalid-json', `The JSON cannot be parsed (${why}); skipped whole`, at(file, line)),

  // The corpus: all papers of a run together.

  /** Yearless dates with no printed year to infer theirs from; at the file's first such paper. */
  yearUnknown: (file: string, line: number): Diagnostic =>
    warning(
      'year-unknown',
      'Dates without a year, and no dated paper to infer the year from; pass --year to date them',
      at(file, line),
    ),

  // Topics: why a run has none.

  /** Fewer than two papers. */
  tooFewPapers: (papers: number): Diagnostic =>
    warning('too-few-papers', `Found ${papers} papers; topics need at least 2`),
  /** No term tells the papers apart. */
  tooFewTerms: (papers: number): Diagnostic =>
    warning(
      'too-few-terms',
      `No term occurs in at least 2 and at most half of the ${papers} papers, so nothing tells them apart; no topics this time`,
    ),
  /** A guided topic (--seed-topics) none of whose seed terms is in the vocabulary; it gets no start. */
  guideUnmatched: (name: string, terms: readonly string[]): Diagnostic =>
    warning(
      'guide-unmatched',
      `The seed topic "${name}" (${terms.join(', ')}) guides nothing: none of its words is a term here (in at least 2 papers and at most half of them, not a stop word)`,
    ),
  /** More seed topics than topics: those beyond k get no start. */
  guidesOverK: (k: number, names: readonly string[]): Diagnostic =>
    warning(
      'guides-over-k',
      `${k} topics leave room for ${k} seed topics; ${names.map((n) => `"${n}"`).join(', ')} guide nothing (raise --k)`,
    ),
  /** Updated topics fit today's papers markedly worse than a fresh fit. `ratio`: update's objective / fresh fit's. */
  topicsDrifted: (ratio: number): Diagnostic =>
    warning(
      'topics-drifted',
      `The updated topics fit the papers ${Math.round((ratio - 1) * 100)}% worse than a fresh fit would; run with --refit to fit them afresh`,
    ),

  // History and report: the run's own outputs.

  /** The topic names file is not a JSON object of topic id -> name; `reason` says where. */
  invalidNames: (file: string, reason: string): Diagnostic =>
    warning('invalid-names', `Cannot use the topic names (${reason}); topics keep their labels`, at(file)),
  /** The last run's record cannot be read, so there is nothing to compare with. */
  previousRunUnreadable: (runId: string): Diagnostic =>
    warning('previous-run-unreadable', `The previous run ${runId} could not be read; no comparison this time`),
  /** A chart could not be rendered to pictures; `reason` is the renderer's first line. */
  chartFailed: (chart: string, reason: string): Diagnostic =>
    warning('chart-failed', `The chart ${chart} could not be drawn (${reason}); its spec is kept`),

  // The model file read by `assign`. Unplaced: the path leads the message.

  /** `model.json` does not exist. */
  modelNotFound: (path: string): Diagnostic =>
    error('unreadable-model', `${path}: no such file (\`topic-atlas run\` writes one)`),
  /** `model.json` exists but cannot be read; `reason` is the error code or message. */
  modelUnreadable: (path: string, reason: string): Diagnostic =>
    error('unreadable-model', `${path}: cannot be read (${reason})`),
  /** `model.json` is not JSON; `why` is the parser's message. */
  modelNotJson: (path: string, why: string): Diagnostic => error('unreadable-model', `${path}: is not JSON (${why})`),
  /** `model.json` does not match the schema; `problem` names the field and what is wrong. */
  invalidModel: (path: string, problem: string): Diagnostic => error('invalid-model', `${path}: ${problem}`),
} as const;

/** The catalogue's entry names, e.g. `missingAbstract`. */
export type MessageName = keyof typeof messages;
