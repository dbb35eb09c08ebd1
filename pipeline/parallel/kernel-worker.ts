/**
 * A kernel worker: computes its rows of a product over shared memory (or its share of a scan or
 * of a clustering job), then raises the `done` flag the main thread is waiting on (see
 * kernel-pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { denseTimesRows, gramRows, sparseTimesDenseRows } from '../../src/numeric/dense.js';
import { scanTexts } from '../../src/text/token-scanner.js';
import { collectGarbage } from './collect-garbage.js';
import { clusterJobRows, runClusterTask } from './cluster-jobs.js';
import type { KernelTask, ParseRequest } from './kernel-pool.js';
import { parseFile } from '../io/read-parts.js';

/** Shared memory handed over by tasks since the last full collection that starts the next one (see below). */
const COLLECT_AFTER_BYTES = 256 * 2 ** 20;

function run(task: KernelTask): void {
  if (task.kind === 'cluster') {
    try {
      // This thread's share: the same tasks the main thread runs for its own.
      task.reply.postMessage(
        Array.from({ length: task.to - task.from }, (_, at) => runClusterTask(task, task.from + at)),
      );
    } finally {
      task.reply.close();
    }
    return;
  }
  if (task.kind === 'scan') {
    const scanned = scanTexts({ length: task.texts.length, text: (i) => task.texts[i]! });
    // Transferred, not copied: at a million papers the ids are 400 MB. The transfer detaches the
    // buffer, after which V8 checks for detached buffers at every typed-array access of this
    // thread; its products and distances run in WebAssembly, which that does not slow.
    task.reply.postMessage(scanned, [scanned.ids.buffer as ArrayBuffer]);
    task.reply.close();
    return;
  }
  const out = new Float64Array(task.out);
  if (task.kind === 'sparse') {
    const a = {
      rows: task.rows,
      cols: task.cols,
      indptr: new Int32Array(task.indptr),
      indices: new Int32Array(task.indices),
      data: new Float64Array(task.data),
    };
    sparseTimesDenseRows(
      a,
      new Float64Array(task.right),
      task.width,
      out,
      task.from,
      task.to,
      task.rowOf ? new Int32Array(task.rowOf) : undefined,
    );
  } else if (task.kind === 'dense') {
    denseTimesRows(
      new Float64Array(task.left),
      task.cols,
      new Float64Array(task.right),
      task.width,
      out,
      task.from,
      task.to,
    );
  } else {
    gramRows(new Float64Array(task.left), task.cols, out, task.from, task.to);
  }
}

// Every task brings new shared buffers, and this thread's own heap hardly grows, so without an
// explicit collection it would keep each one alive (700 MB of them at 200,000 papers).
parentPort?.on('message', (task: KernelTask | ParseRequest) => {
  if (task.kind === 'parse') {
    // Asynchronous (it reads the file); the answer goes back on the request's own port.
    const started = performance.now();
    void parseFile(task.path, task.display).then(
      (result) => {
        task.reply.postMessage({ result, ms: performance.now() - started });
        collectGarbage();
      },
      (error: unknown) => task.reply.postMessage({ error: String(error) }),
    );
    return;
  }
  const done = new Int32Array(task.done);
  try {
    run(task);
    Atomics.store(done, 0, 1);
  } catch (error) {
    console.error(`kernel worker: ${String(error)}`);
    Atomics.store(done, 0, 2);
  }
  Atomics.notify(done, 0);
  // Shared matrices are freed only once this thread lets go of them too, but a full collection
  // (about 10 ms here) holds up the next task, often sent at once: collect once the tasks since
  // the last collection brought COLLECT_AFTER_BYTES of shared memory (at 20,000 papers this made
  // 20 collections, 223 ms, one after every product).
  sharedSinceCollection += sharedBytes(task);
  if (sharedSinceCollection >= COLLECT_AFTER_BYTES) {
    collectGarbage();
    sharedSinceCollection = 0;
  }
});

let sharedSinceCollection = 0;

/** The shared memory a task hands this thread (a scan's texts are a copy, collected as usual). */
function sharedBytes(task: KernelTask): number {
  switch (task.kind) {
    case 'scan':
      return 0;
    case 'cluster':
      return clusterJobRows(task).data.byteLength;
    case 'sparse':
      return (
        task.out.byteLength +
        task.indptr.byteLength +
        task.indices.byteLength +
        task.data.byteLength +
        task.right.byteLength +
        (task.rowOf?.byteLength ?? 0)
      );
    case 'dense':
      return task.out.byteLength + task.left.byteLength + task.right.byteLength;
    case 'gram':
      return task.out.byteLength + task.left.byteLength;
  }
}
parentPort?.postMessage('ready');
