import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenScanner } from '../../src/text/token-scanner.js';

const REFERENCE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[.,;:!?()[\]{}"“”]/gu;

function scanned(scanner: TokenScanner, text: string): string[] {
  const out: string[] = [];
  scanner.scan(text, (id) => out.push(scanner.tokens[id]!));
  return out;
}

describe('TokenScanner', () => {
  it('finds the tokens the reference pattern finds in the lower-cased text', () => {
    // Letters with and without case, digits, hyphens, punctuation, spaces, symbols, an astral letter.
    const alphabet = [
      'a',
      'B',
      'z',
      'É',
      'ß',
      'ж',
      'Д',
      '中',
      '7',
      '²',
      '-',
      '-',
      ' ',
      ' ',
      '.',
      ',',
      '(',
      '"',
      '“',
      '+',
      '/',
      '\n',
      '𝐱',
      '😀',
    ];
    const scanner = new TokenScanner();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(scanned(scanner, text)).toEqual(text.toLowerCase().match(REFERENCE) ?? []);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a token the same id every time it is seen, whatever its case', () => {
    const scanner = new TokenScanner();
    const ids: number[] = [];
    scanner.scan('Fine-tuning GPT-4; fine-tuning gpt-4.', (id) => ids.push(id));
    expect(scanner.tokens).toEqual(['fine-tuning', 'gpt-4', ';', '.']);
    expect(ids).toEqual([0, 1, 2, 0, 1, 3]);
  });

  it('keeps a token longer than any buffer whole', () => {
    const scanner = new TokenScanner();
    const long = 'x'.repeat(100_000);
    expect(scanned(scanner, `a ${long} b`)).toEqual(['a', long, 'b']);
  });
});
