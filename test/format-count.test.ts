import { describe, expect, it } from 'vitest';
import { formatCount } from '../src/format-count.js';
import { createRandom } from '../src/numeric/random.js';

describe('formatCount', () => {
  it("writes every count as toLocaleString('en') does", () => {
    const random = createRandom(3);
    const counts = [0, 1, 12, 999, 1000, 1001, 99_999, 100_000, 1_234_567, -1, -1000, -987_654_321];
    for (let i = 0; i < 500; i++) counts.push(Math.floor(random() * 10 ** Math.floor(random() * 13)));
    for (const n of counts) expect(formatCount(n), String(n)).toBe(n.toLocaleString('en'));
  });
});
