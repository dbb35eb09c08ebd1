/**
 * The seed topics file of --seed-topics: a JSON object of topic name -> seed words or two-word
 * phrases, `{"RLHF": ["reward model", "preference"]}`. Unlike the names file it is asked for by
 * name, so a file that cannot be used stops the run (a usage error) instead of being passed over.
 */
import { readFile } from 'node:fs/promises';
import type { TopicGuide } from '../../src/cluster/guided-topics.js';

const MAX_NAME = 80;
const MAX_TERMS = 20;

/** The guides in the file, in its order; throws an Error whose message names the file and the problem. */
export async function readSeedTopics(path: string): Promise<TopicGuide[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`--seed-topics ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`--seed-topics ${path}: not JSON (${(error as Error).message})`, { cause: error });
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new Error(`--seed-topics ${path}: expected an object of topic name -> list of seed words`);
  const guides = Object.entries(document).map(([name, terms]): TopicGuide => {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (clean === '' || clean.length > MAX_NAME)
      throw new Error(`--seed-topics ${path}: a topic name must be 1 to ${MAX_NAME} characters, got "${name}"`);
    if (
      !Array.isArray(terms) ||
      terms.length === 0 ||
      terms.length > MAX_TERMS ||
      terms.some((t) => typeof t !== 'string' || t.trim() === '')
    )
      throw new Error(`--seed-topics ${path}: "${clean}" needs a list of 1 to ${MAX_TERMS} seed words`);
    return { name: clean, terms: terms.map((t: string) => t.replace(/\s+/g, ' ').trim()) };
  });
  if (guides.length === 0) throw new Error(`--seed-topics ${path}: no seed topics in it`);
  return guides;
}
