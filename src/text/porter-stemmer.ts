/**
 * natural's Porter stemmer (`natural/lib/natural/stemmers/porter_stemmer.js`), step for step, with
 * its regular expressions written out as loops over the characters: the same stem for every word
 * of lower-case ASCII letters (test/text/porter-stemmer.test.ts compares the two on every word of
 * a vocabulary and on random words made to hit each rule). natural builds a RegExp per suffix it
 * tries and three per measure; on the 2,000-abstract bench corpus, stemming its 20,000 distinct
 * words took about a quarter of a second of the run.
 *
 * Only lower-case ASCII words come here (`porterStem`); any other word goes to natural itself.
 * natural's quirks are kept, e.g. a measure can be a half (`categorizeGroups` can put two V's in a
 * row), step 2 and 3 test each suffix against the word as it came in but replace it in the word
 * as it is by then, and step 4 takes the shortest stem before a listed suffix.
 */
import { createRequire } from 'node:module';

const ASCII_WORD = /^[a-z]+$/;

/**
 * natural's stemmer, loaded on the first word that needs it (a word with a letter outside a-z):
 * loading its five modules cost 8 ms of every run, most of which never meet such a word.
 */
let natural: { stem(word: string): string } | null = null;
function naturalStemmer(): { stem(word: string): string } {
  natural ??= createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as {
    stem(word: string): string;
  };
  return natural;
}

/** The Porter stem of `word`, as natural's `PorterStemmer.stem` gives it. */
export function porterStem(word: string): string {
  if (!ASCII_WORD.test(word)) return naturalStemmer().stem(word);
  if (word.length < 3) return word;
  return step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word))))))));
}

function isVowel(c: number): boolean {
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117; // a e i o u
}

const Y = 121;

/**
 * natural's `categorizeGroups` of `token.slice(0, end)` (`[^aeiouy]+y` -> `CV`, then `[aeiou]+`
 * -> `V`, then `[^V]+` -> `C`), summarised in `groups` instead of spelled out: a string built per
 * call made these the stemmer's costliest lines. In one pass: a run of vowels is one V; a run of
 * letters outside aeiouy is C, and CV when a y follows it (the y taken); any other y is C; C's
 * next to each other merge, V's do not (a run of vowels right after such a y is a V of its own).
 */
function readGroups(token: string, end: number): void {
  groups.length = 0;
  groups.firstIsC = false;
  groups.lastIsV = false;
  groups.vBeforeLast = false;
  let lastC = false;
  let i = 0;
  while (i < end) {
    const code = token.charCodeAt(i);
    if (isVowel(code)) {
      while (i < end && isVowel(token.charCodeAt(i))) i++;
      addGroup(true);
      lastC = false;
    } else if (code === Y) {
      if (!lastC) addGroup(false);
      lastC = true;
      i++;
    } else {
      while (i < end && !isVowel(token.charCodeAt(i)) && token.charCodeAt(i) !== Y) i++;
      if (!lastC) addGroup(false);
      lastC = true;
      if (i < end && token.charCodeAt(i) === Y) {
        addGroup(true);
        lastC = false;
        i++;
      }
    }
  }
}

/** The C/V string `readGroups` read: its length, whether it starts with C, ends with V, has a V before its end. */
const groups = { length: 0, firstIsC: false, lastIsV: false, vBeforeLast: false };

function addGroup(isV: boolean): void {
  if (groups.length === 0) groups.firstIsC = !isV;
  if (groups.lastIsV) groups.vBeforeLast = true;
  groups.lastIsV = isV;
  groups.length++;
}

/** natural's `categorizeChars`: `[^aeiouy]y` -> `CV`, then `[aeiou]` -> `V`, then `[^V]` -> `C`. */
function categorizeChars(token: string): string {
  let out = '';
  const n = token.length;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i);
    if (!isVowel(c) && c !== Y && i + 1 < n && token.charCodeAt(i + 1) === Y) {
      out += 'CV';
      i++;
    } else out += isVowel(c) ? 'V' : 'C';
  }
  return out;
}

/** natural's `measure` of `token.slice(0, end)`: -1 for an empty word. */
function measure(token: string, end: number): number {
  if (end <= 0) return -1;
  readGroups(token, end);
  const from = groups.firstIsC ? 1 : 0; // ^C
  const to = groups.length > from && groups.lastIsV ? groups.length - 1 : groups.length; // V$
  return (to - from) / 2;
}

/** natural's measure of `token` without `suffix`, or -1 (its measure of null) when it does not end so. */
function measureBefore(token: string, suffix: string): number {
  return token.endsWith(suffix) ? measure(token, token.length - suffix.length) : -1;
}

/** `/([^aeiou])\1$/`: the last two letters equal and not a vowel. */
function endsWithDoubleConsonant(token: string): boolean {
  const n = token.length;
  if (n < 2) return false;
  const c = token.charCodeAt(n - 1);
  return c === token.charCodeAt(n - 2) && !isVowel(c);
}

