/** The `topic-atlas` command line: argument parsing, messages on stderr, exit codes. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runPipeline } from './run.js';

const USAGE = `Usage: topic-atlas run [INPUT ...] [options]

Turns dumps of research-paper listings into a corpus, topics, charts and reports.
INPUT is any number of files or folders (default: seeds/).

Options:
  --out DIR     where to write the results (default: output/)
  --year YYYY   year of dates printed without one (default: the year after the
                latest year printed in any input)
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
  const quiet = values.quiet === true;
  const out = values.out ?? 'output';
  const log = (line: string): void => {
    if (!quiet || line.startsWith('error')) process.stderr.write(`${line}\n`);
  };
  const summary = await runPipeline({ inputs: inputs.length > 0 ? inputs : ['seeds'], out, year }, toolVersion(), log);
  if (!quiet) {
    process.stderr.write(
      `Read ${summary.files} files: ${summary.rawPapers} papers, ${summary.papers} unique ` +
        `(${summary.duplicatesMerged} duplicates merged), ${summary.skipped} paragraphs skipped -> ${out}/\n`,
    );
  }
  return summary.exitCode;
}

function usageError(message: string): number {
  process.stderr.write(`topic-atlas: ${message}\n\n${USAGE}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
