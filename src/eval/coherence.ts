/**
 * How readable a topic's top terms are, measured as the BERTopic paper does: NPMI coherence of
 * each topic's top terms by document co-occurrence, and topic diversity (the unique share of all
 * topics' top terms). Pure: documents in, numbers out.
 *
 * A term's documents are a sorted list of document indices; build them from the tokeniser's term
 * ids (`termDocuments`) or from written words in lower-cased text (`surfaceDocuments`), so terms of
 * any method can be scored against the same documents.
 */

/** Added to the joint probability so a pair never seen together scores near −1, not −∞. */
const NPMI_EPSILON = 1e-12;

/**
 * NPMI of two terms seen in `a` and `b` of `n` documents, `ab` of them together:
 * log(P(a,b) / (P(a)P(b))) / −log P(a,b), with P(a,b) + ε. In [−1, 1]: 1 when the two always occur
 * together, about 0 when independent, −1 (or just above) when never together. A term in no
 * document scores −1; two terms in every document score 1.
 */
export function pairNpmi(a: number, b: number, ab: number, n: number): number {
  if (a === 0 || b === 0 || n === 0) return -1;
  const joint = ab / n + NPMI_EPSILON;
  if (ab === n) return 1;
  return Math.log(joint / ((a / n) * (b / n))) / -Math.log(joint);
}

/** Size of the intersection of two ascending index lists. */
export function sharedCount(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      count++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return count;
}

/**
 * Mean NPMI over all pairs of a topic's terms, given each term's documents (ascending indices)
 * among `n` documents. 0 for fewer than two terms.
 */
export function topicNpmi(termDocs: readonly ArrayLike<number>[], n: number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < termDocs.length; i++) {
    for (let j = i + 1; j < termDocs.length; j++) {
      const a = termDocs[i]!;
      const b = termDocs[j]!;
      sum += pairNpmi(a.length, b.length, sharedCount(a, b), n);
      pairs++;
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}

/** Unique share of all topics' terms: 1 when no term is in two topics. 0 for no terms. */
export function topicDiversity(topics: readonly (readonly string[])[]): number {
  const all = topics.flat();
  return all.length === 0 ? 0 : new Set(all).size / all.length;
}

/**
 * Documents containing each wanted term id, from documents as term ids in CSR layout (document
 * i is `tokenIds[offsets[i] .. offsets[i+1])`, as `tokenizeCorpus` returns them).
 */
export function termDocuments(
  offsets: ArrayLike<number>,
  tokenIds: ArrayLike<number>,
  wanted: readonly number[],
): Map<number, number[]> {
  const out = new Map<number, number[]>(wanted.map((t) => [t, []]));
  for (let d = 0; d + 1 < offsets.length; d++) {
    for (let p = offsets[d]!; p < offsets[d + 1]!; p++) {
      const docs = out.get(tokenIds[p]!);
      if (docs !== undefined && docs[docs.length - 1] !== d) docs.push(d);
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/**
 * Documents containing each term as written, in lower-cased text: a one-word term when it is a
 * word of the text or a part of a hyphenated word (`tuning` in `fine-tuning`, as scikit-learn's
 * tokeniser sees it); a phrase when its words occur next to each other.
 */
export function surfaceDocuments(texts: readonly string[], terms: readonly string[]): Map<string, number[]> {
  const wanted = new Map<string, number[]>(terms.map((t) => [t.toLowerCase(), []]));
  const phraseFirsts = new Map<string, string[]>();
  for (const term of wanted.keys()) {
    const words = term.split(' ');
    if (words.length > 1) phraseFirsts.set(words[0]!, [...(phraseFirsts.get(words[0]!) ?? []), term]);
  }
  texts.forEach((text, d) => {
    const words = text.toLowerCase().match(WORD) ?? [];
    const mark = (term: string): void => {
      const docs = wanted.get(term);
      if (docs !== undefined && docs[docs.length - 1] !== d) docs.push(d);
    };
    words.forEach((word, at) => {
      mark(word);
      if (word.includes('-')) for (const part of word.split('-')) mark(part);
      for (const phrase of phraseFirsts.get(word) ?? []) {
        const rest = phrase.split(' ');
        if (rest.every((w, i) => words[at + i] === w)) mark(phrase);
      }
    });
  });
  return wanted;
}

export interface CoherenceScores {
  /** Mean over topics of each topic's mean pairwise NPMI. */
  readonly npmi: number;
  readonly perTopic: readonly number[];
  readonly diversity: number;
}

/** NPMI and diversity of topics given as term lists, each term's documents looked up in `docsOf`. */
export function scoreTopics(
  topics: readonly (readonly string[])[],
  docsOf: ReadonlyMap<string, ArrayLike<number>>,
  n: number,
): CoherenceScores {
  const perTopic = topics.map((terms) =>
    topicNpmi(
      terms.map((t) => docsOf.get(t.toLowerCase()) ?? []),
      n,
    ),
  );
  return {
    npmi: perTopic.length === 0 ? 0 : perTopic.reduce((s, v) => s + v, 0) / perTopic.length,
    perTopic,
    diversity: topicDiversity(topics),
  };
}
