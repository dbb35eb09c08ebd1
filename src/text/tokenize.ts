/**
 * Abstracts to terms: lower-case, tokenise (keeping `fine-tuning`, `gpt-4`, `3d`), drop stop
 * words and numbers, Porter-stem, and add frequent bigrams as terms of their own. Every term keeps
 * the surface form people wrote most often, so stems never reach a reader.
 */
import { NO_PROGRESS, type ProgressSink } from '../progress.js';
import { IntStream } from '../numeric/int-stream.js';
import { PairTable } from './pair-table.js';
import { porterStem } from './porter-stemmer.js';
import { scanTexts, type TextScan, type TextSource } from './token-scanner.js';

export type { TextSource } from './token-scanner.js';
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

const BREAK = -1;
const UNJUDGED = -2;

/** Tokenises every document; the same texts and options give the same corpus, term for term. */
export function tokenizeCorpus(
  documents: readonly string[] | TextSource,
  options: Partial<TokenizeOptions> = {},
  progress: ProgressSink = NO_PROGRESS,
  scan: TextScan = scanTexts,
): TokenizedCorpus {
  const opts = { ...TOKENIZE_DEFAULTS, ...options };
  const texts: TextSource = Array.isArray(documents)
    ? { length: documents.length, text: (i) => documents[i]! }
    : (documents as TextSource);
  const stopwords = new Set([...ENGLISH_STOPWORDS, ...(opts.scientificStopwords ? SCIENTIFIC_STOPWORDS : [])]);

  // 1. Surface words of all documents in one stream, with BREAK where a stop word or punctuation
  //    stood (and after each document, so no phrase spans two). Each distinct token is judged
  //    once; the stream of token ids is rewritten in place into surface ids.
  progress.start(texts.length, 'papers');
  const { tokens, ids: words } = scan(texts, (d) => d % 2000 === 0 && progress.advance(d));
  progress.advance(texts.length);
  const surfaceOfToken = new Int32Array(tokens.length).fill(UNJUDGED);
  const surfaces: string[] = [];
  const surfaceCounts: number[] = [];
  const docEnds = new Int32Array(texts.length);
  for (let p = 0, d = 0; p < words.length; p++) {
    const token = words[p]!;
    if (token === -1) {
      words[p] = BREAK;
      docEnds[d++] = p + 1;
      continue;
    }
    let id = surfaceOfToken[token]!;
    if (id === UNJUDGED) {
      const text = tokens[token]!;
      id = !isWord(text) || stopwords.has(text) ? BREAK : surfaces.length;
      surfaceOfToken[token] = id;
      if (id !== BREAK) {
        surfaces.push(text);
        surfaceCounts.push(0);
      }
    }
    if (id !== BREAK) surfaceCounts[id]!++;
    words[p] = id;
  }

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

  // 3. Phrases: adjacent term pairs in enough documents become terms of their own, numbered in
  //    (first term, second term) order.
  const phraseSlots = new PairTable();
  for (const [a, b] of opts.phrases ? selectPhrases(words, docEnds, termOfSurface, opts.minPhraseCount) : []) {
    phraseSlots.setFirst(a, b, terms.length);
    terms.push(`${terms[a]!} ${terms[b]!}`);
    labels.push('');
  }
  // How often each surface pair spelled each phrase; resolved to text once at the end.
  const phraseSurfaces = new PairTable();

  // 4. Documents as term ids: words, then the phrases they contain.
  const offsets = new Int32Array(texts.length + 1);
  const out = new IntStream(words.length);
  let d = 0;
  let previous = BREAK;
  for (let p = 0; p < words.length; p++) {
    const sid = words[p]!;
    if (sid === BREAK) {
      previous = BREAK;
      if (p + 1 === docEnds[d]) offsets[++d] = out.length;
      continue;
    }
    out.push(termOfSurface[sid]!);
    if (previous !== BREAK && phraseSlots.size > 0) {
      const slot = phraseSlots.find(termOfSurface[previous]!, termOfSurface[sid]!);
      if (slot !== -1) {
        out.push(phraseSlots.firstAt(slot));
        phraseSurfaces.increment(previous, sid);
      }
    }
    previous = sid;
  }
  const bestPhraseSurface = new Map<number, { text: string; count: number }>();
  phraseSurfaces.forEach((a, b, count) => {
    const phrase = phraseSlots.firstAt(phraseSlots.find(termOfSurface[a]!, termOfSurface[b]!));
    const text = `${surfaces[a]!} ${surfaces[b]!}`;
    const best = bestPhraseSurface.get(phrase);
    if (best === undefined || count > best.count || (count === best.count && text < best.text))
      bestPhraseSurface.set(phrase, { text, count });
  });
  for (const [phrase, best] of bestPhraseSurface) labels[phrase] = best.text;
  return { terms, labels, offsets, tokenIds: out.toArray() };
}

/** Term pairs adjacent in at least `minCount` documents, in (first term, second term) order. */
function selectPhrases(
  words: Int32Array,
  docEnds: Int32Array,
  termOfSurface: Int32Array,
  minCount: number,
): [number, number][] {
  // A pair can only reach minCount documents if both its terms do: counting only those pairs
  // keeps the table to a fraction of all the pairs a large corpus has.
  const termDocs = documentFrequencies(words, docEnds, termOfSurface);
  // Per pair: first = documents seen in, second = the last document that counted it.
  const pairs = new PairTable(1 << 16);
  let d = 0;
  for (let p = 1; p < words.length; p++) {
    if (p === docEnds[d]) d++;
    const a = words[p - 1]!;
    const b = words[p]!;
    if (a === BREAK || b === BREAK) continue;
    const ta = termOfSurface[a]!;
    const tb = termOfSurface[b]!;
    if (ta === tb || termDocs[ta]! < minCount || termDocs[tb]! < minCount) continue;
    const slot = pairs.insert(ta, tb, -1);
    if (pairs.secondAt(slot) === d) continue;
    pairs.setSecondAt(slot, d);
    pairs.setFirstAt(slot, pairs.firstAt(slot) === -1 ? 1 : pairs.firstAt(slot) + 1);
  }
  const kept: [number, number][] = [];
  pairs.forEach((a, b, count) => count >= minCount && kept.push([a, b]));
  return kept.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** In how many documents each term appears. */
function documentFrequencies(words: Int32Array, docEnds: Int32Array, termOfSurface: Int32Array): Int32Array {
  let terms = 0;
  for (const t of termOfSurface) terms = Math.max(terms, t + 1);
  const docs = new Int32Array(terms);
  const lastDoc = new Int32Array(terms).fill(-1);
  let d = 0;
  for (let p = 0; p < words.length; p++) {
    if (p === docEnds[d]) d++;
    const sid = words[p]!;
    if (sid === BREAK) continue;
    const t = termOfSurface[sid]!;
    if (lastDoc[t] !== d) {
      lastDoc[t] = d;
      docs[t]!++;
    }
  }
  return docs;
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
    stem = !word.includes('-')
      ? porterStem(word)
      : word
          .split('-')
          .map((part) => (part.length <= 3 ? part : porterStem(part)))
          .join('-');
    stemCache.set(word, stem);
  }
  return stem;
}

function isBetterSurface(
  candidate: number,
  current: number,
  surfaces: readonly string[],
  counts: readonly number[],
): boolean {
  const a = counts[candidate]!;
  const b = counts[current]!;
  return a > b || (a === b && surfaces[candidate]! < surfaces[current]!);
}
