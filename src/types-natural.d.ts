// natural's submodules ship without their own typings; these are the few parts topic-atlas uses.
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
  const module: { words: string[] };
  export default module;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps?: boolean });
    tokenize(text: string): string[] | null;
  }
}
