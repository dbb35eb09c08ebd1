/** The `topic-atlas` command line: argument parsing, messages on stderr, exit codes. */
import { existsSync, readFileSync, statSync, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunChanges } from '../src/compare/compare-runs.js';
import type { RunOptions, RunSummary } from './run.js';
import type { TopicParams } from './stages/topics.js';
import type { TopicGuide } from '../src/cluster/guided-topics.js';

// The pipeline's modules are imported when a command needs them, so `--help`, `--version` and a
// usage error answer without loading (or, from the sources, transpiling) the whole pipeline.

const USAGE = `Usage:
  topic-atlas run [INPUT ...] [options]      dumps -> corpus, topics, charts, reports
  topic-atlas compare [RUN_A RUN_B] [--out DIR] [--json]
                                             what changed between two runs (default:
                                             the previous run and the latest)
  topic-atlas assign INPUT ... [--model FILE] [--out DIR]
                                             place new papers in an existing model's topics

INPUT is any number of files or folders (default for run: seeds/).

Options of run:
  --out DIR     where to write the results (default: output/)
  --year YYYY   year of dates printed without one (default: the year after the
                latest year printed in any input)
  --k N|auto    number of topics, or auto (default): round(sqrt(papers / 8)),
                topics of a size to read, grouped into the most stable number of
                broad groups; on a rerun the last run's topics are updated and k
                kept, unless a different --k is given
  --refit       fit the topics afresh instead of updating the last run's
  --names FILE  your names for topics, a JSON object of topic id -> name
                (default: topic-atlas.names.json, if there is one)
  --k-max N     largest k that auto gives (default 50)
  --seed-topics FILE
                start some topics from seed words, a JSON object of name -> words,
                e.g. {"RLHF": ["reward model", "preference"]}
  --seed N      seed for every random choice (default 1)
  --restarts N  k-means starts, the best kept (default 10)
  --representation lsa|tfidf
                cluster in the LSA space (default) or on raw TF-IDF rows
  --no-stem     keep words as written instead of Porter-stemming them
  --no-phrases  do not add frequent two-word phrases as terms
  --cache DIR   stage cache (default: OUT/.cache); --no-cache to use none and
                recompute even when nothing changed
  --keep N      runs to keep under OUT/runs/ (default 20)
  --svg         also draw each chart as charts/NAME.svg, shown in report.md
                (off by default: report.html draws the charts from their specs)
  --png         also draw each chart as charts/NAME.png (implies --svg)
  --watch       run again whenever a dump in the inputs is added or changed
  --quiet       print nothing but errors
Options of assign:
  --model FILE  the model to place papers in (default: output/model.json)
  --out DIR     where to write assigned.csv and assigned.md (default: output/assigned/)
  -h, --help    show this help
  -v, --version show the version

Exit codes: 0 done (warnings allowed); 1 some input could not be read (the rest
was processed and written), or the run failed (a full disk, the worker died) and
the previous output is left as it was; 2 usage error, or an --out the run must
not replace (it holds an input or files topic-atlas did not write, or another
run is writing it).`;

class UsageError extends Error {}

/**
 * The version in topic-atlas's package.json: the nearest one above this module, which sits in
 * `pipeline/` when run from the sources and in `dist/pipeline/` when compiled.
 */
function toolVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    const file = new URL(up, import.meta.url);
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  throw new Error('topic-atlas: package.json not found above pipeline/cli');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        year: { type: 'string' },
        quiet: { type: 'boolean' },
        k: { type: 'string' },
        'k-max': { type: 'string' },
        seed: { type: 'string' },
        restarts: { type: 'string' },
        representation: { type: 'string' },
        'no-stem': { type: 'boolean' },
        'no-phrases': { type: 'boolean' },
        refit: { type: 'boolean' },
        names: { type: 'string' },
        'seed-topics': { type: 'string' },
        cache: { type: 'string' },
        'no-cache': { type: 'boolean' },
        keep: { type: 'string' },
        svg: { type: 'boolean' },
        png: { type: 'boolean' },
        watch: { type: 'boolean' },
        json: { type: 'boolean' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.version) {
      process.stdout.write(`${toolVersion()}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    const quiet = values.quiet === true;
    const log = (line: string): void => {
      if (!quiet || line.startsWith('error')) process.stderr.write(`${line}\n`);
    };
    switch (command) {
      case 'run':
        return await runCommand(await runOptions(values, rest), values.watch === true, quiet, log);
      case 'compare':
        return await compareCommand(rest, values.out ?? 'output', values.json === true);
      case 'assign': {
        if (rest.length === 0) throw new UsageError('assign needs at least one INPUT');
        const model = values.model ?? join('output', 'model.json');
        const { assignPapers } = await import('./assign.js');
        // A model that cannot be used has already been reported in one line (no stack trace).
        const summary = await assignPapers(
          { inputs: rest, model, out: values.out ?? join('output', 'assigned'), year: year(values.year) },
          log,
        );
        if (summary === null) return 1;
        const topics = [...summary.perTopic.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([id, n]) => `${id}: ${n}`)
          .join(', ');
        if (!quiet)
          process.stderr.write(`Placed ${summary.papers} papers (${topics}); ${summary.misfits} fit no topic well\n`);
        return summary.exitCode;
      }
      default:
        throw new UsageError(command === undefined ? 'Missing command' : `Unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`topic-atlas: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    // Errors of a command that ran: their modules are loaded already.
    const [{ OutputRefusedError }, { KernelWorkerStopped }] = await Promise.all([
      import('./io/output-guard.js'),
      import('./parallel/kernel-pool.js'),
    ]);
    if (error instanceof OutputRefusedError) {
      process.stderr.write(`topic-atlas: ${error.message}\n`);
      return 2;
    }
    if (error instanceof KernelWorkerStopped) {
      process.stderr.write(`error ${error.message}; the previous output is unchanged [worker-stopped]\n`);
      return 1;
    }
    const failure = describeSystemError(error);
    if (failure !== null) {
      process.stderr.write(`${failure}\n`);
      return 1;
    }
    throw error;
  }
}

async function runCommand(
  options: RunOptions,
  watching: boolean,
  quiet: boolean,
  log: (line: string) => void,
): Promise<number> {
  const [{ runPipeline }, { createProgressReporter }, { describeChanges, summarizeChanges }] = await Promise.all([
    import('./run.js'),
    import('./io/progress.js'),
    import('../src/compare/compare-runs.js'),
  ]);
  const once = async (): Promise<RunSummary> => {
    const started = performance.now();
    const summary = await runPipeline(options, toolVersion(), log, createProgressReporter(process.stderr, quiet));
    if (!quiet) process.stderr.write(`${summaryLine(summary, options.out, (performance.now() - started) / 1000)}\n`);
    if (!quiet && summary.changed && !watching) {
      for (const t of summary.topics) process.stderr.write(`  topic ${t.id}: ${t.label} (${t.size} papers)\n`);
    }
    if (!quiet && summary.changes) {
      // Watching prints one line per rerun; a single run prints every change.
      const lines = watching ? [summarizeChanges(summary.changes)] : describeChanges(summary.changes);
      for (const line of lines) process.stderr.write(`  ${line}\n`);
    }
    return summary;
  };
  const first = await once();
  if (!watching) return first.exitCode;

  // Watch mode: rerun after changes settle; a change during a run queues one more run.
  process.stderr.write(`Watching ${options.inputs.join(', ')} for new or changed dumps (Ctrl-C to stop)\n`);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const trigger = (): void => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      do {
        again = false;
        await once().catch((error: unknown) => process.stderr.write(`error: ${(error as Error).message}\n`));
      } while (again);
      running = false;
    }, 400);
  };
  // The run's own writes (its output folder, staging and retired siblings, lock) are not new dumps:
  // reacting to them would rerun forever when the output folder sits inside a watched input.
  const out = resolve(options.out);
  const ours = (path: string): boolean =>
    path === out ||
    path.startsWith(out + sep) ||
    (/^\.(tmp|old)-\d+$/.test(path.slice(out.length).split(sep)[0]!) && path.startsWith(out)) ||
    path === join(dirname(out), `.${basename(out)}.lock`);
  for (const input of options.inputs) {
    const base = statSync(input).isDirectory() ? input : dirname(input);
    watch(input, { recursive: true }, (_, name) => {
      if (name === null || !ours(resolve(base, name.toString()))) trigger();
    });
  }
  return new Promise<number>(() => undefined); // runs until interrupted
}

function summaryLine(s: RunSummary, out: string, seconds: number): string {
  if (!s.changed) return `Nothing changed since run ${s.runId}; ${out}/ left as it was (${seconds.toFixed(1)} s)`;
  return (
    `Run ${s.runId}: ${s.files} files, ${s.rawPapers} papers, ${s.papers} unique (${s.duplicatesMerged} duplicates merged), ` +
    `${s.skipped} paragraphs skipped, ${s.topics.length} topics -> ${out}/ (${seconds.toFixed(1)} s)`
  );
}

async function compareCommand(runs: readonly string[], out: string, json: boolean): Promise<number> {
  const [{ compareRuns, describeChanges }, { listRuns, loadSnapshot }] = await Promise.all([
    import('../src/compare/compare-runs.js'),
    import('./io/runs.js'),
  ]);
  const runsDir = join(out, 'runs');
  const known = await listRuns(runsDir);
  if (runs.length !== 0 && runs.length !== 2) throw new UsageError('compare takes two runs, or none for the last two');
  const [a, b] = runs.length === 2 ? runs : known.slice(-2);
  if (a === undefined || b === undefined)
    throw new UsageError(`compare needs two runs; ${runsDir}/ has ${known.length}`);
  const folder = (run: string): string => (known.includes(run) ? join(runsDir, run) : run);
  // A run's own record of what changed since its previous run also holds the update's births and ends.
  const recorded = await readFile(join(folder(b), 'changes.json'), 'utf8')
    .then((text) => JSON.parse(text) as RunChanges)
    .catch(() => null);
  const changes =
    recorded?.from === a ? recorded : compareRuns(await loadSnapshot(folder(a), a), await loadSnapshot(folder(b), b));
  process.stdout.write(
    json
      ? `${JSON.stringify(changes, null, 2)}\n`
      : `Run ${a} -> ${b}\n${describeChanges(changes)
          .map((l) => `  ${l}\n`)
          .join('')}`,
  );
  return 0;
}

/**
 * A failed system call (a full disk, a folder that cannot be written) as one line naming the
 * path (a write names the output file, not its staging copy: see io/output-dir.ts); null for any other error.
 */
function describeSystemError(error: unknown): string | null {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string') return null;
  const what = e.message.replace(/^[A-Z]+: /, '').split(',')[0]!;
  const path = e.path === undefined ? '' : ` ${relative(process.cwd(), e.path) || '.'}`;
  return `error${path} ${what[0]!.toUpperCase()}${what.slice(1)} (${e.code}); the previous output is unchanged [io-error]`;
}

type Values = Record<string, string | boolean | undefined>;

function year(raw: string | boolean | undefined): number | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw))
    throw new UsageError(`--year expects a four-digit year, got "${String(raw)}"`);
  return Number(raw);
}

function wholeNumber(values: Values, name: string, min: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} expects a whole number of at least ${min}, got "${String(raw)}"`);
  return n;
}

