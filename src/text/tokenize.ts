/**
 * Abstracts to terms: lower-case, tokenise (keeping `fine-tuning`, `gpt-4`, `3d`), drop stop
 * words and numbers, Porter-stem, and add frequent bigrams as terms of their own. Every term keeps
 * the surface form people wrote most often, so stems never reach a reader.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { ENGLISH_STOPWORDS, SCIENTIFIC_STOPWORDS } from './stopwords.js';

export interface TokenizeOptions {
  /** Porter-stem words (`models` and `model` become one term). */
  readonly stem: boolean;
  /** Add adjacent word pairs seen in at least `minPhraseCount` documents as terms. */
  readonly phrases: boolean;
  readonly minPhraseCount: number;
  /** Drop the scientific stop words (`paper`, `propose`, `method`, …) as well as English ones. */
  readonly scientificStopwords: boolean;
}

export const TOKENIZE_DEFAULTS: TokenizeOptions = {
  stem: true,
  phrases: true,
  minPhraseCount: 4,
  scientificStopwords: true,
};

/** Documents as term ids, in CSR layout: document i is `tokenIds[offsets[i] .. offsets[i+1])`. */
export interface TokenizedCorpus {
  /** Term keys: a stem, or two stems joined by a space for a phrase. */
  readonly terms: readonly string[];
  /** What to show for each term: its most frequent surface form (`tuning`, `language models`). */
  readonly labels: readonly string[];
  readonly offsets: Int32Array;
  readonly tokenIds: Int32Array;
}

// Words, with inner hyphens and digits kept; punctuation is matched too, as a phrase boundary.
const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|[.,;:!?()[\]{}"“”]/gu;
const BREAK = -1;

/** Tokenises every document; the same texts and options give the same corpus, term for term. */
export function tokenizeCorpus(texts: readonly string[], options: Partial<TokenizeOptions> = {}, progress: ProgressSink = NO_PROGRESS): TokenizedCorpus {
  const opts = { ...TOKENIZE_DEFAULTS, ...options };
  const tokenizer = new RegexpTokenizer({ pattern: TOKEN, gaps: false });
  const stopwords = new Set([...ENGLISH_STOPWORDS, ...(opts.scientificStopwords ? SCIENTIFIC_STOPWORDS : [])]);

  // 1. Surface words per document, with BREAK where a stop word or punctuation stood. Each
  //    distinct token is judged once; after that a token costs one map lookup.
  const tokenIds = new Map<string, number>(); // token -> surface id, or BREAK
  const surfaces: string[] = [];
  const surfaceCounts: number[] = [];
  progress.start(texts.length, 'papers');
  const docs: Int32Array[] = texts.map((text, d) => {
    if (d % 2000 === 0) progress.advance(d);
    const tokens = tokenizer.tokenize(text.toLowerCase()) ?? [];
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let id = tokenIds.get(token);
      if (id === undefined) {
        id = !isWord(token) || stopwords.has(token) ? BREAK : surfaces.length;
        tokenIds.set(token, id);
        if (id !== BREAK) {
          surfaces.push(token);
          surfaceCounts.push(0);
        }
      }
      if (id !== BREAK) surfaceCounts[id]!++;
      ids[i] = id;
    }
    return ids;
  });
  progress.advance(texts.length);

  // 2. Surface words to terms (stems), each term labelled by its most frequent surface word.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const bestSurface: number[] = [];
  const termOfSurface = Int32Array.from(surfaces, (surface, sid) => {
    const key = opts.stem ? stemWord(surface) : surface;
    let id = termIds.get(key);
    if (id === undefined) {
      id = terms.length;
      termIds.set(key, id);
      terms.push(key);
      bestSurface.push(sid);
    } else if (isBetterSurface(sid, bestSurface[id]!, surfaces, surfaceCounts)) {
      bestSurface[id] = sid;
    }
    return id;
  });
  const labels = bestSurface.map((sid) => surfaces[sid]!);

  // 3. Phrases: adjacent term pairs in enough documents become terms of their own.
  const phraseTerm = opts.phrases ? selectPhrases(docs, termOfSurface, opts.minPhraseCount) : new PairMap();
  const phrasePairs = phraseTerm.entries().sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [a, b] of phrasePairs) {
    phraseTerm.set(a, b, terms.length);
    terms.push(`${terms[a]!} ${terms[b]!}`);
    labels.push('');
  }
  // Surface pairs seen for each phrase, counted by surface ids; resolved to text once at the end.
  const phraseSurfaces = new PairMap();

  // 4. Documents as term ids: words, then the phrases they contain.
  const offsets = new Int32Array(texts.length + 1);
  let out = new Int32Array(1 << 16);
  let length = 0;
  const push = (value: number): void => {
    if (length === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[length++] = value;
  };
  docs.forEach((ids, d) => {
    let previous = BREAK;
    for (let i = 0; i < ids.length; i++) {
      const sid = ids[i]!;
      if (sid === BREAK) {
        previous = BREAK;
        continue;
      }
      push(termOfSurface[sid]!);
      if (previous !== BREAK) {
        const phrase = phraseTerm.get(termOfSurface[previous]!, termOfSurface[sid]!);
        if (phrase !== undefined) {
          push(phrase);
          phraseSurfaces.add(previous, sid, 1);
        }
      }
      previous = sid;
    }
    offsets[d + 1] = length;
  });
  const bestPhraseSurface = new Map<number, { text: string; count: number }>();
  for (const [a, b, count] of phraseSurfaces.entriesWithValues()) {
    const phrase = phraseTerm.get(termOfSurface[a]!, termOfSurface[b]!)!;
    const text = `${surfaces[a]!} ${surfaces[b]!}`;
    const best = bestPhraseSurface.get(phrase);
    if (best === undefined || count > best.count || (count === best.count && text < best.text)) bestPhraseSurface.set(phrase, { text, count });
  }
  for (const [phrase, best] of bestPhraseSurface) labels[phrase] = best.text;
  return { terms, labels, offsets, tokenIds: out.slice(0, length) };
}

