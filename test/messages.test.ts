import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { messages, type MessageName } from '../src/messages.js';

const F = 'seeds/dump.txt';
const LONG_TITLE = 'Scaling Laws for Neural Language Models Revisited at Scale';

/** Every catalogue entry, called once, with the exact line it renders. */
const PINNED: Record<MessageName, readonly [Diagnostic, string][]> = {
  inputNotFound: [
    [messages.inputNotFound('missing.txt'), 'error missing.txt:1 No such file or folder [input-not-found]'],
  ],
  unreadableInput: [
    [messages.unreadableInput('locked', 'EACCES'), 'error locked:1 Cannot read this input (EACCES) [unreadable-input]'],
  ],
  unreadableFile: [
    [messages.unreadableFile(F, 'EACCES'), `error ${F}:1 Cannot read this file (EACCES) [unreadable-input]`],
  ],
  unreadableFolder: [
    [
      messages.unreadableFolder('seeds/locked', 'EACCES'),
      'error seeds/locked:1 Cannot read this folder (EACCES); its files are skipped [unreadable-input]',
    ],
  ],
  symlinkLoop: [
    [
      messages.symlinkLoop('seeds/self'),
      'warning seeds/self:1 This link leads to itself (ELOOP); skipped [symlink-loop]',
    ],
  ],
  symlinkToAncestor: [
    [
      messages.symlinkToAncestor('seeds/sub/up', 'seeds'),
      'warning seeds/sub/up:1 This link leads back to "seeds", a folder already being read; not followed [symlink-loop]',
    ],
  ],
  brokenLink: [
    [
      messages.brokenLink('seeds/gone', 'nowhere.txt'),
      'warning seeds/gone:1 This link points to "nowhere.txt", which does not exist; skipped [broken-link]',
    ],
  ],
  notARegularFile: [
    [
      messages.notARegularFile('seeds/pipe', 'a FIFO'),
      'warning seeds/pipe:1 Not a regular file (a FIFO); skipped [not-a-regular-file]',
    ],
  ],
  emptyFile: [[messages.emptyFile(F), `warning ${F}:1 The file is empty; nothing to read [empty-file]`]],
  binaryFile: [
    [
      messages.binaryFile('seeds/photo.png', 1),
      'error seeds/photo.png:1 The file looks binary (control bytes), not a text dump; skipped whole [binary-file]',
    ],
  ],
  binaryBlock: [
    [
      messages.binaryBlock(F, 1201, 37),
      `error ${F}:1201 37 lines from here look binary (control bytes), not text; skipped [binary-block]`,
    ],
  ],
  nulBytes: [
    [
      messages.nulBytes(F, 9, 1),
      `warning ${F}:9 Found a NUL byte (binary, not text); replaced it by a space, the text around kept [binary-block]`,
    ],
    [
      messages.nulBytes(F, 9, 3),
      `warning ${F}:9 Found 3 NUL bytes (binary, not text), the first on this line; replaced them by spaces, the text around kept [binary-block]`,
    ],
  ],
  controlCharacters: [
    [
      messages.controlCharacters(F, 3, 1),
      `warning ${F}:3 Replaced a control character by a space [control-characters]`,
    ],
    [
      messages.controlCharacters(F, 7, 2),
      `warning ${F}:7 Replaced 2 control characters by spaces, the first on this line [control-characters]`,
    ],
  ],
  tooLarge: [
    [
      messages.tooLarge('crawl.json', 600),
      'error crawl.json:1 The file (600 MB) is too large to read whole, and only JSON Lines and compact listings are read in parts; split it into smaller files [file-too-large]',
    ],
  ],
  notUtf8: [
    [
      messages.notUtf8(F, 11),
      `warning ${F}:11 The file is not valid UTF-8; read it as Windows-1252 instead [not-utf8]`,
    ],
  ],
  unknownFormat: [
    [
      messages.unknownFormat(F, 1, 'just a short line\nanother short line'),
      `error ${F}:1 Could not recognise the format of this file (it starts with "just a short line another short line"); skipped whole [unknown-format]`,
    ],
  ],
  missingAbstract: [
    [
      messages.missingAbstract(F, 212, LONG_TITLE),
      `warning ${F}:212 Expected an abstract after the title "Scaling Laws for Neural Language Models…"; skipped [missing-abstract]`,
    ],
  ],
  orphanAbstract: [
    [
      messages.orphanAbstract(F, 5, 'We study things.'),
      `warning ${F}:5 Found text with no title before it: "We study things."; skipped [orphan-text]`,
    ],
  ],
  truncatedPaper: [
    [
      messages.truncatedPaper(F, 9, LONG_TITLE),
      `warning ${F}:9 The abstract of "Scaling Laws for Neural Language Models…" stops mid-sentence at the end of the file; kept as it is [truncated-paper]`,
    ],
  ],
  unparsedLine: [
    [
      messages.unparsedLine(F, 4, 'lorem ipsum'),
      `warning ${F}:4 Could not read a paper from the line "lorem ipsum"; skipped [unparsed-line]`,
    ],
  ],
  strayMetadata: [
    [
      messages.strayMetadata(F, 6, '• 3 authors'),
      `warning ${F}:6 Found paper metadata with no paper before it: "• 3 authors"; skipped [stray-metadata]`,
    ],
  ],
  badDate: [
    [
      messages.badDate(F, 8, 'Foo 99'),
      `warning ${F}:8 Could not read the date "Foo 99"; the paper is kept without a date [bad-date]`,
    ],
  ],
  invalidRecord: [
    [
      messages.invalidRecord('a.jsonl', 4, 'it has no title and no abstract'),
      'warning a.jsonl:4 Skipped a record: it has no title and no abstract [invalid-record]',
    ],
  ],
  untitledRecord: [
    [
      messages.untitledRecord('a.jsonl', 1, 'arXiv:2401.01234', 'id'),
      'warning a.jsonl:1 The record has no title; named it "arXiv:2401.01234" after its id [untitled-record]',
    ],
    [
      messages.untitledRecord('a.jsonl', 2, 'Large language models are', 'first words'),
      'warning a.jsonl:2 The record has no title; named it "Large language models are" after its first words [untitled-record]',
    ],
  ],
  invalidJson: [
    [
      messages.invalidJson('a.json', 1, 'Unexpected end of JSON input'),
      'error a.json:1 The JSON cannot be parsed (Unexpected end of JSON input); skipped whole [invalid-json]',
    ],
  ],
  yearUnknown: [
    [
      messages.yearUnknown(F, 3),
      `warning ${F}:3 Dates without a year, and no dated paper to infer the year from; pass --year to date them [year-unknown]`,
    ],
  ],
  tooFewPapers: [[messages.tooFewPapers(1), 'warning Found 1 papers; topics need at least 2 [too-few-papers]']],
  guideUnmatched: [
    [
      messages.guideUnmatched('RLHF', ['reward model', 'preference']),
      'warning The seed topic "RLHF" (reward model, preference) guides nothing: none of its words is a term here (in at least 2 papers and at most half of them, not a stop word) [guide-unmatched]',
    ],
  ],
  guidesOverK: [
    [
      messages.guidesOverK(2, ['RLHF', 'Model merging']),
      'warning 2 topics leave room for 2 seed topics; "RLHF", "Model merging" guide nothing (raise --k) [guides-over-k]',
    ],
  ],
  tooFewTerms: [
    [
      messages.tooFewTerms(4),
      'warning No term occurs in at least 2 and at most half of the 4 papers, so nothing tells them apart; no topics this time [too-few-terms]',
    ],
  ],
  topicsDrifted: [
    [
      messages.topicsDrifted(1.234),
      'warning The updated topics fit the papers 23% worse than a fresh fit would; run with --refit to fit them afresh [topics-drifted]',
    ],
  ],
  invalidNames: [
    [
      messages.invalidNames('topic-atlas.names.json', '"x" is not a topic id'),
      'warning topic-atlas.names.json:1 Cannot use the topic names ("x" is not a topic id); topics keep their labels [invalid-names]',
    ],
  ],
  previousRunUnreadable: [
    [
      messages.previousRunUnreadable('0002-1a2b3c4d'),
      'warning The previous run 0002-1a2b3c4d could not be read; no comparison this time [previous-run-unreadable]',
    ],
  ],
  chartFailed: [
    [
      messages.chartFailed('topic-map', 'boom'),
      'warning The chart topic-map could not be drawn (boom); its spec is kept [chart-failed]',
    ],
  ],
  modelNotFound: [
    [
      messages.modelNotFound('output/model.json'),
      'error output/model.json: no such file (`topic-atlas run` writes one) [unreadable-model]',
    ],
  ],
  modelUnreadable: [
    [messages.modelUnreadable('m.json', 'EACCES'), 'error m.json: cannot be read (EACCES) [unreadable-model]'],
  ],
  modelNotJson: [
    [
      messages.modelNotJson('m.json', 'Unexpected token'),
      'error m.json: is not JSON (Unexpected token) [unreadable-model]',
    ],
  ],
  invalidModel: [
    [messages.invalidModel('m.json', 'version is not 2'), 'error m.json: version is not 2 [invalid-model]'],
  ],
};

describe('the message catalogue', () => {
  it('pins a line for every entry, and no line for an entry it lacks', () => {
    expect(Object.keys(PINNED).sort()).toEqual(Object.keys(messages).sort());
  });

  for (const [name, cases] of Object.entries(PINNED)) {
    it.each(cases)(`${name} renders %#`, (diagnostic, line) => {
      expect(formatDiagnostic(diagnostic)).toBe(line);
    });
  }

  it('gives every diagnostic a kebab-case code and a one-line message', () => {
    for (const [diagnostic] of Object.values(PINNED).flat()) {
      expect(diagnostic.code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(diagnostic.message).not.toMatch(/\n/);
    }
  });
});
