/**
 * `topic-atlas run`: read the inputs, run the stages of `stages.ts`, write `output/` atomically.
 *
 *   1. resolve INPUT paths to files
 *   2. ingest each file (decode, detect format, parse)
 *   3. build the corpus (dates, de-duplication)
 *   4. render tables and the manifest, and swap them into the output folder
 */
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import type { ParsedDump } from '../src/types.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import { resolveInputs } from './inputs.js';
import { writeOutputDir } from './output-dir.js';
import { renderPapersCsv } from './papers-table.js';
import { runStage, type StageTiming } from './stage.js';
import { corpusStage, ingestStage } from './stages.js';

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  /** Year for dates printed without one; null to infer it. */
  readonly year: number | null;
}

export interface RunSummary {
  readonly exitCode: 0 | 1;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: number;
  readonly rawPapers: number;
  readonly papers: number;
  readonly duplicatesMerged: number;
  readonly skipped: number;
}

export async function runPipeline(options: RunOptions, toolVersion: string, log: (line: string) => void): Promise<RunSummary> {
  const timings: StageTiming[] = [];
  const diagnostics: Diagnostic[] = [];
  const report = (found: readonly Diagnostic[]): void => {
    for (const d of found) {
      diagnostics.push(d);
      log(formatDiagnostic(d));
    }
  };

  // 1. Inputs.
  const { files, diagnostics: inputProblems } = await resolveInputs(options.inputs, [options.out]);
  report(inputProblems);

  // 2. Ingest, file by file.
  const dumps: ParsedDump[] = [];
  const hashes = new Map<string, string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file.path);
    } catch (error) {
      report([{ severity: 'error', code: 'unreadable-input', message: `Cannot read this file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, place: { file: file.display, line: 1 } }]);
      continue;
    }
    const hash = sha256(bytes);
    hashes.set(file.display, hash);
    const result = runStage(ingestStage, { file: file.display, bytes }, {}, hash, timings);
    report(result.diagnostics);
    dumps.push(result.value);
  }

  // 3. Corpus.
  const corpusParams = { year: options.year };
  const corpusResult = runStage(corpusStage, dumps, corpusParams, sha256(canonicalJson(dumps)), timings);
  report(corpusResult.diagnostics);
  const { corpus, listingYear, duplicatesByFile } = corpusResult.value;

  // 4. Outputs.
  const outputs = new Map<string, string>();
  outputs.set('papers.csv', await renderPapersCsv(corpus.papers));
  const manifest = {
    tool: { name: 'topic-atlas', version: toolVersion },
    options: { inputs: options.inputs, out: options.out, year: options.year },
    listingYear,
    inputs: dumps.map((d) => ({
      path: d.file,
      sha256: hashes.get(d.file),
      format: d.format,
      encoding: d.encoding,
      papers: d.papers.length,
      duplicates: duplicatesByFile[d.file] ?? 0,
      units: d.units,
      boilerplate: d.boilerplate,
      used: d.used,
      skipped: d.skipped,
    })),
    corpus: { papers: corpus.papers.length, duplicatesMerged: corpus.duplicatesMerged },
    diagnostics: diagnostics.map(formatDiagnostic),
    timings,
  };
  outputs.set('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  await writeOutputDir(options.out, outputs);

  const skipped = dumps.reduce((n, d) => n + d.skipped.length, 0);
  return {
    exitCode: diagnostics.some((d) => d.severity === 'error') ? 1 : 0,
    diagnostics,
    files: files.length,
    rawPapers: dumps.reduce((n, d) => n + d.papers.length, 0),
    papers: corpus.papers.length,
    duplicatesMerged: corpus.duplicatesMerged,
    skipped,
  };
}
