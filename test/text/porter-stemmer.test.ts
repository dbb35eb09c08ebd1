import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/text/porter-stemmer.js';

const SEEDS = join(import.meta.dirname, '..', '..', 'seeds');

/** Every suffix a rule of the stemmer looks for, and a few that combine them. */
const SUFFIXES = [
  ...['ational', 'tional', 'enci', 'anci', 'izer', 'abli', 'bli', 'alli', 'entli', 'eli', 'ousli', 'ization'],
  ...['ation', 'ator', 'alism', 'iveness', 'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'logi', 'icate'],
  ...['ative', 'alize', 'iciti', 'ical', 'ful', 'ness', 'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible'],
  ...['ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'sion', 'tion', 'eed'],
  ...['ed', 'ing', 'sses', 'ies', 's', 'ss', 'y', 'e', 'll', 'at', 'bl', 'iz', 'ly', 'ings', 'ations', 'ers'],
];

describe('porterStem', () => {
  it("gives natural's stem for every word of the seeds", () => {
    const words = new Set<string>();
    for (const file of readdirSync(SEEDS))
      for (const [word] of readFileSync(join(SEEDS, file), 'utf8')
        .toLowerCase()
        .matchAll(/\p{L}+/gu))
        words.add(word);
    expect(words.size).toBeGreaterThan(3000);
    for (const word of words) expect(porterStem(word), word).toBe(PorterStemmer.stem(word));
  });

  it("gives natural's stem for random words built to reach every rule (y after consonants, doubled letters, suffixes)", () => {
    const letter = fc.constantFrom(...'aeiouyybcdlsstzwxnmgr');
    const word = fc
      .tuple(fc.array(letter, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...SUFFIXES), { maxLength: 3 }))
      .map(([letters, suffixes]) => letters.join('') + suffixes.join(''));
    fc.assert(
      fc.property(word, (w) => porterStem(w) === PorterStemmer.stem(w)),
      { numRuns: 200_000, seed: 13 },
    );
  });

  it('hands any word that is not lower-case ASCII to natural', () => {
    for (const word of ['naïve', 'résumés', 'İstanbul', 'Models', 'gpt-4', 'straße', '𝔞𝔟𝔠ing'])
      expect(porterStem(word), word).toBe(PorterStemmer.stem(word));
  });
});
