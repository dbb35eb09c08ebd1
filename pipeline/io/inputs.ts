/** Resolving INPUT arguments (files or folders) to the files to read, in a stable order. */
import type { Dirent, Stats } from 'node:fs';
import { readdir, readlink, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../../src/diagnostics.js';
import { messages } from '../../src/messages.js';

export interface InputFile {
  /** The path shown to the user: relative to the working folder, with forward slashes. */
  readonly display: string;
  readonly path: string;
}

/**
 * Files named directly, and every non-hidden regular file under the folders named, sorted by path.
 * Folders in `exclude` (the output folder, when it sits inside an input folder) are not entered.
 * Every problem is reported by the entry that has it, and the rest is still read: a link back to
 * a folder being read (`symlink-loop`), a dangling link (`broken-link`), a FIFO, socket or device
 * (`not-a-regular-file`, never opened, so nothing waits on it), a folder that cannot be listed
 * (`unreadable-input`). No folder is entered twice, however many links lead to it.
 */
export async function resolveInputs(
  paths: readonly string[],
  exclude: readonly string[] = [],
): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const files = new Map<string, InputFile>();
  const diagnostics: Diagnostic[] = [];
  const problem = (diagnostic: Diagnostic): void => void diagnostics.push(diagnostic);
  // Folders by device and inode: a link cannot make the walk enter one again.
  const entered = new Set<string>();
  const excluded = new Set(exclude.map((p) => resolve(p)));
  for (const path of exclude) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) entered.add(folderId(info));
  }

  /** `ancestors`: the folders being read above `path`, by id, with their paths. */
  const visit = async (path: string, ancestors: ReadonlyMap<string, string>, entry?: Dirent): Promise<void> => {
    if (entry?.isFile()) return void files.set(path, { path, display: displayPath(path) });
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return problem(messages.symlinkLoop(displayPath(path)));
      if (code === 'ENOENT' && entry?.isSymbolicLink()) {
        const target = await readlink(path).catch(() => '?');
        return problem(messages.brokenLink(displayPath(path), target));
      }
      if (code === 'ENOENT') return problem(messages.inputNotFound(displayPath(path)));
      return problem(messages.unreadableInput(displayPath(path), code ?? String(error)));
    }
    if (info.isFile()) return void files.set(path, { path, display: displayPath(path) });
    if (!info.isDirectory()) {
      return problem(messages.notARegularFile(displayPath(path), kindOf(info)));
    }
    const id = folderId(info);
    const ancestor = ancestors.get(id);
    if (ancestor !== undefined) {
      return problem(messages.symlinkToAncestor(displayPath(path), displayPath(ancestor)));
    }
    // Reached before by another path (or the output folder): its files are already listed.
    if (entered.has(id) || excluded.has(resolve(path))) return;
    entered.add(id);
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return problem(messages.unreadableFolder(displayPath(path), code));
    }
    const inside = new Map(ancestors).set(id, path);
    // One at a time, in name order, so which path first reaches a folder is the same every run.
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!e.name.startsWith('.')) await visit(join(path, e.name), inside, e);
    }
  };

  for (const path of paths) await visit(path, new Map());
  return {
    files: [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0)),
    diagnostics,
  };
}

function folderId(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a file or folder';
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path) || path;
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}
