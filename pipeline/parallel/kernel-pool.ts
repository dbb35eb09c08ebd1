/**
 * Two threads for the heavy steps: this one and a worker. The LSA's products and Gram matrices
 * split the rows (by non-zeros for sparse matrices), the tokeniser's scan splits the texts,
 * ingest hands every other file to the worker, and k-means restarts and stability refits are
 * shared out (the worker takes the later half of them). Matrices live in SharedArrayBuffers, and
 * for the products, the scan and the clustering jobs the main thread blocks on an Atomics flag
 * while the worker finishes, so those stages stay synchronous.
 *
 * Sparse and dense products compute each output row on one thread exactly as the one-thread
 * kernel does: bit-identical results. The Gram matrix adds two partial sums, so it can differ in
 * the last bits from one thread's, but the split depends only on the matrix: every run agrees.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MessageChannel,
  receiveMessageOnPort,
  type MessagePort,
  type ResourceLimits,
  type Worker,
} from 'node:worker_threads';
import { REFITS_HERE, type Refit, type RefitJob } from '../../src/cluster/choose-k.js';
import { RESTARTS_HERE, type RestartJob, type RestartResult } from '../../src/cluster/kmeans.js';
import type { TaskRunner } from '../../src/cluster/tasks.js';
import type { ParseDumpResult } from '../../src/ingest/parse-dump.js';
import {
  denseTimesRows,
  gramRows,
  SERIAL_PRODUCTS,
  sparseTimesDenseRows,
  symmetrise,
  type MatrixProducts,
} from '../../src/numeric/dense.js';
import { sharedFloat64 } from '../../src/numeric/shared-memory.js';
import { scanTexts, TokenScanner, type ScannedTexts, type TextScan } from '../../src/text/token-scanner.js';
import type { CsrMatrix } from '../../src/vectorize/tfidf.js';
import { clusterTaskWork, runClusterTask, type ClusterJob } from './cluster-jobs.js';
import { collectGarbage } from './collect-garbage.js';
import { parseFileTimed } from '../io/read-parts.js';
import { startWorker } from './start-worker.js';

/** A product's share for the worker: shared buffers, and the output rows [from, to) it owns. */
type ProductTask = {
  readonly out: SharedArrayBuffer;
  readonly from: number;
  readonly to: number;
  readonly cols: number;
} & (
  | {
      readonly kind: 'sparse';
      readonly rows: number;
      readonly indptr: SharedArrayBuffer;
      readonly indices: SharedArrayBuffer;
      readonly data: SharedArrayBuffer;
      readonly right: SharedArrayBuffer;
      readonly width: number;
      readonly rowOf: SharedArrayBuffer | null;
    }
  | {
      readonly kind: 'dense';
      readonly left: SharedArrayBuffer;
      readonly right: SharedArrayBuffer;
      readonly width: number;
    }
  | { readonly kind: 'gram'; readonly left: SharedArrayBuffer }
);

/** The texts to scan come as a copy; the tokens go back on `reply`. */
interface ScanTask {
  readonly kind: 'scan';
  readonly texts: readonly string[];
  readonly reply: MessagePort;
}

/** Tasks [from, to) of a clustering job (see cluster-jobs.ts); their results go back on `reply`. */
export type ClusterTask = {
  readonly kind: 'cluster';
  readonly from: number;
  readonly to: number;
  readonly reply: MessagePort;
} & ClusterJob;

/** What the worker receives for a synchronous task; it raises `done` when finished. */
export type KernelTask = (ProductTask | ScanTask | ClusterTask) & { readonly done: SharedArrayBuffer };

/** A task before its flag exists (Omit, distributed over the union). */
type Undone<T> = T extends unknown ? Omit<T, 'done'> : never;

/** Outputs at least this large (bytes) are allocated after a collection: see collect-garbage.ts. */
const COLLECT_BEFORE_BYTES = 64 * 2 ** 20;

function sharedOutput(length: number): Float64Array {
  if (length * 8 >= COLLECT_BEFORE_BYTES) collectGarbage();
  return sharedFloat64(length);
}

/** Products smaller than this many multiply-adds are not worth a hand-off. */
const MIN_PARALLEL_WORK = 20_000_000;

