import { describe, expect, it } from 'vitest';
import { cosineSilhouette } from '../../src/cluster/silhouette.js';
import { adjustedRandIndex, scoreClustering } from '../../src/eval/metrics.js';

// Reference values computed with scikit-learn 1.2 on the same inputs.
describe('clustering metrics agree with scikit-learn', () => {
  it('homogeneity, completeness, V-measure and ARI', () => {
    const scores = scoreClustering([0, 0, 0, 1, 1, 1, 2, 2], [0, 0, 1, 1, 1, 2, 2, 2]);
    expect(scores.homogeneity).toBeCloseTo(0.558873, 5);
    expect(scores.completeness).toBeCloseTo(0.558873, 5);
    expect(scores.vMeasure).toBeCloseTo(0.558873, 5);
    expect(scores.ari).toBeCloseTo(0.238095, 5);
  });

  it('a relabelled perfect clustering scores 1, and label names do not matter', () => {
    expect(scoreClustering(['a', 'a', 'b', 'b'], [1, 1, 0, 0])).toEqual({
      homogeneity: 1,
      completeness: 1,
      vMeasure: 1,
      ari: 1,
    });
    expect(adjustedRandIndex([5, 5, 7, 7], Int32Array.from([0, 0, 1, 1]))).toBe(1);
  });

  it('cosine silhouette', () => {
    const points = { rows: 4, cols: 2, data: Float64Array.from([1, 0, 0.8, 0.6, 0, 1, -0.6, 0.8]) };
    expect(cosineSilhouette(points, Int32Array.from([0, 0, 1, 1]))).toBeCloseTo(0.78022, 4);
  });
});
