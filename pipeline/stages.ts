/**
 * The pipeline, in order:
 *
 *   seeds/* -> ingest (per file) -> corpus -> [topics: tokenise -> tfidf -> cluster -> project]
 *           -> tables + manifest -> output/
 *
 * Each stage wraps one pure `src/` function; this file only names and versions them.
 */
import { buildCorpus, type BuildCorpusOptions, type BuildCorpusResult } from '../src/ingest/build-corpus.js';
import type { ParsedDump } from '../src/types.js';
import type { Stage } from './stage.js';

/**
 * Ingest runs per file, reading it a part at a time (`createDumpParser` in src/ingest/parse-dump.ts,
 * driven from run.ts); this names and versions it for cache keys and the run fingerprint.
 */
export const ingestStage = { name: 'ingest', version: 2 } as const;

export const corpusStage: Stage<readonly ParsedDump[], BuildCorpusResult, BuildCorpusOptions> = {
  name: 'corpus',
  version: 1,
  run(dumps, params) {
    const result = buildCorpus(dumps, params);
    return { value: result, diagnostics: result.diagnostics };
  },
};
