/**
 * `topic-atlas assign`: puts new papers into an existing model's topics without refitting.
 *
 *   1. load and check the model (a bad one stops here, with one line naming the file and field);
 *      read and parse the inputs as `run` does, merge duplicates (an unreadable input is
 *      reported and the rest are still placed)
 *   2. place every paper at its nearest topic
 *   3. write assigned.csv and assigned.md atomically
 */
import { dirname, resolve } from 'node:path';
import { renderAssignedFiles } from '../src/assign/assigned-files.js';
import { placePapers } from '../src/assign/place-papers.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { buildCorpus } from '../src/ingest/build-corpus.js';
import { messages } from '../src/messages.js';
import type { ParsedDump } from '../src/types.js';
import { resolveInputs } from './io/inputs.js';
import { loadModel } from './outputs/model-file.js';
import { writeOutputDir } from './io/output-dir.js';
import { RunRecord } from './stages/run-record.js';
import { checkOutputTarget, isOutputFolder } from './io/output-guard.js';
import { lockOutput } from './io/output-lock.js';
import { parseFile } from './io/read-parts.js';
import { paperText } from './stages/topics.js';

export interface AssignOptions {
  readonly inputs: readonly string[];
  readonly model: string;
  readonly out: string;
  readonly year: number | null;
}

export interface AssignSummary {
  readonly exitCode: 0 | 1;
  readonly papers: number;
  readonly misfits: number;
  readonly perTopic: ReadonlyMap<number, number>;
}

/** Places the inputs' papers and writes the files; null (after logging why) when the model is unusable. */
export async function assignPapers(options: AssignOptions, log: (line: string) => void): Promise<AssignSummary | null> {
  const record = new RunRecord(log);
  const report = (found: readonly Diagnostic[]): void => record.report(found);
  // 1. Model and inputs; the output folder is replaced whole, so it must be assign's own.
  await checkOutputTarget(options.out, options.inputs, 'assign');
  const loaded = await loadModel(options.model);
  if ('problem' in loaded) {
    report([loaded.problem]);
    return null;
  }
  const { model } = loaded;
  const { files, diagnostics: inputProblems } = await resolveInputs(options.inputs, [options.out]);
  report(inputProblems);
  const dumps: ParsedDump[] = [];
  for (const file of files) {
    try {
      const { dump, diagnostics: found } = await parseFile(file.path, file.display);
      report(found);
      dumps.push(dump);
    } catch (error) {
      // A file that resolved but cannot be opened or read (a socket, no permission, gone since).
      const code = (error as NodeJS.ErrnoException).code;
      if (code === undefined) throw error;
      report([messages.unreadableFile(file.display, code)]);
    }
  }
  const { corpus, diagnostics: corpusProblems } = buildCorpus(dumps, { year: options.year });
  report(corpusProblems);

  // 2. Placement.
  const placements = placePapers(model, corpus.papers.map(paperText));

  // 3. Files.
  const assigned = renderAssignedFiles(corpus.papers, placements, model.labels, model.minSimilarity, options.model);
  // Inside a run's output folder (the default, output/assigned) a run could swap the folder while
  // assign writes, so assign holds the run folder's lock; elsewhere its own folder's.
  const parent = dirname(resolve(options.out));
  const release = await lockOutput((await isOutputFolder(parent)) ? parent : options.out);
  try {
    await writeOutputDir(
      options.out,
      new Map([
        ['assigned.csv', assigned.csv],
        ['assigned.md', assigned.markdown],
      ]),
    );
  } finally {
    await release();
  }
  return {
    exitCode: record.exitCode,
    papers: corpus.papers.length,
    misfits: assigned.misfits,
    perTopic: assigned.perTopic,
  };
}
