import { describe, expect, it } from 'vitest';
import { round } from '../../src/numeric/round.js';

describe('round', () => {
  it('rounds to 4 decimals by default, or to the digits asked', () => {
    expect(round(0.123456)).toBe(0.1235);
    expect(round(0.123456, 2)).toBe(0.12);
    expect(round(2.5, 0)).toBe(3);
  });

  it('never gives -0', () => {
    expect(Object.is(round(-0.00001), 0)).toBe(true);
  });
});
