/**
 * The pipeline, in order: open this file to see all of it.
 *
 *   INPUT files -> ingest (per file) -> corpus
 *     -> tokenize -> tfidf -> lsa -> cluster (k chosen) -> describe -> project   (stages/topics.ts)
 *     -> identify (stable ids) -> compare (with the last run) -> report (charts, HTML, Markdown)
 *     -> outputs (outputs/outputs.ts: one table of every file) -> OUT/
 *
 * Each computing stage wraps one pure `src/` function and has a name and a version (its cache
 * key); `run.ts` calls them in this order. A run's fingerprint covers every step's version, the
 * fully resolved parameters (the defaults of every kernel included), the tool's code and its
 * packages, and every input: any change to what shapes an output makes the next run recompute.
 */
import { CHOOSE_K_DEFAULTS } from '../src/cluster/choose-k.js';
import { KMEANS_DEFAULTS } from '../src/cluster/kmeans.js';
import { UPDATE_DEFAULTS } from '../src/cluster/update-topics.js';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { buildCorpus, type BuildCorpusOptions, type BuildCorpusResult } from '../src/ingest/build-corpus.js';
import type { ParsedDump } from '../src/types.js';
import { LSA_DEFAULTS } from '../src/vectorize/lsa.js';
import { canonicalJson, sha256 } from './stages/canonical-json.js';
import { codeFingerprint } from './stages/code-fingerprint.js';
import type { RunOptions } from './run.js';
import type { Stage } from './stages/stage.js';
import { TOPIC_STAGE_VERSIONS } from './stages/topics.js';

/**
 * Ingest runs per file, reading it a part at a time (`createDumpParser` in src/ingest/parse-dump.ts,
 * driven from ingest.ts); this names and versions it for cache keys.
 */
export const ingestStage = { name: 'ingest', version: 3 } as const;

export const corpusStage: Stage<readonly ParsedDump[], BuildCorpusResult, BuildCorpusOptions> = {
  name: 'corpus',
  version: 1,
  run(dumps, params) {
    const result = buildCorpus(dumps, params);
    return { value: result, diagnostics: result.diagnostics };
  },
};

/** The steps after the topic stages: they read identified topics and write files. */
const LATER_STEPS = { identify: 1, compare: 1, report: 1, outputs: 1 } as const;

/** Every step in order, name -> version. */
const PIPELINE_STEPS: readonly (readonly [string, number])[] = [
  [ingestStage.name, ingestStage.version],
  [corpusStage.name, corpusStage.version],
  ...Object.entries(TOPIC_STAGE_VERSIONS),
  ...Object.entries(LATER_STEPS),
];

/** What a run's outputs depend on; its sha256 is the run's fingerprint. */
interface RunFingerprint {
  readonly tool: string;
  /** sha256 of the tool's code and its packages' versions (code-fingerprint.ts). */
  readonly code: string;
  readonly steps: readonly (readonly [string, number])[];
  readonly params: {
    readonly year: number | null;
    readonly refit: boolean;
    /** The user's topic names, by id. */
    readonly names: readonly (readonly [number, string])[];
    readonly topics: RunOptions['topics'];
    /** Chart images written (`--svg`, `--png`). */
    readonly images: RunOptions['images'];
    /** Kernel settings no option changes, which still shape the result. */
    readonly kernels: {
      readonly lsa: object;
      readonly kmeans: object;
      readonly chooseK: object;
      readonly update: object;
    };
  };
  /** Display path and sha256 of every input, in reading order. */
  readonly inputs: readonly (readonly [string, string])[];
  /** Inputs that could not be read (they change the result by their absence). */
  readonly problems: readonly string[];
}

export async function runFingerprint(
  toolVersion: string,
  options: RunOptions,
  inputs: readonly { readonly display: string; readonly hash: string }[],
  problems: readonly Diagnostic[],
  names: ReadonlyMap<number, string>,
): Promise<string> {
  const fingerprint: RunFingerprint = {
    tool: toolVersion,
    code: await codeFingerprint(),
    steps: PIPELINE_STEPS,
    params: {
      year: options.year,
      refit: options.refit,
      names: [...names.entries()].sort((a, b) => a[0] - b[0]),
      topics: options.topics,
      images: options.images,
      kernels: { lsa: LSA_DEFAULTS, kmeans: KMEANS_DEFAULTS, chooseK: CHOOSE_K_DEFAULTS, update: UPDATE_DEFAULTS },
    },
    inputs: inputs.map((i) => [i.display, i.hash]),
    problems: problems.map(formatDiagnostic),
  };
  return sha256(canonicalJson(fingerprint));
}
