/** Stop words: natural's English list, common function words it lacks, and words every abstract uses. */
import naturalStopwords from 'natural/lib/natural/util/stopwords.js';

/** Function words missing from natural's list (which is shorter than scikit-learn's). */
const MORE_ENGLISH = [
  'also', 'although', 'among', 'amongst', 'can', 'could', 'either', 'however', 'may', 'might', 'must', 'neither',
  'often', 'shall', 'since', 'still', 'though', 'thus', 'therefore', 'upon', 'whereas', 'whether', 'within', 'without',
  'yet', 'via', 'etc', 'e.g', 'i.e', 'eg', 'ie', 'per', 'across', 'along', 'based', 'well', 'much', 'many', 'several',
  'even', 'way', 'ways', 'one', 'two', 'three', 'first', 'second', 'new', 'us', 'often', 'due', 'further', 'rather',
  'including', 'include', 'includes', 'given', 'whose', 'toward', 'towards', 'around', 'beyond', 'despite', 'less',
  'like', 'make', 'makes', 'made', 'need', 'needs', 'use', 'used', 'uses', 'using',
];

/**
 * Words that appear in most abstracts whatever their topic, so they only blur topics. Kept short
 * and generic on purpose: domain words ("model", "learning") stay, max_df trims the rest per corpus.
 */
export const SCIENTIFIC_STOPWORDS = [
  'paper', 'papers', 'propose', 'proposes', 'proposed', 'present', 'presents', 'presented', 'introduce',
  'introduces', 'introduced', 'method', 'methods', 'approach', 'approaches', 'result', 'results', 'show', 'shows',
  'shown', 'showing', 'demonstrate', 'demonstrates', 'demonstrated', 'work', 'works', 'study', 'studies',
  'novel', 'existing', 'achieve', 'achieves', 'achieved', 'experiment', 'experiments', 'experimental',
  'extensive', 'significantly', 'significant', 'outperform', 'outperforms', 'state-of-the-art', 'sota',
  'furthermore', 'moreover', 'additionally', 'specifically', 'recent', 'recently', 'effective', 'effectively',
  'address', 'addresses', 'remain', 'remains', 'key', 'code', 'available', 'github', 'https', 'http', 'com',
  'www', 'org', 'abstract', 'et', 'al', 'able', 'various', 'different', 'respectively', 'improve', 'improves',
  'improved', 'improvement', 'improvements', 'task', 'tasks', 'problem', 'problems', 'framework', 'frameworks',
];

export const ENGLISH_STOPWORDS: readonly string[] = [...(naturalStopwords as { words: string[] }).words, ...MORE_ENGLISH];
