/** Every ingest diagnostic in one place, so codes and wording stay consistent. */
import { quote, type Diagnostic } from '../diagnostics.js';

type Make = (file: string, line: number, ...args: string[]) => Diagnostic;

function warning(code: string, message: string, file: string, line: number): Diagnostic {
  return { severity: 'warning', code, message, place: { file, line } };
}

function error(code: string, message: string, file: string, line: number): Diagnostic {
  return { severity: 'error', code, message, place: { file, line } };
}

export const messages = {
  emptyFile: ((file) => warning('empty-file', 'The file is empty; nothing to read', file, 1)) as Make,
  binaryFile: ((file, line) =>
    error('binary-file', 'The file looks binary (control bytes), not a text dump; skipped whole', file, line)) as Make,
  binaryBlock: ((file, line, lines) =>
    error('binary-block', `${lines} lines from here look binary (control bytes), not text; skipped`, file, line)) as Make,
  nulBytes: ((file, line, count) =>
    warning(
      'binary-block',
      count === '1'
        ? 'Found a NUL byte (binary, not text); replaced it by a space, the text around kept'
        : `Found ${count} NUL bytes (binary, not text), the first on this line; replaced them by spaces, the text around kept`,
      file,
      line,
    )) as Make,
  controlCharacters: ((file, line, count) =>
    warning(
      'control-characters',
      count === '1'
        ? 'Replaced a control character by a space'
        : `Replaced ${count} control characters by spaces, the first on this line`,
      file,
      line,
    )) as Make,
  tooLarge: ((file, line, size) =>
    error(
      'file-too-large',
      `The file (${size}) is too large to read whole, and only JSON Lines and compact listings are read in parts; split it into smaller files`,
      file,
      line,
    )) as Make,
  unknownFormat: ((file, line, sample) =>
    error(
      'unknown-format',
      `Could not recognise the format of this file (it starts with ${quote(sample ?? '')}); skipped whole`,
      file,
      line,
    )) as Make,
  notUtf8: ((file, line) =>
    warning('not-utf8', 'The file is not valid UTF-8; read it as Windows-1252 instead', file, line)) as Make,
  missingAbstract: ((file, line, title) =>
    warning('missing-abstract', `Expected an abstract after the title ${quote(title ?? '')}; skipped`, file, line)) as Make,
  orphanAbstract: ((file, line, text) =>
    warning('orphan-text', `Found text with no title before it: ${quote(text ?? '')}; skipped`, file, line)) as Make,
  truncatedPaper: ((file, line, title) =>
    warning(
      'truncated-paper',
      `The abstract of ${quote(title ?? '')} stops mid-sentence at the end of the file; kept as it is`,
      file,
      line,
    )) as Make,
  unparsedLine: ((file, line, text) =>
    warning('unparsed-line', `Could not read a paper from the line ${quote(text ?? '')}; skipped`, file, line)) as Make,
  strayMetadata: ((file, line, text) =>
    warning('stray-metadata', `Found paper metadata with no paper before it: ${quote(text ?? '')}; skipped`, file, line)) as Make,
  badDate: ((file, line, text) =>
    warning('bad-date', `Could not read the date ${quote(text ?? '')}; the paper is kept without a date`, file, line)) as Make,
  yearUnknown: ((file, line) =>
    warning(
      'year-unknown',
      'Dates without a year, and no dated paper to infer the year from; pass --year to date them',
      file,
      line,
    )) as Make,
  invalidRecord: ((file, line, why) =>
    warning('invalid-record', `Skipped a record: ${why ?? ''}`, file, line)) as Make,
  untitledRecord: ((file, line, title, source) =>
    warning('untitled-record', `The record has no title; named it ${quote(title ?? '')} after its ${source ?? 'id'}`, file, line)) as Make,
  invalidJson: ((file, line, why) =>
    error('invalid-json', `The JSON cannot be parsed (${why ?? ''}); skipped whole`, file, line)) as Make,
};
