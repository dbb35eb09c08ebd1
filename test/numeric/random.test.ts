import { describe, expect, it } from 'vitest';
import { createGaussian, createRandom, fillGaussian } from '../../src/numeric/random.js';

describe('fillGaussian', () => {
  it('gives the values createGaussian gives, in order, for even and odd lengths', () => {
    for (const length of [0, 1, 2, 7, 1000]) {
      const one = createGaussian(createRandom(3));
      const expected = Float64Array.from({ length }, () => one());
      expect(fillGaussian(new Float64Array(length), createRandom(3))).toEqual(expected);
    }
  });

  it('draws standard normal values', () => {
    const values = fillGaussian(new Float64Array(100_000), createRandom(8));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });
});
