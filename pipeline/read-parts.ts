/** Reading input files a part at a time: nothing holds a whole large file. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createDumpParser, type ParseDumpResult } from '../src/ingest/parse-dump.js';

/** Bytes per part: big enough that per-part costs vanish, small enough to bound memory. */
export const PART_BYTES = 32 * 2 ** 20;

/** The file's bytes in parts of about `partBytes`, each ending at a line feed (the last excepted). */
export async function* readParts(path: string, partBytes = PART_BYTES): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    let carry: Uint8Array = new Uint8Array(0);
    for (;;) {
      const buffer = Buffer.allocUnsafe(partBytes);
      const { bytesRead } = await handle.read(buffer, 0, partBytes, null);
      if (bytesRead === 0) break;
      const bytes =
        carry.length === 0 ? buffer.subarray(0, bytesRead) : Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
      const lastFeed = bytes.lastIndexOf(10);
      // A line longer than a part waits for the rest of it.
      if (lastFeed === -1) {
        carry = bytes;
        continue;
      }
      carry = Uint8Array.prototype.slice.call(bytes, lastFeed + 1);
      yield bytes.subarray(0, lastFeed + 1);
    }
    if (carry.length > 0) yield carry;
  } finally {
    await handle.close();
  }
}

/** sha256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ hash: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 2 ** 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { hash: hash.digest('hex'), bytes };
}

/** Reads and parses one input file a part at a time (see `createDumpParser`). */
export async function parseFile(path: string, display: string): Promise<ParseDumpResult> {
  const parser = createDumpParser(display);
  for await (const part of readParts(path)) parser.push(part);
  return parser.finish();
}

/** `parseFile`, with how long it took (ms). */
export async function parseFileTimed(path: string, display: string): Promise<{ result: ParseDumpResult; ms: number }> {
  const started = performance.now();
  const result = await parseFile(path, display);
  return { result, ms: performance.now() - started };
}
