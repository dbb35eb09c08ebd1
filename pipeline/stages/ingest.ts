/** Ingest: every input file parsed into a dump, from the stage cache when the file was seen before. */
import type { Diagnostic } from '../../src/diagnostics.js';
import type { ParseDumpResult } from '../../src/ingest/parse-dump.js';
import type { ParsedDump } from '../../src/types.js';
import type { StageCache } from './cache.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import type { KernelPool } from '../parallel/kernel-pool.js';
import type { ProgressReporter } from '../io/progress.js';
import { parseFileTimed } from '../io/read-parts.js';
import { codeFingerprint } from './code-fingerprint.js';
import { measured, stageCacheKey, type StageTiming } from './stage.js';
import { ingestStage } from '../stages.js';

/**
 * The inputs' dumps, in input order, and their ingest cache keys. Files not in the cache are
 * parsed by two lanes when there is a worker (each takes the next file when it is free), by one
 * otherwise. The manifest gets one `ingest` timing for the whole step and a `parse` timing per
 * file parsed.
 */
export async function ingest(
  inputs: readonly { display: string; path: string; hash: string }[],
  cache: StageCache,
  /** The kernel pool as it starts (its lane begins once it has), or null for one lane. */
  pool: Promise<KernelPool> | null,
  timings: StageTiming[],
  report: (found: readonly Diagnostic[]) => void,
  reporter?: ProgressReporter,
): Promise<{ dumps: ParsedDump[]; keys: string[] }> {
  const started = performance.now();
  const progress = reporter?.stage('ingest');
  progress?.start(inputs.length, 'files');
  // The code is part of the key: a parser changed in any way never serves a dump it parsed before.
  const code = await codeFingerprint();
  const keys = inputs.map((input) =>
    stageCacheKey(ingestStage, { code }, sha256(canonicalJson([input.display, input.hash]))),
  );
  const results: ({ dump: ParsedDump; diagnostics: readonly Diagnostic[] } | undefined)[] = [];
  const parseTimes: (number | undefined)[] = [];
  const toParse: number[] = [];
  for (const [i, key] of keys.entries()) {
    results[i] = await cache.get<{ dump: ParsedDump; diagnostics: Diagnostic[] }>('ingest', key);
    if (results[i] === undefined) toParse.push(i);
  }
  let done = inputs.length - toParse.length;
  const lane = async (parse: (path: string, display: string) => Promise<{ result: ParseDumpResult; ms: number }>) => {
    for (let i = toParse.shift(); i !== undefined; i = toParse.shift()) {
      const { result, ms } = await parse(inputs[i]!.path, inputs[i]!.display);
      await cache.set('ingest', keys[i]!, result);
      results[i] = result;
      parseTimes[i] = ms;
      progress?.advance(++done);
    }
  };
  await Promise.all([
    lane(parseFileTimed),
    pool?.then((ready) => lane((path, display) => ready.parseFile(path, display))),
  ]);
  // Each from a fresh clock reading: one shared reading drifted by the time of every earlier
  // `measured` call, which over thousands of files summed to minutes that never happened.
  parseTimes.forEach((ms, i) => ms !== undefined && timings.push(measured('parse', keys[i]!, performance.now() - ms)));
  for (const result of results) report(result!.diagnostics);
  progress?.finish();
  timings.push(measured('ingest', sha256(canonicalJson(keys)), started));
  return { dumps: results.map((r) => r!.dump), keys };
}
