/**
 * Typed arrays over SharedArrayBuffers: the big matrices are allocated here so a worker thread can
 * read them without a copy. To everything else they are ordinary typed arrays.
 */
export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** A shared copy of `values`. */
export function toSharedInt32(values: Int32Array): Int32Array {
  const out = sharedInt32(values.length);
  out.set(values);
  return out;
}
