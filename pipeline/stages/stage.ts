/** The stage contract: a named, versioned, pure step whose cache key is a hash of what it depends on. */
import type { Diagnostic } from '../../src/diagnostics.js';
import { NO_PROGRESS, type ProgressSink } from '../../src/progress.js';
import type { ProgressReporter } from '../io/progress.js';
import { canonicalJson, sha256 } from './canonical-json.js';

export interface StageResult<Out> {
  readonly value: Out;
  readonly diagnostics: readonly Diagnostic[];
}

/** A stage's result with its cache key, which is also the input hash of the stage after it. */
export interface KeyedResult<Out> extends StageResult<Out> {
  readonly key: string;
}

export interface Stage<In, Out, Params> {
  /** kebab-case; also the cache folder's name. */
  readonly name: string;
  /** Bump when the logic changes, so old cache entries stop matching. */
  readonly version: number;
  run(input: In, params: Params, progress: ProgressSink): StageResult<Out>;
}

/** sha256 of canonical JSON of `{stage, version, params, inputHash}`. */
export function stageCacheKey(
  stage: Pick<Stage<never, unknown, unknown>, 'name' | 'version'>,
  params: unknown,
  inputHash: string,
): string {
  return sha256(canonicalJson({ stage: stage.name, version: stage.version, params, inputHash }));
}

export interface StageTiming {
  readonly stage: string;
  readonly key: string;
  readonly ms: number;
  /** Resident memory when the stage ended (MiB): where a run's memory goes. */
  readonly rssMiB: number;
}

/** Runs a stage, recording its time and cache key, and showing its progress when a reporter is given. */
export function runStage<In, Out, Params>(
  stage: Stage<In, Out, Params>,
  input: In,
  params: Params,
  inputHash: string,
  timings: StageTiming[],
  reporter?: ProgressReporter,
): KeyedResult<Out> {
  const started = performance.now();
  const progress = reporter?.stage(stage.name);
  const result = stage.run(input, params, progress ?? NO_PROGRESS);
  progress?.finish();
  const key = stageCacheKey(stage, params, inputHash);
  timings.push(measured(stage.name, key, started));
  return { ...result, key };
}

/** The timing of a step that began at `started` (a `performance.now()` reading) and ends now. */
export function measured(stage: string, key: string, started: number): StageTiming {
  return {
    stage,
    key,
    ms: Math.round(performance.now() - started),
    rssMiB: Math.round(process.memoryUsage.rss() / 2 ** 20),
  };
}
