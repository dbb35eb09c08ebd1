/**
 * Stable topic ids across runs. New topics are matched one-to-one to the previous run's by an
 * optimal assignment (Hungarian method) on a similarity that needs no shared vector space:
 * half the cosine of their term-space signatures, half the overlap (Jaccard) of their top terms.
 * A matched topic keeps its id and label; the others get ids never used before.
 */

export interface TopicFingerprint {
  readonly signature: Readonly<Record<string, number>>;
  readonly termKeys: readonly string[];
}

export interface PreviousTopic extends TopicFingerprint {
  readonly id: number;
  readonly label: string;
}

export interface TopicIdentity {
  /** Id of each current topic, by position. */
  readonly ids: readonly number[];
  readonly labels: readonly string[];
  /** For each current topic, the similarity to the previous topic it continues, or null if new. */
  readonly matchedSimilarity: readonly (number | null)[];
  /** The next id never used, to carry into the next run. */
  readonly nextId: number;
}

/** Below this similarity two topics are different topics, whatever the assignment pairs. */
export const MIN_TOPIC_SIMILARITY = 0.25;

export function topicSimilarity(a: TopicFingerprint, b: TopicFingerprint): number {
  let dot = 0;
  for (const [term, weight] of Object.entries(a.signature)) dot += weight * (b.signature[term] ?? 0);
  const left = new Set(a.termKeys);
  const shared = b.termKeys.filter((t) => left.has(t)).length;
  const union = left.size + b.termKeys.length - shared;
  return 0.5 * dot + 0.5 * (union === 0 ? 0 : shared / union);
}

/**
 * Ids and labels for the current topics. With no previous topics, ids are 0..k-1 in order.
 * `previousNextId` keeps ids of vanished topics from being reused.
 */
export function matchTopics(
  previous: readonly PreviousTopic[],
  current: readonly (TopicFingerprint & { readonly label: string })[],
  previousNextId = 0,
): TopicIdentity {
  let nextId = Math.max(previousNextId, ...previous.map((p) => p.id + 1), 0);
  const similarity = current.map((c) => previous.map((p) => topicSimilarity(c, p)));
  const pairs = previous.length === 0 ? [] : maximumAssignment(similarity);
  const ids: number[] = [];
  const labels: string[] = [];
  const matchedSimilarity: (number | null)[] = [];
  current.forEach((topic, i) => {
    const j = pairs[i];
    if (j !== undefined && j !== -1 && similarity[i]![j]! >= MIN_TOPIC_SIMILARITY) {
      ids.push(previous[j]!.id);
      labels.push(previous[j]!.label);
      matchedSimilarity.push(similarity[i]![j]!);
    } else {
      ids.push(nextId++);
      labels.push(topic.label);
      matchedSimilarity.push(null);
    }
  });
  return { ids, labels, matchedSimilarity, nextId };
}

/**
 * For each row, the column it is assigned to (or -1), maximising the total weight: the Hungarian
 * method on the square cost matrix (1 - weight), padded with zero-weight dummies.
 */
export function maximumAssignment(weights: readonly (readonly number[])[]): number[] {
  const rows = weights.length;
  const cols = weights[0]?.length ?? 0;
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number): number => (i < rows && j < cols ? 1 - weights[i]![j]! : 1);
  // Potentials and matching, 1-based as in the classic O(n³) formulation.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const match = new Int32Array(n + 1); // match[j] = row assigned to column j
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = match[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[match[j]!]! += delta;
          v[j]! -= delta;
        } else {
          minv[j]! -= delta;
        }
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0]!;
      match[j0] = match[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = match[j]! - 1;
    if (i >= 0 && i < rows && j - 1 < cols) assignment[i] = j - 1;
  }
  return assignment;
}