/** A map keyed by a pair of small non-negative integers (nested, so keys stay small integers). */
class PairMap {
  private readonly rows = new Map<number, Map<number, number>>();

  get(a: number, b: number): number | undefined {
    return this.rows.get(a)?.get(b);
  }

  set(a: number, b: number, value: number): void {
    let row = this.rows.get(a);
    if (row === undefined) {
      row = new Map();
      this.rows.set(a, row);
    }
    row.set(b, value);
  }

  add(a: number, b: number, amount: number): void {
    this.set(a, b, (this.get(a, b) ?? 0) + amount);
  }

  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (const [a, row] of this.rows) for (const b of row.keys()) out.push([a, b]);
    return out;
  }

  entriesWithValues(): [number, number, number][] {
    const out: [number, number, number][] = [];
    for (const [a, row] of this.rows) for (const [b, value] of row) out.push([a, b, value]);
    return out;
  }
}

/** Term pairs adjacent in at least `minCount` documents. */
function selectPhrases(docs: readonly Int32Array[], termOfSurface: Int32Array, minCount: number): PairMap {
  const docFrequency = new PairMap();
  const seen = new PairMap();
  docs.forEach((ids, d) => {
    for (let i = 1; i < ids.length; i++) {
      const a = ids[i - 1]!;
      const b = ids[i]!;
      if (a === BREAK || b === BREAK) continue;
      const ta = termOfSurface[a]!;
      const tb = termOfSurface[b]!;
      // `seen` remembers the last document that counted a pair, so each document counts it once.
      if (ta === tb || seen.get(ta, tb) === d) continue;
      seen.set(ta, tb, d);
      docFrequency.add(ta, tb, 1);
    }
  });
  const kept = new PairMap();
  for (const [a, b, count] of docFrequency.entriesWithValues()) if (count >= minCount) kept.set(a, b, -1);
  return kept;
}

function isWord(token: string): boolean {
  // Letters must appear (drops "2023", "1.5"); one-letter tokens carry no topic.
  return token.length >= 2 && token.length <= 40 && /\p{L}/u.test(token);
}

const stemCache = new Map<string, string>();

/** Porter stem of each hyphen-separated part; tokens with digits (`gpt-4`, `3d`) stay as written. */
export function stemWord(word: string): string {
  if (/\d/.test(word) || word.length <= 3) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = word
      .split('-')
      .map((part) => (part.length <= 3 ? part : PorterStemmer.stem(part)))
      .join('-');
    stemCache.set(word, stem);
  }
  return stem;
}

function isBetterSurface(candidate: number, current: number, surfaces: readonly string[], counts: readonly number[]): boolean {
  const a = counts[candidate]!;
  const b = counts[current]!;
  return a > b || (a === b && surfaces[candidate]! < surfaces[current]!);
}