async function runOptions(values: Values, inputs: readonly string[]): Promise<RunOptions> {
  const out = (values.out as string | undefined) ?? 'output';
  return {
    inputs: inputs.length > 0 ? inputs : ['seeds'],
    out,
    year: year(values.year),
    topics: await topicOptions(values),
    cache: values['no-cache'] === true ? null : ((values.cache as string | undefined) ?? join(out, '.cache')),
    keep: wholeNumber(values, 'keep', 1) ?? 20,
    refit: values.refit === true,
    names: (values.names as string | undefined) ?? 'topic-atlas.names.json',
    images: values.png === true ? 'png' : values.svg === true ? 'svg' : 'none',
  };
}

async function seedTopics(path: string | undefined): Promise<TopicGuide[]> {
  if (path === undefined) return [];
  const { readSeedTopics } = await import('./io/seed-topics-file.js');
  try {
    return await readSeedTopics(path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Every topic option checked first: a usage error never waits for the fitting code to load. */
async function topicOptions(values: Values): Promise<TopicParams> {
  const k = values.k === undefined || values.k === 'auto' ? 'auto' : wholeNumber(values, 'k', 1)!;
  const representation = values.representation ?? 'lsa';
  if (representation !== 'lsa' && representation !== 'tfidf')
    throw new UsageError(`--representation expects lsa or tfidf, got "${String(representation)}"`);
  const kMax = wholeNumber(values, 'k-max', 3);
  const seed = wholeNumber(values, 'seed', 0);
  const restarts = wholeNumber(values, 'restarts', 1);
  const guides = await seedTopics(values['seed-topics'] as string | undefined);
  const defaults = (await import('./stages/topics.js')).TOPIC_DEFAULTS;
  return {
    ...defaults,
    k,
    kMax: kMax ?? defaults.kMax,
    seed: seed ?? defaults.seed,
    restarts: restarts ?? defaults.restarts,
    representation,
    tokenize: { ...defaults.tokenize, stem: values['no-stem'] !== true, phrases: values['no-phrases'] !== true },
    guides,
  };
}

process.exitCode = await main(process.argv.slice(2));
