/**
 * The tokens of a text as ids, without making a string per token: characters are lower-cased and
 * hashed as they are scanned, and a token is looked up by hash and characters in a table of the
 * tokens seen so far. Only a token never seen before becomes a string. (On 200,000 abstracts a
 * global RegExp plus a Map<string, number> spent 20 s mostly allocating, hashing and collecting
 * strings that were already known.)
 *
 * Tokens are what /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[.,;:!?()[\]{}"“”]/gu matches in the
 * lower-cased text: words with inner hyphens kept, and punctuation marks. Lower-casing is per
 * character, so the two context-dependent cases differ: a final 'Σ' becomes 'σ' (not 'ς') and 'İ'
 * stays 'İ' (not 'i' plus a combining dot, which would split the word).
 */

import { IntStream } from '../numeric/int-stream.js';

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const PUNCTUATION = '.,;:!?()[]{}"“”';

const enum CharClass {
  Unknown = 0,
  Other = 1,
  Word = 2,
  Punctuation = 3,
}

export class TokenScanner {
  // Per BMP code unit: its class and lower-case form, filled on first sight.
  private readonly classes = new Uint8Array(65536);
  private readonly lower = new Uint16Array(65536);
  // The token table: open addressing over hashes; token t's characters are pool[starts[t] .. starts[t] + lengths[t]).
  private slots = new Int32Array(1 << 16).fill(-1);
  private hashes = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  private pool = new Uint16Array(1 << 16);
  private poolLength = 0;
  private scratch = new Uint16Array(256);
  /** Token id -> its text. */
  readonly tokens: string[] = [];