/**
 * Clustering jobs whose rows × centres × dimensions × tasks fall below this run here: a task
 * takes tens of passes of that size (a millisecond or more), the hand-off a tenth of one.
 */
const MIN_SPLIT_CLUSTER_WORK = 100_000;

/** What the pool runs on two threads: the LSA's products, the tokeniser's scan, k-means restarts and refits. */
export interface Kernels extends MatrixProducts {
  readonly scanTexts: TextScan;
  readonly restarts: TaskRunner<RestartJob, RestartResult>;
  readonly refits: TaskRunner<RefitJob, Refit>;
  /**
   * Called between big steps: on the pool (large corpora) a full collection, so the dead blocks
   * of the last step are freed before the next allocates (see collect-garbage.ts); on one
   * thread nothing.
   */
  releaseMemory(): void;
}

export const SERIAL_KERNELS: Kernels = {
  ...SERIAL_PRODUCTS,
  scanTexts,
  restarts: RESTARTS_HERE,
  refits: REFITS_HERE,
  releaseMemory: () => {},
};

/** A file for the worker to read and parse while this thread parses another. */
export interface ParseRequest {
  readonly kind: 'parse';
  readonly path: string;
  readonly display: string;
  readonly reply: MessagePort;
}

export interface KernelPool extends Kernels {
  /** How many clustering tasks (restarts, refits) the worker has run and returned so far. */
  clusterTasksHandedOver(): number;
  /** Reads and parses a file on the worker; resolves with the result and the worker's parse time (ms). */
  parseFile(path: string, display: string): Promise<{ result: ParseDumpResult; ms: number }>;
  close(): Promise<void>;
}

/** Fewer texts than this are scanned on one thread. */
const MIN_PARALLEL_TEXTS = 20_000;

/** How long a blocked wait for the worker sleeps before it checks the worker is still running (ms). */
const WAIT_SLICE_MS = 100;

/**
 * Starts the worker; resolves once it has loaded. Falls back to one thread (and says why through
 * `warn`) when the worker cannot start. `resourceLimits` bound the worker's heap.
 *
 * If the worker dies (out of memory, a crash, killed), the task waiting on it fails within a
 * second with an Error whose message starts `The kernel worker stopped (…)`, and so does every
 * later task: the run ends with that error rather than hang or exit without a word.
 */
