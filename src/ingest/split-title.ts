/**
 * Splitting a compact listing's run-together "Title Abstract…" text. Titles are mostly in title
 * case and end on a content word; abstracts open a sentence: a capitalised word followed by
 * lower-case prose. Each word boundary where a capitalised word follows is scored on those cues
 * and the best one wins.
 */

const FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'of',
  'for',
  'to',
  'in',
  'on',
  'at',
  'by',
  'via',
  'with',
  'from',
  'into',
  'onto',
  'over',
  'under',
  'as',
  'vs',
  'vs.',
  'versus',
  'is',
  'are',
  'be',
  'its',
  'their',
  'through',
  'without',
  'towards',
  'toward',
  'than',
  'that',
  'when',
  'where',
  'how',
  'what',
  'why',
  'do',
  'does',
  'not',
  'can',
  'your',
  'you',
  'we',
  'our',
  'it',
  'up',
  'all',
  'any',
  'across',
  'beyond',
  'between',
  'within',
  // Often left lower-case inside title-case titles ("Transformer based", "using NightHawk").
  'using',
  'based',
  'guided',
  'aided',
  'aware',
  'driven',
  'enhanced',
  'assisted',
  'free',
  'level',
  'scale',
]);

/** Words that often open an abstract's first sentence and rarely close a title. */
const SENTENCE_OPENERS = new Set([
  'we',
  'in',
  'this',
  'the',
  'recent',
  'recently',
  'despite',
  'although',
  'while',
  'with',
  'as',
  'existing',
  'current',
  'currently',
  'many',
  'most',
  'our',
  'these',
  'a',
  'an',
  'given',
  'however',
  'since',
  'modern',
  'traditional',
  'prior',
  'previous',
  'large',
  'to',
  'it',
  'here',
  'there',
  'one',
  'although',
  'state-of-the-art',
  'conventional',
  'standard',
  'although',
  'due',
  'for',
  'by',
  'how',
  'when',
  'what',
  'today',
  'nowadays',
]);

const MAX_TITLE_WORDS = 60;

export interface TitleSplit {
  readonly title: string;
  readonly abstract: string;
}

/** Splits text into title and abstract; null when it holds fewer than two words. */
export function splitTitleAbstract(text: string): TitleSplit | null {
  const words = text.trim().split(/\s+/);
  if (words.length < 2) return null;
  let best = -1;
  let bestScore = -Infinity;
  const last = Math.min(words.length - 1, MAX_TITLE_WORDS);
  for (let i = 1; i <= last; i++) {
    if (!opensSentence(words[i]!)) continue;
    const score = scoreSplit(words, i);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (best === -1) best = Math.min(words.length - 1, 12);
  return { title: words.slice(0, best).join(' '), abstract: words.slice(best).join(' ') };
}

function opensSentence(word: string): boolean {
  return /^["'“(]?[\p{Lu}\d]/u.test(word);
}

/** Capitalised, or mixed-case like `eMBB` and `mmWave`: either way not lower-case prose. */
function isCapitalised(word: string): boolean {
  return /^["'“(]?[\p{Lu}\d]/u.test(word) || /\p{Ll}*\p{Lu}/u.test(word.slice(1));
}

function isContentWord(word: string): boolean {
  const bare = word.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
  return bare.length > 0 && !FUNCTION_WORDS.has(bare);
}

function bare(word: string): string {
  return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function scoreSplit(words: readonly string[], at: number): number {
  let score = 0;
  const titleEnd = words[at - 1]!;
  const opener = words[at]!;
  const next = words[at + 1] ?? '';

  // Titles end on a content word, never on a colon, dash or connective.
  if (/[:\-–—,;]$/.test(titleEnd)) score -= 6;
  if (!isContentWord(titleEnd)) score -= 3;
  if (/[.!?]$/.test(titleEnd)) score += 1.5;

  // Title case inside the title, prose after it.
  const titleContent = words.slice(1, at).filter(isContentWord);
  const lowerInTitle = titleContent.filter((w) => !isCapitalised(w)).length;
  const capsInTitle = titleContent.length - lowerInTitle;
  // A defined term is capitalised by name, not by title case: judge the prose after it.
  const defined = definedTerm(words, at);
  const proseFrom = defined ? defined.acronymAt + 1 : at + 1;
  const prose = words
    .slice(proseFrom, proseFrom + 8)
    .filter(isContentWord)
    .filter((w) => !/^\d/.test(w));
  const capsInProse = prose.filter((w) => isCapitalised(w) && !isAcronym(w)).length;
  const titleCase = titleContent.length === 0 ? 0.5 : capsInTitle / titleContent.length;
  score += 3 * titleCase - 3 * (prose.length === 0 ? 0 : capsInProse / prose.length);
  if (capsInTitle >= 2 && lowerInTitle > 0) score -= 1.5 * lowerInTitle;

  // An abstract opens with a sentence: a known opener, or a capitalised word and lower-case prose.
  if (SENTENCE_OPENERS.has(bare(opener))) score += 1.5;
  if (!isAcronym(opener) && /^\p{Ll}/u.test(next)) score += 1;
  if (/^\(/.test(next)) score += 0.5; // "Supervised fine-tuning (SFT)": a term defined at first use

  // "Few-Shot Action Recognition (FSAR) is…": an abstract opens on a term it defines, never inside it.
  // An adjective or two may come first: "Current Large Language Models (LLMs)".
  if (defined) {
    const lead = defined.start - at;
    if (lead === 0) score += 3;
    else if (lead > 0 && lead <= 2) score += 2.5;
    else if (lead < 0) score -= 3;
  }

  // Between equal cues, a longer title-case title is the likelier reading.
  score += 0.05 * capsInTitle;

  // Typical title length.
  if (at < 3) score -= (3 - at) * 1.5;
  if (at > 20) score -= (at - 20) * 0.3;
  return score;
}

function isAcronym(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters.replace(/\p{Lu}/gu, '').length <= letters.length / 3;
}

/**
 * The term that a parenthesised acronym in the next few words defines, matched on initials
 * (`Large Language Models (LLMs)`, `Few-Shot Action Recognition (FSAR)`): where it starts and
 * where its acronym stands; null if there is none.
 */
function definedTerm(words: readonly string[], from: number): { start: number; acronymAt: number } | null {
  for (let p = from; p < Math.min(words.length, from + 8); p++) {
    const match = /^\(([\p{Lu}][\p{L}\d-]{1,9})\)[,.;:]?$/u.exec(words[p]!);
    if (!match) continue;
    const letters = match[1]!
      .replace(/s$/, '')
      .replace(/[^\p{Lu}\d]/gu, '')
      .toLowerCase();
    let initials = '';
    for (let start = p - 1; start >= Math.max(0, from - 8); start--) {
      const parts = words[start]!.split('-').filter(Boolean);
      initials = parts.map((w) => w[0]!.toLowerCase()).join('') + initials;
      if (initials === letters) return { start, acronymAt: p };
      if (initials.length >= letters.length) break;
    }
    return null;
  }
  return null;
}
