/** What a run keeps as it goes: every diagnostic (also printed as it is found) and every step's timing. */
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { measured, type StageTiming } from './stage.js';

export class RunRecord {
  readonly diagnostics: Diagnostic[] = [];
  readonly timings: StageTiming[] = [];

  constructor(readonly log: (line: string) => void) {}

  report(found: readonly Diagnostic[]): void {
    for (const d of found) {
      this.diagnostics.push(d);
      this.log(formatDiagnostic(d));
    }
  }

  get exitCode(): 0 | 1 {
    return this.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  }

  /** Runs `step`, recording its time under `name`. */
  async timed<T>(name: string, key: string, step: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    const result = await step();
    this.timings.push(measured(name, key, started));
    return result;
  }
}
