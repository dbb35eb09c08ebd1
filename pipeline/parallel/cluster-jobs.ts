/**
 * The clustering jobs the kernel pool shares (see src/cluster/tasks.ts): what each is, how its
 * task i runs, and its size, in one place for both threads.
 */
import { runRefit, type Refit, type RefitJob } from '../../src/cluster/choose-k.js';
import { runRestart, type RestartJob, type RestartResult } from '../../src/cluster/kmeans.js';
import type { DenseMatrix } from '../../src/numeric/dense.js';

export type ClusterJob =
  { readonly job: 'restarts'; readonly input: RestartJob } | { readonly job: 'refits'; readonly input: RefitJob };

/** Task i of a job, on whichever thread runs it. */
export function runClusterTask(job: ClusterJob, i: number): RestartResult | Refit {
  return job.job === 'restarts' ? runRestart(job.input, i) : runRefit(job.input, i);
}

/** The rows the job's tasks cluster. */
export function clusterJobRows(job: ClusterJob): DenseMatrix {
  return job.job === 'restarts' ? job.input.points : job.input.sample;
}

/** Rows × centres × dimensions of one task: what a task's passes over its rows cost. */
export function clusterTaskWork(job: ClusterJob): number {
  const rows = clusterJobRows(job);
  return rows.rows * rows.cols * (job.job === 'restarts' ? job.input.clusters : job.input.k);
}
