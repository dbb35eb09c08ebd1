/** Synthetic corpora whose topics are known: each paper draws its words from one topic's vocabulary. */
import { createRandom } from '../../src/numeric/random.js';

export const TOPIC_WORDS: Record<string, string[]> = {
  robots: [
    'robot',
    'gripper',
    'grasping',
    'manipulation',
    'arm',
    'tactile',
    'locomotion',
    'navigation',
    'actuator',
    'legged',
    'kinematics',
    'torque',
  ],
  translation: [
    'translation',
    'languages',
    'multilingual',
    'bilingual',
    'parallel',
    'sentences',
    'dictionary',
    'low-resource',
    'decoder',
    'grammar',
    'morphology',
    'dialects',
  ],
  astronomy: [
    'galaxy',
    'telescope',
    'stars',
    'supernova',
    'redshift',
    'cosmology',
    'exoplanet',
    'spectra',
    'nebula',
    'orbit',
    'luminosity',
    'quasar',
  ],
  cooking: [
    'recipe',
    'flavour',
    'baking',
    'kitchen',
    'ingredients',
    'spices',
    'oven',
    'dough',
    'sauce',
    'cuisine',
    'roasting',
    'pastry',
  ],
};
const SHARED = ['study', 'data', 'analysis', 'evaluate', 'large', 'performance', 'system', 'measure'];

export interface SyntheticPaper {
  readonly title: string;
  readonly abstract: string;
  readonly topic: string;
}

/** `count` papers on `topic`, deterministic for a seed; titles are unique per (topic, seed, index). */
export function syntheticPapers(topic: string, count: number, seed: number): SyntheticPaper[] {
  const random = createRandom(seed);
  const words = TOPIC_WORDS[topic]!;
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const body = Array.from({ length: 40 }, () => (random() < 0.75 ? pick(words) : pick(SHARED)));
    return { title: `${topic} ${seed} ${i} ${pick(words)} ${pick(words)}`, abstract: `${body.join(' ')}.`, topic };
  });
}

export function toJsonl(papers: readonly SyntheticPaper[]): string {
  return papers.map((p) => JSON.stringify({ title: p.title, abstract: p.abstract })).join('\n') + '\n';
}