/** natural's `attemptReplace` with a string pattern (no callback): null when the word does not end in it. */
function replaceEnd(token: string, suffix: string, replacement: string): string | null {
  return token.endsWith(suffix) ? token.slice(0, token.length - suffix.length) + replacement : null;
}

type Replacements = readonly (readonly [string, string])[];

/** natural's `attemptReplacePatterns` with its `|| token`. */
function replacePatterns(token: string, replacements: Replacements, measureThreshold: number | null): string {
  let replacement = token;
  for (const [suffix, by] of replacements) {
    if (measureThreshold === null || measureBefore(token, suffix) > measureThreshold) {
      replacement = replaceEnd(replacement, suffix, by) || replacement;
    }
  }
  return replacement || token;
}

function step1a(token: string): string {
  if (token.endsWith('sses') || token.endsWith('ies')) return token.slice(0, -2);
  const n = token.length;
  if (token.endsWith('s') && token.charCodeAt(n - 2) !== 115 && n > 2) return token.slice(0, -1);
  return token;
}

const STEP1B: Replacements = [
  ['at', 'ate'],
  ['bl', 'ble'],
  ['iz', 'ize'],
];

function step1b(token: string): string {
  if (token.endsWith('eed')) {
    if (measure(token, token.length - 3) > 0) return token.slice(0, -1);
    return token;
  }
  const cut = token.endsWith('ing') ? 3 : token.endsWith('ed') ? 2 : 0;
  if (cut === 0) return token;
  const stem = token.slice(0, -cut);
  if (!stem) return token; // natural calls back only for a non-empty result
  readGroups(stem, stem.length);
  if (!groups.lastIsV && !groups.vBeforeLast) return token; // no V at all
  const result = replacePatterns(stem, STEP1B, null);
  if (result !== stem) return result;
  if (endsWithDoubleConsonant(stem)) {
    const last = stem.charCodeAt(stem.length - 1);
    if (last !== 108 && last !== 115 && last !== 122) return stem.slice(0, -1); // [^lsz]$
  }
  if (measure(stem, stem.length) === 1 && categorizeChars(stem).slice(-3) === 'CVC') {
    const last = stem.charCodeAt(stem.length - 1);
    if (last !== 119 && last !== 120 && last !== Y) return `${stem}e`; // [^wxy]$
  }
  return stem;
}

function step1c(token: string): string {
  if (!token.endsWith('y')) return token;
  readGroups(token, token.length);
  if (groups.vBeforeLast) return `${token.slice(0, -1)}i`; // a V before the last group
  return token;
}

const STEP2: Replacements = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['abli', 'able'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];

/**
 * A list's suffixes by their last letter, in list order. With a measure threshold, a suffix the
 * word does not end in is never replaced, so only those ending in its last letter need trying:
 * words ending in i try 12 of step 2's 22 suffixes, most words none (the 52,000 distinct words of
 * the 20,000-paper bench corpus, warm: 130-154 -> 87-108 ms).
 */
function byLastLetter(replacements: Replacements): (token: string) => Replacements {
  const lists = new Map<number, (readonly [string, string])[]>();
  for (const entry of replacements) {
    const last = entry[0].charCodeAt(entry[0].length - 1);
    lists.set(last, [...(lists.get(last) ?? []), entry]);
  }
  return (token) => lists.get(token.charCodeAt(token.length - 1)) ?? [];
}

const step2Candidates = byLastLetter(STEP2);

function step2(token: string): string {
  return replacePatterns(token, step2Candidates(token), 0);
}

const STEP3: Replacements = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];

const step3Candidates = byLastLetter(STEP3);

function step3(token: string): string {
  return replacePatterns(token, step3Candidates(token), 0);
}

const STEP4 = new Set([
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
]);

function step4(token: string): string {
  // /^(.+?)(al|ance|…|ize)$/: the shortest non-empty stem before a listed suffix.
  const n = token.length;
  for (let i = Math.max(1, n - 5); i < n; i++) {
    if (STEP4.has(token.slice(i))) {
      if (measure(token, i) > 1) return token.slice(0, i);
      break; // natural then tries the next expression
    }
  }
  // /^(.+?)(s|t)(ion)$/
  if (n >= 5 && token.endsWith('ion')) {
    const c = token.charCodeAt(n - 4);
    if (c === 115 || c === 116) {
      if (measure(token, n - 3) > 1) return token.slice(0, n - 3);
    }
  }
  return token;
}

function step5a(token: string): string {
  const bare = token.endsWith('e') ? token.slice(0, -1) : token;
  const m = measure(bare, bare.length);
  if (m > 1) return bare;
  if (m === 1) {
    const n = token.length;
    const cvc = categorizeChars(token).substr(-4, 3) === 'CVC';
    const c = n >= 2 ? token.charCodeAt(n - 2) : -1;
    const notWxy = n >= 2 && c !== 119 && c !== 120 && c !== Y; // /[^wxy].$/
    if (!(cvc && notWxy)) return bare;
  }
  return token;
}

function step5b(token: string): string {
  if (token.endsWith('ll') && measure(token, token.length) > 1) return token.slice(0, -1);
  return token;
}
