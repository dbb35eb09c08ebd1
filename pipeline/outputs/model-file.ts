/** Reading `model.json` back: checked at the edge against its schema, then handed to `placePapers`. */
import { readFile } from 'node:fs/promises';
import { checkModelDocument, type CheckedModel } from '../../src/assign/model-schema.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { messages } from '../../src/messages.js';
import { float32FromBase64, int32FromBase64 } from './base64-arrays.js';

/**
 * Loads and checks a model file. Out: the model, or one error naming the file: `unreadable-model`
 * when it cannot be read or is not JSON, `invalid-model` when it does not match the schema.
 */
export async function loadModel(path: string): Promise<{ model: CheckedModel } | { problem: Diagnostic }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return {
      problem: e.code === 'ENOENT' ? messages.modelNotFound(path) : messages.modelUnreadable(path, e.code ?? e.message),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: messages.modelNotJson(path, (error as Error).message) };
  }
  const checked = checkModelDocument(value, { float32: float32FromBase64, int32: int32FromBase64 });
  return 'model' in checked ? checked : { problem: messages.invalidModel(path, checked.problem) };
}
