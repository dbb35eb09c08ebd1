/**
 * Progress on stderr: on a terminal, one redrawn bar per stage (stage, done/total, rate, ETA);
 * otherwise a plain line when a stage that took more than a second ends; nothing with --quiet.
 */
import type { ProgressSink } from '../../src/progress.js';
import { formatCount } from '../../src/format-count.js';

export interface StageProgress extends ProgressSink {
  finish(): void;
}

export interface ProgressReporter {
  stage(name: string): StageProgress;
}

export function createProgressReporter(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  const tty = stream.isTTY === true;
  return {
    stage(name) {
      const started = performance.now();
      let total = 0;
      let unit = '';
      let done = 0;
      let phaseStarted = started;
      let lastDraw = 0;
      const draw = (force: boolean): void => {
        const now = performance.now();
        if (!force && now - lastDraw < 100) return;
        lastDraw = now;
        const seconds = (now - phaseStarted) / 1000;
        const rate = seconds > 0 ? done / seconds : 0;
        const eta = rate > 0 && total > done ? `ETA ${formatSeconds((total - done) / rate)}` : '';
        const width = 24;
        const filled = total > 0 ? Math.round((done / total) * width) : 0;
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(
          `\r\x1b[2K${name.padEnd(9)} ${bar} ${formatCount(done)}/${formatCount(total)} ${unit}  ${rate.toFixed(rate < 10 ? 1 : 0)}/s  ${eta}`,
        );
      };
      return {
        start(n, u) {
          total = n;
          unit = u;
          done = 0;
          phaseStarted = performance.now();
          if (tty && !quiet) draw(true);
        },
        advance(n) {
          done = n;
          if (tty && !quiet) draw(false);
        },
        finish() {
          const seconds = (performance.now() - started) / 1000;
          if (quiet) return;
          if (tty) {
            if (total > 0) stream.write(`\r\x1b[2K`);
            if (seconds >= 1) stream.write(`${name.padEnd(9)} done in ${formatSeconds(seconds)}\n`);
          } else if (seconds >= 1) {
            stream.write(`${name}: ${total > 0 ? `${formatCount(total)} ${unit} ` : ''}in ${formatSeconds(seconds)}\n`);
          }
        },
      };
    },
  };
}

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
