/**
 * The user's names for topics: a JSON object of topic id -> name (`{"3": "Reward models"}`), by
 * default `topic-atlas.names.json` in the working folder. Names follow the stable ids across
 * reruns and replace the labels everywhere (tables, charts, reports).
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../src/diagnostics.js';
import { messages } from '../../src/messages.js';

/** Longest name kept: a label, not a paragraph. */
const MAX_NAME = 80;

/** The names, or none with a diagnostic when the file is unusable; a missing file means no names. */
export async function readTopicNames(
  path: string | null,
): Promise<{ names: Map<number, string>; problems: Diagnostic[] }> {
  if (path === null) return { names: new Map(), problems: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      names: new Map(),
      problems: code === 'ENOENT' ? [] : [messages.invalidNames(path, `cannot read it: ${code}`)],
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { names: new Map(), problems: [messages.invalidNames(path, `not JSON: ${(error as Error).message}`)] };
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return { names: new Map(), problems: [messages.invalidNames(path, 'expected an object of topic id -> name')] };
  const names = new Map<number, string>();
  for (const [key, value] of Object.entries(document)) {
    if (!/^\d+$/.test(key))
      return { names: new Map(), problems: [messages.invalidNames(path, `"${key}" is not a topic id`)] };
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_NAME)
      return {
        names: new Map(),
        problems: [
          messages.invalidNames(path, `the name of topic ${key} is not a text of 1 to ${MAX_NAME} characters`),
        ],
      };
    // One line: a name is shown in tables and chart legends.
    names.set(Number(key), value.replace(/\s+/g, ' ').trim());
  }
  return { names, problems: [] };
}
