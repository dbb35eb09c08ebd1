/**
 * Abstracts to terms: lower-case, tokenise (keeping `fine-tuning`, `gpt-4`, `3d`), drop stop
 * words and numbers, Porter-stem, and add frequent bigrams as terms of their own. Every term keeps
 * the surface form people wrote most often, so stems never reach a reader.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
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
export function tokenizeCorpus(texts: readonly string[], options: Partial<TokenizeOptions> = {}): TokenizedCorpus {
  const opts = { ...TOKENIZE_DEFAULTS, ...options };
  const tokenizer = new RegexpTokenizer({ pattern: TOKEN, gaps: false });
  const stopwords = new Set([...ENGLISH_STOPWORDS, ...(opts.scientificStopwords ? SCIENTIFIC_STOPWORDS : [])]);

  // 1. Surface words per document, with BREAK where a stop word or punctuation stood.
  const surfaceIds = new Map<string, number>();
  const surfaces: string[] = [];
  const surfaceCounts: number[] = [];
  const docs: Int32Array[] = texts.map((text) => {
    const tokens = tokenizer.tokenize(text.toLowerCase()) ?? [];
    const ids = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      if (!isWord(token) || stopwords.has(token)) {
        ids[i] = BREAK;
        return;
      }
      let id = surfaceIds.get(token);
      if (id === undefined) {
        id = surfaces.length;
        surfaceIds.set(token, id);
        surfaces.push(token);
        surfaceCounts.push(0);
      }
      surfaceCounts[id]!++;
      ids[i] = id;
    });
    return ids;
  });

  // 2. Surface words to terms (stems), each term labelled by its most frequent surface word.
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const bestSurface: number[] = [];
  const termOfSurface = surfaces.map((surface, sid) => {
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
  const unigramCount = terms.length;

  // 3. Phrases: adjacent term pairs in enough documents become terms of their own.
  const phraseTerm = opts.phrases ? selectPhrases(docs, termOfSurface, unigramCount, opts.minPhraseCount) : new Map<number, number>();
  const phraseKeys = [...phraseTerm.keys()].sort((a, b) => a - b);
  const phraseSurfaceCounts = new Map<number, Map<string, number>>();
  for (const key of phraseKeys) {
    phraseTerm.set(key, terms.length);
    terms.push(`${terms[Math.floor(key / unigramCount)]!} ${terms[key % unigramCount]!}`);
    labels.push('');
  }

  // 4. Documents as term ids: words, then the phrases they contain.
  const offsets = new Int32Array(texts.length + 1);
  const out: number[] = [];
  docs.forEach((ids, d) => {
    let previous = BREAK;
    for (const sid of ids) {
      if (sid === BREAK) {
        previous = BREAK;
        continue;
      }
      out.push(termOfSurface[sid]!);
      if (previous !== BREAK) {
        const phrase = phraseTerm.get(termOfSurface[previous]! * unigramCount + termOfSurface[sid]!);
        if (phrase !== undefined) {
          out.push(phrase);
          const surface = `${surfaces[previous]!} ${surfaces[sid]!}`;
          const counts = phraseSurfaceCounts.get(phrase) ?? new Map<string, number>();
          counts.set(surface, (counts.get(surface) ?? 0) + 1);
          phraseSurfaceCounts.set(phrase, counts);
        }
      }
      previous = sid;
    }
    offsets[d + 1] = out.length;
  });
  for (const [phrase, counts] of phraseSurfaceCounts) labels[phrase] = mostFrequent(counts);
  return { terms, labels, offsets, tokenIds: Int32Array.from(out) };
}

/** Pair keys (`first * unigramCount + second`) of term pairs adjacent in at least `minCount` documents. */
function selectPhrases(docs: readonly Int32Array[], termOfSurface: readonly number[], unigramCount: number, minCount: number): Map<number, number> {
  const docFrequency = new Map<number, number>();
  for (const ids of docs) {
    const seen = new Set<number>();
    for (let i = 1; i < ids.length; i++) {
      const a = ids[i - 1]!;
      const b = ids[i]!;
      if (a === BREAK || b === BREAK) continue;
      const ta = termOfSurface[a]!;
      const tb = termOfSurface[b]!;
      if (ta !== tb) seen.add(ta * unigramCount + tb);
    }
    for (const key of seen) docFrequency.set(key, (docFrequency.get(key) ?? 0) + 1);
  }
  const kept = new Map<number, number>();
  for (const [key, count] of docFrequency) if (count >= minCount) kept.set(key, -1);
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

function mostFrequent(counts: ReadonlyMap<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [surface, count] of counts) {
    if (count > bestCount || (count === bestCount && surface < best)) {
      best = surface;
      bestCount = count;
    }
  }
  return best;
}
