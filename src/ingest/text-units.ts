/** Splitting decoded text into the units parsers work on: lines and blank-line-separated paragraphs. */
import { collapseSpaces } from './clean-text.js';

export interface TextLine {
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
}

export interface Paragraph {
  /** 1-based line of the paragraph's first line. */
  readonly line: number;
  readonly lines: readonly string[];
  /** The lines trimmed and joined with single spaces. */
  readonly text: string;
}

/** Every line, with CRLF, CR and LF all treated as line ends; the first is line `firstLine`. */
export function splitLines(text: string, firstLine = 1): TextLine[] {
  return text.split(/\r\n|\r|\n/).map((value, i) => ({ line: firstLine + i, text: value }));
}

/** Lines that hold anything but whitespace. */
export function nonBlankLines(text: string, firstLine = 1): TextLine[] {
  return splitLines(text, firstLine).filter((l) => l.text.trim() !== '');
}

/** Maximal runs of non-blank lines; the first line is line `firstLine`. */
export function splitParagraphs(text: string, firstLine = 1): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    paragraphs.push({
      line: start,
      lines,
      text: collapseSpaces(lines.map((l) => l.trim()).join(' ')),
    });
    lines = [];
  };
  for (const { line, text: value } of splitLines(text, firstLine)) {
    if (value.trim() === '') {
      flush();
    } else {
      if (lines.length === 0) start = line;
      lines.push(value);
    }
  }
  flush();
  return paragraphs;
}

/** A text's non-blank lines and paragraphs, each split once however many readers ask. */
export interface TextUnits {
  /** The line number of the text's first line (a part of a file starts past line 1). */
  readonly firstLine: number;
  nonBlankLines(): TextLine[];
  paragraphs(): Paragraph[];
}

export function textUnits(text: string, firstLine = 1): TextUnits {
  let lines: TextLine[] | undefined;
  let paragraphs: Paragraph[] | undefined;
  return {
    firstLine,
    nonBlankLines: () => (lines ??= nonBlankLines(text, firstLine)),
    paragraphs: () => (paragraphs ??= splitParagraphs(text, firstLine)),
  };
}
