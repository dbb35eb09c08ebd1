/**
 * The pipeline, in order:
 *
 *   seeds/* -> ingest (per file) -> corpus -> [topics: tokenise -> tfidf -> cluster -> project]
 *           -> tables + manifest -> output/
 *
 * Each stage wraps one pure `src/` function; this file only names and versions them.
 */
import { buildCorpus, type BuildCorpusOptions, type BuildCorpusResult } from '../src/ingest/build-corpus.js';
import { parseDump, type ParseDumpResult } from '../src/ingest/parse-dump.js';
import type { ParsedDump } from '../src/types.js';
import type { Stage } from './stage.js';

export interface IngestInput {
  readonly file: string;
  readonly bytes: Uint8Array;
}

export const ingestStage: Stage<IngestInput, ParseDumpResult['dump'], Record<string, never>> = {
  name: 'ingest',
  version: 1,
  run({ file, bytes }) {
    const { dump, diagnostics } = parseDump(file, bytes);
    return { value: dump, diagnostics };
  },
};

export const corpusStage: Stage<readonly ParsedDump[], BuildCorpusResult, BuildCorpusOptions> = {
  name: 'corpus',
  version: 1,
  run(dumps, params) {
    const result = buildCorpus(dumps, params);
    return { value: result, diagnostics: result.diagnostics };
  },
};
