import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../pipeline/io/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    stream: { isTTY, write: (text: string) => void writes.push(text) } as unknown as NodeJS.WriteStream,
    writes,
  };
}

describe('progress on stderr', () => {
  it('draws a bar with stage, done/total, unit and rate on a terminal, and clears it at the end', () => {
    const { stream, writes } = fakeStream(true);
    const stage = createProgressReporter(stream, false).stage('tokenize');
    stage.start(10, 'papers');
    stage.advance(10);
    stage.finish();
    expect(writes[0]).toMatch(new RegExp(String.raw`^\r\u001b\[2Ktokenize {2}░{24} 0/10 papers {2}0\.0/s`));
    expect(writes.at(-1)).toBe('\r\x1b[2K'); // a stage under a second leaves no line behind
  });

  it('prints nothing with --quiet, and no bars when stderr is not a terminal', () => {
    for (const [tty, quiet] of [
      [true, true],
      [false, false],
    ] as const) {
      const { stream, writes } = fakeStream(tty);
      const stage = createProgressReporter(stream, quiet).stage('lsa');
      stage.start(7, 'passes');
      stage.advance(3);
      stage.finish();
      expect(writes).toEqual([]);
    }
  });
});
