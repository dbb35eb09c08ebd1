/**
 * The WebAssembly kernels of kernels.wat on this thread: the module, compiled on first use, and an
 * instance over memory that one computation at a time lays out (`KernelLayout`), fills, uses and
 * leaves. A computation that needs more memory gets a new instance over a larger memory instead
 * of growing the old one: growing detaches the old buffer, and once any buffer of the process has
 * been detached, V8 checks for it at every typed-array access of optimised code (k-means' distances
 * ran 30% slower after the first grow).
 */
import { KERNELS_WASM } from './kernels-binary.js';

interface KernelExports {
  sparseRows(
    indptr: number,
    indices: number,
    data: number,
    rowOf: number,
    from: number,
    to: number,
    b: number,
    l: number,
    out: number,
    weights: number,
    sources: number,
  ): void;
  denseRows(m: number, a: number, w: number, b: number, out: number, rows: number, heights: number): void;
  crossRows(m: number, n: number, l: number, g: number, rows: number): void;
  squaredDistance(a: number, b: number, d: number): number;
  seedCandidates(
    data: number,
    d: number,
    n: number,
    starts: number,
    count: number,
    closest: number,
    distances: number,
    potentials: number,
  ): void;
  miniBatchStep(
    data: number,
    centres: number,
    d: number,
    k: number,
    batch: number,
    size: number,
    assigned: number,
    counts: number,
  ): number;
  elkanReassign(
    data: number,
    centres: number,
    d: number,
    n: number,
    k: number,
    labels: number,
    upper: number,
    lower: number,
    moved: number,
    between: number,
    half: number,
  ): number;
  squaredDistancesToRows(row: number, others: number, starts: number, count: number, d: number, out: number): void;
}

const PAGE_BYTES = 65_536;
/** Every array starts on a 16-byte boundary, where a 128-bit load is fastest. */
const ALIGN = 16;
/** Byte 0 is never handed out: a pointer of 0 means "none" to the kernels. */
const FIRST_BYTE = ALIGN;

let compiled: WebAssembly.Module | null = null;
let current: { kernels: KernelExports; buffer: ArrayBuffer } | null = null;
let inUse = false;

/** An instance over at least `bytes` of memory: the current one, or a new one when it is too small. */
function instanceFor(bytes: number): { kernels: KernelExports; buffer: ArrayBuffer } {
  if (current !== null && current.buffer.byteLength >= bytes) return current;
  compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM, 'base64'));
  // Room to spare, so a run's slowly growing needs do not make an instance each time.
  const memory = new WebAssembly.Memory({ initial: Math.ceil((bytes * 1.25) / PAGE_BYTES) });
  const kernels = new WebAssembly.Instance(compiled, { kernels: { memory } }).exports as unknown as KernelExports;
  current = { kernels, buffer: memory.buffer };
  return current;
}

/** Byte offsets of arrays placed one after another in kernel memory. */
export class KernelLayout {
  private end = FIRST_BYTE;

  f64(length: number): number {
    return this.take(length * 8);
  }

  i32(length: number): number {
    return this.take(length * 4);
  }

  get bytes(): number {
    return this.end;
  }

  private take(bytes: number): number {
    const at = this.end;
    this.end = Math.ceil((at + bytes) / ALIGN) * ALIGN;
    return at;
  }
}

/** The kernels, and views of their memory at offsets a `KernelLayout` gave. */
export interface KernelMemory {
  readonly kernels: KernelExports;
  f64(offset: number, length: number): Float64Array;
  i32(offset: number, length: number): Int32Array;
}

/**
 * Runs `use` with kernel memory of at least `layout.bytes`. Views must not outlive `use`. Not
 * reentrant: a nested computation would grow the memory under the outer one's views, so it
 * throws instead.
 */
export function withKernelMemory<T>(layout: KernelLayout, use: (memory: KernelMemory) => T): T {
  if (inUse) throw new Error('kernel memory is already in use on this thread');
  const { kernels, buffer } = instanceFor(layout.bytes);
  inUse = true;
  try {
    return use({
      kernels,
      f64: (offset, length) => new Float64Array(buffer, offset, length),
      i32: (offset, length) => new Int32Array(buffer, offset, length),
    });
  } finally {
    inUse = false;
    // A very large instance (a fit of a few hundred thousand rows) is not kept for the rest of
    // the run: the next computation that needs one makes it again.
    if (buffer.byteLength > KEPT_BYTES) current = null;
  }
}

/** Kernel memory kept between computations, at most: the products of a 200,000-paper LSA fit fit in it. */
const KEPT_BYTES = 256 * 2 ** 20;