export async function startKernelPool(
  warn: (message: string) => void,
  options: { resourceLimits?: ResourceLimits } = {},
): Promise<KernelPool> {
  const worker = startWorker('kernel-worker', options.resourceLimits);
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    await primeStopCheck(worker);
  } catch (error) {
    warn(`warning: no kernel worker (${(error as Error).message}); everything runs on one thread`);
    await worker.terminate();
    return { ...SERIAL_KERNELS, parseFile: parseFileTimed, clusterTasksHandedOver: () => 0, close: async () => {} };
  }
  worker.unref();

  // Why the worker stopped, once it has: its last error, then its exit code. Parses waiting on
  // it are rejected when it exits.
  let lastError: Error | undefined;
  let death: Error | undefined;
  const pending = new Set<(error: Error) => void>();
  worker.on('error', (error: Error) => (lastError = error));
  worker.on('exit', (code) => {
    death ??= stoppedError(code, lastError);
    for (const reject of pending) reject(death);
    pending.clear();
  });
  const alive = (): void => {
    // While this thread blocks, the exit event cannot arrive: ask the worker's handle directly.
    if (death === undefined && workerStopped(worker)) death = stoppedError(null, lastError);
    if (death) throw death;
  };

  /** Hands rows [split, rows) to the worker, runs `mine` on [0, split) here, waits for both. */
  const split = (task: Undone<KernelTask>, mine: () => void): void => {
    alive();
    const done = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({ ...task, done: done.buffer }, 'reply' in task ? [task.reply] : []);
    mine();
    while (Atomics.wait(done, 0, 0, WAIT_SLICE_MS) === 'timed-out') alive();
    if (Atomics.load(done, 0) === 2) throw new Error('kernel worker failed (its error is on stderr)');
  };

  /**
   * Tasks [0, count) of a clustering job: the worker runs the later half while this thread runs
   * the first; results in index order either way. A job below MIN_SPLIT_CLUSTER_WORK runs here.
   */
  let handedOver = 0;
  const shareTasks = <Result>(job: ClusterJob, count: number, onDone?: (finished: number) => void): Result[] => {
    const results: Result[] = [];
    const mine = count < 2 || clusterTaskWork(job) * count < MIN_SPLIT_CLUSTER_WORK ? count : Math.ceil(count / 2);
    const runMine = (): void => {
      for (let i = 0; i < mine; i++) {
        results.push(runClusterTask(job, i) as Result);
        onDone?.(i + 1);
      }
    };
    if (mine === count) {
      runMine();
      return results;
    }
    const channel = new MessageChannel();
    try {
      split({ kind: 'cluster', ...job, from: mine, to: count, reply: channel.port2 } as Undone<KernelTask>, runMine);
      const theirs = receiveMessageOnPort(channel.port1)?.message as Result[] | undefined;
      if (theirs?.length !== count - mine) throw new Error('kernel worker sent no clustering results');
      handedOver += theirs.length;
      onDone?.(count);
      return [...results, ...theirs];
    } finally {
      channel.port1.close();
    }
  };

  return {
    clusterTasksHandedOver: () => handedOver,
    restarts: (input, count, onDone) => shareTasks({ job: 'restarts', input }, count, onDone),
    refits: (input, count, onDone) => shareTasks({ job: 'refits', input }, count, onDone),
    sparseTimes(a, b, rowOf, into) {
      if (a.indices.length * b.cols < MIN_PARALLEL_WORK) return SERIAL_PRODUCTS.sparseTimes(a, b, rowOf, into);
      const out =
        into?.buffer instanceof SharedArrayBuffer && into.length === a.rows * b.cols
          ? into
          : sharedOutput(a.rows * b.cols);
      const half = halfOfNonZeros(a);
      const task = {
        kind: 'sparse',
        rows: a.rows,
        cols: a.cols,
        indptr: shared(a.indptr),
        indices: shared(a.indices),
        data: shared(a.data),
      } as const;
      const right = { right: shared(b.data), width: b.cols, rowOf: rowOf ? shared(rowOf) : null };
      split({ ...task, ...right, out: out.buffer as SharedArrayBuffer, from: half, to: a.rows }, () =>
        sparseTimesDenseRows(a, b.data, b.cols, out, 0, half, rowOf),
      );
      return { rows: a.rows, cols: b.cols, data: out };
    },
    denseTimes(m, w) {
      if (m.rows * m.cols * w.cols < MIN_PARALLEL_WORK) return SERIAL_PRODUCTS.denseTimes(m, w);
      const out = sharedOutput(m.rows * w.cols);
      const half = m.rows >> 1;
      const task = { kind: 'dense', left: shared(m.data), cols: m.cols, right: shared(w.data), width: w.cols } as const;
      split({ ...task, out: out.buffer as SharedArrayBuffer, from: half, to: m.rows }, () =>
        denseTimesRows(m.data, m.cols, w.data, w.cols, out, 0, half),
      );
      return { rows: m.rows, cols: w.cols, data: out };
    },
    gram(m) {
      if ((m.rows * m.cols * m.cols) / 2 < MIN_PARALLEL_WORK) return SERIAL_PRODUCTS.gram(m);
      const mine = new Float64Array(m.cols * m.cols);
      const theirs = sharedFloat64(m.cols * m.cols);
      const half = m.rows >> 1;
      split(
        {
          kind: 'gram',
          left: shared(m.data),
          cols: m.cols,
          out: theirs.buffer as SharedArrayBuffer,
          from: half,
          to: m.rows,
        },
        () => gramRows(m.data, m.cols, mine, 0, half),
      );
      for (let i = 0; i < mine.length; i++) mine[i]! += theirs[i]!;
      return symmetrise(mine, m.cols);
    },
    scanTexts(texts, onText) {
      if (texts.length < MIN_PARALLEL_TEXTS) return scanTexts(texts, onText);
      // The worker scans the second half (from a copy of its texts) while this thread scans the
      // first; its tokens are then renumbered into this thread's table, in the order it met them,
      // so ids come out as one thread would number them.
      const half = texts.length >> 1;
      const theirTexts = Array.from({ length: texts.length - half }, (_, i) => texts.text(half + i));
      const channel = new MessageChannel();
      const scanner = new TokenScanner();
      let mine: ScannedTexts | undefined;
      split({ kind: 'scan', texts: theirTexts, reply: channel.port2 }, () => {
        mine = scanTexts({ length: half, text: (i) => texts.text(i) }, (i) => onText?.(i * 2), scanner);
      });
      const theirs = receiveMessageOnPort(channel.port1)?.message as ScannedTexts | undefined;
      channel.port1.close();
      if (mine === undefined || theirs === undefined) throw new Error('kernel worker sent no scan result');
      const renumbered = Int32Array.from(theirs.tokens, (token) => scanner.intern(token));
      const ids = new Int32Array(mine.ids.length + theirs.ids.length);
      ids.set(mine.ids);
      for (let p = 0; p < theirs.ids.length; p++) {
        const id = theirs.ids[p]!;
        ids[mine.ids.length + p] = id === -1 ? -1 : renumbered[id]!;
      }
      return { tokens: scanner.tokens, ids };
    },
    parseFile(path, display) {
      if (death) return Promise.reject(death);
      const channel = new MessageChannel();
      const request: ParseRequest = { kind: 'parse', path, display, reply: channel.port2 };
      worker.postMessage(request, [channel.port2]);
      // Referenced while a parse is pending, so the process waits for the worker's exit event
      // rather than end (exit code 13) when the worker dies and nothing else is left to run.
      worker.ref();
      let fail: (error: Error) => void = () => {};
      return new Promise<{ result: ParseDumpResult; ms: number }>((resolve, reject) => {
        pending.add((fail = reject));
        channel.port1.once('message', (answer: { result: ParseDumpResult; ms: number } | { error: string }) => {
          if ('error' in answer) reject(new Error(`kernel worker could not parse ${display}: ${answer.error}`));
          else resolve(answer);
        });
      }).finally(() => {
        channel.port1.close();
        pending.delete(fail);
        if (pending.size === 0) worker.unref();
      });
    },
    releaseMemory: collectGarbage,
    close: () => worker.terminate().then(() => undefined),
  };
}

