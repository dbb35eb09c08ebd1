/** How long computations say how far along they are, without knowing who listens. */
export interface ProgressSink {
  /** A new phase of `total` units (documents, iterations, files…). */
  start(total: number, unit: string): void;
  /** `done` units of the current phase are finished. */
  advance(done: number): void;
}

export const NO_PROGRESS: ProgressSink = { start: () => undefined, advance: () => undefined };
