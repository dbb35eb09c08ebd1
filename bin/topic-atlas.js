#!/usr/bin/env node
// Runs the bundled JavaScript in dist/ (built by `npm run build`, which `npm pack` runs before
// packing). In a clone whose dist/ is missing or older than a source file, it runs the TypeScript
// sources through tsx instead, so an edit never runs stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/** The options that take a value, as pipeline/cli.ts parses them. */
const VALUED_OPTIONS = new Set([
  '--out',
  '--year',
  '--k',
  '--k-max',
  '--seed',
  '--restarts',
  '--representation',
  '--names',
  '--seed-topics',
  '--cache',
  '--keep',
  '--model',
]);

// Node's default heap limit (about 4 GB) holds the text of roughly a million abstracts and little
// else: a corpus that size needs more. The heap limit is fixed when Node starts, so the CLI
// restarts itself once with three quarters of the machine's memory, unless the user chose a limit.
// Only the commands that read corpora need it, and only for inputs that could fill the default
// heap (an eighth of it, or a --watch that may see them grow): --help, --version, compare and
// small corpora start once, saving a Node start.
const readsCorpora = ['run', 'assign'].includes(process.argv[2] ?? 'run');
const wantedMiB = Math.floor((totalmem() / 2 ** 20) * 0.75);
const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) =>
  a.startsWith('--max-old-space-size'),
);
const limitMiB = getHeapStatistics().heap_size_limit / 2 ** 20;
if (
  readsCorpora &&
  !chosen &&
  limitMiB < wantedMiB * 0.9 &&
  (process.argv.includes('--watch') || inputsReach(limitMiB * 2 ** 20 * 0.125))
) {
  // Loaded only here: node:child_process costs 8 ms of every start that does not restart (--help).
  const [{ spawn }, { once }] = await Promise.all([import('node:child_process'), import('node:events')]);
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${wantedMiB}`,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  // Killing this process must stop the run: every signal goes on to the child, and this process
  // ends as the child did (its exit code, or the same signal).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await once(child, 'exit');
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
}

const compiled = new URL('../dist/cli.js', import.meta.url);
if (compiledIsCurrent()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pipeline/cli.ts');
}

/**
 * Whether dist/ can run: it exists, and no source file (in a clone: src/ and pipeline/; the
 * installed package has none) was changed since its build started (`npm run build` writes
 * dist/.build-started before tsc reads a source), or TOPIC_ATLAS_COMPILED=1 asks for it.
 */
function compiledIsCurrent() {
  if (!existsSync(compiled)) return false;
  // The benchmarks time the build they just made, whatever is edited meanwhile.
  if (process.env.TOPIC_ATLAS_COMPILED === '1') return true;
  const stamp = new URL('../dist/.build-started', import.meta.url);
  const built = statSync(existsSync(stamp) ? stamp : compiled).mtimeMs;
  for (const folder of ['src', 'pipeline']) {
    const dir = fileURLToPath(new URL(`../${folder}/`, import.meta.url));
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (
        entry.isFile() &&
        entry.name.endsWith('.ts') &&
        statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > built
      ) {
        return false;
      }
    }
  }
  return true;
}

/**
 * Whether the files under the command's existing path arguments (`seeds` when there are none, as
 * for `run`) add up to `bytes`. Stops as soon as they do; a tree too large to walk quickly counts
 * as reaching it.
 */
function inputsReach(bytes) {
  const args = process.argv.slice(3);
  // An option's value (--out DIR, --cache DIR, …) is not an input: the output's history and
  // cache would otherwise count several times over.
  const pending = args.filter((a, i) => !a.startsWith('-') && !VALUED_OPTIONS.has(args[i - 1]) && existsSync(a));
  if (pending.length === 0) pending.push('seeds');
  const seen = new Set();
  let total = 0;
  for (let visited = 0; pending.length > 0; visited++) {
    if (total >= bytes || visited > 100_000) return true;
    const path = pending.pop();
    let info;
    try {
      info = statSync(path);
    } catch {
      continue;
    }
    if (!info.isDirectory()) {
      total += info.size;
      continue;
    }
    if (seen.has(`${info.dev}:${info.ino}`)) continue; // a link back into a folder already walked
    seen.add(`${info.dev}:${info.ino}`);
    try {
      for (const entry of readdirSync(path)) pending.push(join(path, entry));
    } catch {
      // unreadable: the run reports it
    }
  }
  return total >= bytes;
}