/** The worker died (out of memory, a crash, killed) while a task needed it: the run cannot go on. */
export class KernelWorkerStopped extends Error {
  override readonly name = 'KernelWorkerStopped';
}

/** `code` is null when the death was seen while this thread blocked, before the exit event. */
function stoppedError(code: number | null, error: Error | undefined): KernelWorkerStopped {
  const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
  const why = [code === null ? null : `exit code ${code}`, outOfMemory ? 'out of memory' : null].filter(Boolean);
  const what = error?.message ?? 'it ended while a task was waiting on it (any message it left is above)';
  const hint = outOfMemory
    ? '; rerun with a larger heap (NODE_OPTIONS=--max-old-space-size=MiB) or smaller inputs'
    : '';
  return new KernelWorkerStopped(
    `The kernel worker stopped${why.length > 0 ? ` (${why.join(', ')})` : ''}: ${what}${hint}`,
  );
}

/**
 * Whether the worker's thread has ended, asked synchronously: Node reports a stopped worker's
 * loop idle time as -1 (`idle < 0` in its event-loop utilisation). That works only once the
 * utilisation has been read while the worker ran (it caches the loop's start then): see
 * `primeStopCheck`.
 */
function workerStopped(worker: Worker): boolean {
  return worker.performance.eventLoopUtilization().idle < 0;
}

/** Reads the worker's utilisation until its loop start is known (see `workerStopped`). */
async function primeStopCheck(worker: Worker): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const { idle, active } = worker.performance.eventLoopUtilization();
    if (idle !== 0 || active !== 0) return;
    await sleep(10);
  }
  throw new Error('the worker did not report its event loop');
}

/** The row where the non-zeros before it first reach half of all. */
function halfOfNonZeros(a: CsrMatrix): number {
  const half = a.indices.length / 2;
  let low = 0;
  let high = a.rows;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (a.indptr[mid]! < half) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The buffer behind `array` when it is shared and whole; otherwise a shared copy. */
function shared(array: Int32Array | Float64Array): SharedArrayBuffer {
  if (
    array.buffer instanceof SharedArrayBuffer &&
    array.byteOffset === 0 &&
    array.byteLength === array.buffer.byteLength
  )
    return array.buffer;
  const copy = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(copy).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return copy;
}
