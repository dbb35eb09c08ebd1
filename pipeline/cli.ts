/** The `topic-atlas` command line: argument parsing, messages on stderr, exit codes. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runPipeline } from './run.js';
import { TOPIC_DEFAULTS, type TopicParams } from './topics.js';

const USAGE = `Usage: topic-atlas run [INPUT ...] [options]

Turns dumps of research-paper listings into a corpus, topics, charts and reports.
INPUT is any number of files or folders (default: seeds/).

Options:
  --out DIR     where to write the results (default: output/)
  --year YYYY   year of dates printed without one (default: the year after the
                latest year printed in any input)
  --k N|auto    number of topics, or auto (default): the most stable k in 3..--k-max
  --k-max N     largest k that auto considers (default 12)
  --seed N      seed for every random choice (default 1)
  --representation lsa|tfidf
                cluster in the LSA space (default) or on raw TF-IDF rows
  --no-stem     keep words as written instead of Porter-stemming them
  --no-phrases  do not add frequent two-word phrases as terms
  --quiet       print nothing but errors
  -h, --help    show this help
  -v, --version show the version

Exit codes: 0 done (warnings allowed), 1 some input could not be read (the rest
was processed and written), 2 usage error.`;

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        year: { type: 'string' },
        quiet: { type: 'boolean' },
        k: { type: 'string' },
        'k-max': { type: 'string' },
        seed: { type: 'string' },
        representation: { type: 'string' },
        'no-stem': { type: 'boolean' },
        'no-phrases': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${toolVersion()}\n`);
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (command !== 'run') return usageError(command === undefined ? 'Missing command' : `Unknown command "${command}"`);
  let year: number | null = null;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year)) return usageError(`--year expects a four-digit year, got "${values.year}"`);
    year = Number(values.year);
  }
  const topics = parseTopicOptions(values);
  if (typeof topics === 'string') return usageError(topics);
  const quiet = values.quiet === true;
  const out = values.out ?? 'output';
  const log = (line: string): void => {
    if (!quiet || line.startsWith('error')) process.stderr.write(`${line}\n`);
  };
  const summary = await runPipeline({ inputs: inputs.length > 0 ? inputs : ['seeds'], out, year, topics }, toolVersion(), log);
  if (!quiet) {
    process.stderr.write(
      `Read ${summary.files} files: ${summary.rawPapers} papers, ${summary.papers} unique ` +
        `(${summary.duplicatesMerged} duplicates merged), ${summary.skipped} paragraphs skipped -> ${out}/\n`,
    );
    summary.topics.forEach((t, i) => process.stderr.write(`  topic ${i}: ${t.label} (${t.size} papers)\n`));
  }
  return summary.exitCode;
}

/** Topic options from the command line, or the message of a usage error. */
function parseTopicOptions(values: Record<string, string | boolean | undefined>): TopicParams | string {
  const wholeNumber = (name: string, min: number): number | string | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= min ? n : `--${name} expects a whole number of at least ${min}, got "${String(raw)}"`;
  };
  const k = values.k === undefined || values.k === 'auto' ? 'auto' : wholeNumber('k', 1);
  const kMax = wholeNumber('k-max', 3) ?? TOPIC_DEFAULTS.kMax;
  const seed = wholeNumber('seed', 0) ?? TOPIC_DEFAULTS.seed;
  for (const value of [k, kMax, seed]) if (typeof value === 'string' && value !== 'auto') return value;
  const representation = values.representation ?? 'lsa';
  if (representation !== 'lsa' && representation !== 'tfidf') return `--representation expects lsa or tfidf, got "${String(representation)}"`;
  return {
    ...TOPIC_DEFAULTS,
    k: k as number | 'auto',
    kMax: kMax as number,
    seed: seed as number,
    representation,
    tokenize: { ...TOPIC_DEFAULTS.tokenize, stem: values['no-stem'] !== true, phrases: values['no-phrases'] !== true },
  };
}

function usageError(message: string): number {
  process.stderr.write(`topic-atlas: ${message}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
