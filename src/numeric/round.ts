/**
 * Rounds to `digits` decimals for output, so files stay readable and stable across platforms'
 * last-bit differences; -0 becomes 0, so a value never prints as "-0".
 */
export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}
