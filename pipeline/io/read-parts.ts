/** Reading input files a part at a time: nothing holds a whole large file. */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createDumpParser, type ParseDumpResult } from '../../src/ingest/parse-dump.js';

/** Bytes per part: big enough that per-part costs vanish, small enough to bound memory. */
const PART_BYTES = 32 * 2 ** 20;

/** The file's bytes in parts of about `partBytes`, each ending at a line feed (the last excepted). */
export async function* readParts(path: string, partBytes = PART_BYTES): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const left = leftToRead(await handle.stat());
    let carry: Uint8Array = new Uint8Array(0);
    for (;;) {
      // Sized to what is left, so each of many small files does not cost a fresh 32 MB buffer
      // (and the collections that much external memory brings).
      const length = Math.min(partBytes, left());
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buffer, 0, length, null);
      left(bytesRead);
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

/** Bytes per read when hashing. */
const HASH_CHUNK_BYTES = 4 * 2 ** 20;

/** sha256 and size of a file, read a chunk at a time into one buffer no larger than the file needs. */
export async function hashFile(path: string): Promise<{ hash: string; bytes: number }> {
  const handle = await open(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(Math.min(HASH_CHUNK_BYTES, leftToRead(await handle.stat())()));
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { hash: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

/** Reads beyond the size a file had when opened (it may grow) go on in this many bytes. */
const GROWTH_BYTES = 64 * 2 ** 10;

/**
 * How many bytes to ask for next: what is left of the size the file had when opened, at
 * least GROWTH_BYTES once past it. Call it with a count to record bytes read.
 */
function leftToRead(info: { size: number }): (read?: number) => number {
  let left = info.size;
  return (read = 0) => {
    left -= read;
    return Math.max(left, GROWTH_BYTES);
  };
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
