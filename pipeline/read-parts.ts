/** Reading input files a part at a time: nothing holds a whole large file. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

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

/** sha256 of a file, streamed. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 2 ** 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