  /** Calls `visit(id)` for each token of `text` in order; ids number tokens in order of first sight. */
  scan(text: string, visit: (id: number) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const kind = this.classOf(text, i);
      if (kind === CharClass.Word) {
        let length = 0;
        let hash = 0x811c9dc5 | 0;
        for (;;) {
          // A run of word characters (surrogate pairs included), lower-cased into scratch.
          while (i < n) {
            const width = this.widthOfWordChar(text, i);
            if (width === 0) break;
            for (let w = 0; w < width; w++) {
              const unit = this.lowerOf(text, i, width, w);
              if (length === this.scratch.length) this.growScratch();
              this.scratch[length++] = unit;
              hash = Math.imul(hash ^ unit, 0x01000193);
            }
            i += width;
          }
          if (i + 1 < n && text.charCodeAt(i) === 45 && this.widthOfWordChar(text, i + 1) > 0) {
            if (length === this.scratch.length) this.growScratch();
            this.scratch[length++] = 45;
            hash = Math.imul(hash ^ 45, 0x01000193);
            i++;
            continue;
          }
          break;
        }
        visit(this.idOf(hash, length));
      } else if (kind === CharClass.Punctuation) {
        const unit = text.charCodeAt(i);
        this.scratch[0] = unit;
        visit(this.idOf(Math.imul((0x811c9dc5 | 0) ^ unit, 0x01000193), 1));
        i++;
      } else {
        i++;
      }
    }
  }

  /** The id of a token already lower-cased (one this or another scanner produced), added if new. */
  intern(token: string): number {
    let hash = 0x811c9dc5 | 0;
    while (this.scratch.length < token.length) this.growScratch();
    for (let c = 0; c < token.length; c++) {
      const unit = token.charCodeAt(c);
      this.scratch[c] = unit;
      hash = Math.imul(hash ^ unit, 0x01000193);
    }
    return this.idOf(hash, token.length);
  }

  private classOf(text: string, i: number): CharClass {
    const unit = text.charCodeAt(i);
    let kind = this.classes[unit]!;
    if (kind === CharClass.Unknown) kind = this.learn(unit);
    if (kind === CharClass.Unknown) return this.widthOfWordChar(text, i) > 0 ? CharClass.Word : CharClass.Other;
    return kind;
  }

  /** 0 when the character at i is not a word character, else its length in code units. */
  private widthOfWordChar(text: string, i: number): number {
    const unit = text.charCodeAt(i);
    let kind = this.classes[unit]!;
    if (kind === CharClass.Unknown) kind = this.learn(unit);
    if (kind === CharClass.Word) return 1;
    if (kind !== CharClass.Unknown) return 0;
    // A surrogate: judge the whole code point.
    const point = text.codePointAt(i)!;
    return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point).toLowerCase()) ? 2 : 0;
  }

  private lowerOf(text: string, i: number, width: number, w: number): number {
    if (width === 1) return this.lower[text.charCodeAt(i)]!;
    const lowered = String.fromCodePoint(text.codePointAt(i)!).toLowerCase();
    return lowered.length === 2 ? lowered.charCodeAt(w) : text.charCodeAt(i + w);
  }

  /** Classifies a BMP code unit once; surrogates stay Unknown and are judged as code points. */
  private learn(unit: number): CharClass {
    if (unit >= 0xd800 && unit <= 0xdfff) return CharClass.Unknown;
    const char = String.fromCharCode(unit);
    const lowered = char.toLowerCase();
    // A character whose lower case is not one code unit (e.g. 'İ') keeps its own form.
    const form = lowered.length === 1 ? lowered : char;
    this.lower[unit] = form.charCodeAt(0);
    const kind = PUNCTUATION.includes(form)
      ? CharClass.Punctuation
      : WORD_CHAR.test(form)
        ? CharClass.Word
        : CharClass.Other;
    this.classes[unit] = kind;
    return kind;
  }

  private idOf(hash: number, length: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id === -1) {
        this.slots[slot] = this.add(hash, length);
        if (this.tokens.length * 2 > this.slots.length) this.rehash();
        return this.tokens.length - 1;
      }
      if (this.hashes[id] === hash && this.lengths[id] === length && this.sameChars(id, length)) return id;
    }
  }

  private sameChars(id: number, length: number): boolean {
    const start = this.starts[id]!;
    for (let c = 0; c < length; c++) if (this.pool[start + c] !== this.scratch[c]) return false;
    return true;
  }

  private add(hash: number, length: number): number {
    const id = this.tokens.length;
    if (id === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    while (this.poolLength + length > this.pool.length) {
      const bigger = new Uint16Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool.set(this.scratch.subarray(0, length), this.poolLength);
    this.hashes[id] = hash;
    this.starts[id] = this.poolLength;
    this.lengths[id] = length;
    this.poolLength += length;
    this.tokens.push(textOf(this.scratch, length));
    return id;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let id = 0; id < this.tokens.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = id;
    }
  }

  private growScratch(): void {
    const bigger = new Uint16Array(this.scratch.length * 2);
    bigger.set(this.scratch);
    this.scratch = bigger;
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function textOf(units: Uint16Array, length: number): string {
  // `apply` over a typed array: about half the cost of spreading it into arguments.
  if (length <= 4096) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  let text = '';
  for (let at = 0; at < length; at += 4096)
    text += String.fromCharCode(...units.subarray(at, Math.min(length, at + 4096)));
  return text;
}

/** Texts read one at a time: a corpus need not hold a second copy of all its text. */
export interface TextSource {
  readonly length: number;
  text(index: number): string;
}

/** The tokens of many texts: each text's token ids followed by -1, and each id's token. */
export interface ScannedTexts {
  readonly tokens: readonly string[];
  readonly ids: Int32Array;
}

/**
 * Scans every text; `onText(i)` is called before text i (for progress). Ids continue `scanner`'s
 * numbering, so a second thread's tokens can be interned into it afterwards.
 */
export function scanTexts(
  texts: TextSource,
  onText: (index: number) => void = () => {},
  scanner = new TokenScanner(),
): ScannedTexts {
  const ids = new IntStream();
  const push = (id: number): void => ids.push(id);
  for (let i = 0; i < texts.length; i++) {
    onText(i);
    scanner.scan(texts.text(i), push);
    push(-1);
  }
  return { tokens: scanner.tokens, ids: ids.toArray() };
}

/** Stands in for `scanTexts` (a worker pool can scan half the texts on another thread). */
export type TextScan = (texts: TextSource, onText?: (index: number) => void) => ScannedTexts;
