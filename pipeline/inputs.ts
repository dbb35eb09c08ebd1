/** Resolving INPUT arguments (files or folders) to the files to read, in a stable order. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../src/diagnostics.js';

export interface InputFile {
  /** The path shown to the user: relative to the working folder, with forward slashes. */
  readonly display: string;
  readonly path: string;
}

/**
 * Files named directly, and every non-hidden file under the folders named, sorted by path.
 * Folders in `exclude` (the output folder, when it sits inside an input folder) are not entered.
 */
export async function resolveInputs(
  paths: readonly string[],
  exclude: readonly string[] = [],
): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const files = new Map<string, InputFile>();
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      for (const file of await walk(path, excluded)) files.set(file, { path: file, display: displayPath(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({
        severity: 'error',
        code: code === 'ENOENT' ? 'input-not-found' : 'unreadable-input',
        message: code === 'ENOENT' ? 'No such file or folder' : `Cannot read this input (${code ?? String(error)})`,
        place: { file: displayPath(path), line: 1 },
      });
    }
  }
  return { files: [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0)), diagnostics };
}

async function walk(path: string, excluded: ReadonlySet<string>): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  if (excluded.has(resolve(path))) return [];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((e) => !e.name.startsWith('.')).map((e) => walk(join(path, e.name), excluded)),
  );
  return nested.flat();
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path) || path;
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}
