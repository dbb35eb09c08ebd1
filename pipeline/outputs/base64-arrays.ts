/** model.json's array encoding, written and read in one place: base64 of little-endian 32-bit values. */

export function float32Base64(values: ArrayLike<number>): string {
  return encode(values, (view, at, v) => view.setFloat32(at, v, true));
}

export function int32Base64(values: ArrayLike<number>): string {
  return encode(values, (view, at, v) => view.setInt32(at, v, true));
}

/** The values, or null when `text` is not base64 of whole 32-bit values. */
export function float32FromBase64(text: string): Float64Array | null {
  return decode(text, Float64Array, (view, at) => view.getFloat32(at, true));
}

/** The values, or null when `text` is not base64 of whole 32-bit values. */
export function int32FromBase64(text: string): Int32Array | null {
  return decode(text, Int32Array, (view, at) => view.getInt32(at, true));
}

function encode(values: ArrayLike<number>, set: (view: DataView, at: number, value: number) => void): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) set(view, i * 4, values[i]!);
  return Buffer.from(bytes).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode<T extends Float64Array | Int32Array>(
  text: string,
  Out: new (length: number) => T,
  get: (view: DataView, at: number) => number,
): T | null {
  // Buffer skips characters that are not base64, which would shift every later value.
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Out(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = get(view, i * 4);
  return out;
}
