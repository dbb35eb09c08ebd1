/**
 * Work made of independent numbered tasks (the restarts of a k-means fit, the refits that judge
 * the broad groups): each task is a pure function of its job and its index, so a runner may hand
 * some of them to another thread and still return the same results, bit for bit, in index order.
 */
export type TaskRunner<Job, Result> = (job: Job, count: number, onDone?: (finished: number) => void) => Result[];

/** A runner that runs every task here, one after another, saying after each how many are done. */
export function runningHere<Job, Result>(run: (job: Job, index: number) => Result): TaskRunner<Job, Result> {
  return (job, count, onDone) =>
    Array.from({ length: count }, (_, index) => {
      const result = run(job, index);
      onDone?.(index + 1);
      return result;
    });
}
