/** External clustering metrics against reference labels, as scikit-learn defines them. */

function contingency(truth: readonly (string | number)[], predicted: ArrayLike<number>) {
  const classIds = new Map<string | number, number>();
  const clusterIds = new Map<number, number>();
  const cells = new Map<string, number>();
  for (let i = 0; i < truth.length; i++) {
    const t = classIds.get(truth[i]!) ?? classIds.set(truth[i]!, classIds.size).get(truth[i]!)!;
    const p = clusterIds.get(predicted[i]!) ?? clusterIds.set(predicted[i]!, clusterIds.size).get(predicted[i]!)!;
    const key = `${t},${p}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const classSizes = new Array<number>(classIds.size).fill(0);
  const clusterSizes = new Array<number>(clusterIds.size).fill(0);
  for (const [key, count] of cells) {
    const [t, p] = key.split(',').map(Number) as [number, number];
    classSizes[t]! += count;
    clusterSizes[p]! += count;
  }
  return {
    cells: [...cells.entries()].map(([key, count]) => ({
      t: Number(key.split(',')[0]),
      p: Number(key.split(',')[1]),
      count,
    })),
    classSizes,
    clusterSizes,
    n: truth.length,
  };
}

function entropy(sizes: readonly number[], n: number): number {
  return -sizes.reduce((h, s) => (s > 0 ? h + (s / n) * Math.log(s / n) : h), 0);
}

export interface ClusterScores {
  readonly homogeneity: number;
  readonly completeness: number;
  readonly vMeasure: number;
  readonly ari: number;
}

/** Homogeneity, completeness, V-measure (beta = 1) and the adjusted Rand index. */
export function scoreClustering(truth: readonly (string | number)[], predicted: ArrayLike<number>): ClusterScores {
  const { cells, classSizes, clusterSizes, n } = contingency(truth, predicted);
  const hC = entropy(classSizes, n);
  const hK = entropy(clusterSizes, n);
  let mutual = 0;
  for (const { t, p, count } of cells)
    mutual += (count / n) * Math.log((count * n) / (classSizes[t]! * clusterSizes[p]!));
  const homogeneity = hC === 0 ? 1 : mutual / hC;
  const completeness = hK === 0 ? 1 : mutual / hK;
  const vMeasure =
    homogeneity + completeness === 0 ? 0 : (2 * homogeneity * completeness) / (homogeneity + completeness);
  return { homogeneity, completeness, vMeasure, ari: adjustedRand(cells, classSizes, clusterSizes, n) };
}

/** Adjusted Rand index between two labelings of the same items. */
export function adjustedRandIndex(a: readonly (string | number)[], b: ArrayLike<number>): number {
  const { cells, classSizes, clusterSizes, n } = contingency(a, b);
  return adjustedRand(cells, classSizes, clusterSizes, n);
}

function adjustedRand(
  cells: readonly { count: number }[],
  rows: readonly number[],
  cols: readonly number[],
  n: number,
): number {
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const index = cells.reduce((s, c) => s + pairs(c.count), 0);
  const sumRows = rows.reduce((s, x) => s + pairs(x), 0);
  const sumCols = cols.reduce((s, x) => s + pairs(x), 0);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
