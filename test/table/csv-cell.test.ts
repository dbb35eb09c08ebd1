import { describe, expect, it } from 'vitest';
import { encodeCsvCell } from '../../src/table/csv-cell.js';

describe('encodeCsvCell', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(encodeCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(encodeCsvCell('+1')).toBe("'+1");
    expect(encodeCsvCell('-cmd')).toBe("'-cmd");
    expect(encodeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('quotes commas, quotes and line breaks, and leaves plain text and numbers alone', () => {
    expect(encodeCsvCell('a, b')).toBe('"a, b"');
    expect(encodeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(encodeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(encodeCsvCell('plain')).toBe('plain');
    expect(encodeCsvCell(12)).toBe('12');
    expect(encodeCsvCell(null)).toBe('');
  });
});
