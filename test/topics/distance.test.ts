import { describe, expect, it } from 'vitest';
import {
  nearestCentre,
  squaredDistance,
  squaredDistancesToAll,
  squaredDistancesToRows,
  withFitSpace,
} from '../../src/cluster/kmeans/distance.js';
import { seedCentres } from '../../src/cluster/kmeans/seeding.js';
import type { DenseMatrix } from '../../src/numeric/dense.js';
import { createGaussian, createRandom } from '../../src/numeric/random.js';

const gaussian = createGaussian(createRandom(11));
const matrix = (rows: number, cols: number): DenseMatrix => ({
  rows,
  cols,
  data: Float64Array.from({ length: rows * cols }, gaussian),
});

// Every k-means phase must see the same distances whichever kernel computes them: restarts and
// the kernel pool's split are compared bit for bit.
/** Centres and dimensions: one centre, a block of four, 100 dimensions, odd counts. */
const SHAPES = [
  [1, 5],
  [4, 16],
  [7, 100],
  [13, 3],
] as const;

describe('distance kernels', () => {
  for (const [k, d] of SHAPES) {
    it(`four at a time gives squaredDistance bit for bit: ${k} centres, ${d} dimensions`, () => {
      const points = matrix(9, d);
      const centres = matrix(k, d);
      const all = new Float64Array(k);
      const starts = Int32Array.from({ length: k }, (_, t) => ((t * 5) % points.rows) * d);
      const toRows = new Float64Array(k);
      const nearest = new Float64Array(1);
      for (let i = 0; i < points.rows; i++) {
        const plain = Array.from({ length: k }, (_, c) => squaredDistance(points.data, i * d, centres.data, c * d, d));
        squaredDistancesToAll(points.data, i * d, centres.data, k, d, all);
        expect(Array.from(all)).toEqual(plain);
        squaredDistancesToRows(points.data, i * d, points.data, starts, d, toRows);
        expect(Array.from(toRows)).toEqual(
          Array.from(starts, (start) => squaredDistance(points.data, i * d, points.data, start, d)),
        );
        const best = withFitSpace(points, k, (space) => {
          space.centres.set(centres.data);
          return nearestCentre(space, k, i, nearest);
        });
        expect(best).toBe(plain.indexOf(Math.min(...plain)));
        expect(nearest[0]).toBe(plain[best]);
      }
    });
  }
});

/** Greedy k-means++ scoring one candidate at a time: the order the batched seeding must reproduce. */
function seedOneByOne(points: DenseMatrix, k: number, random: () => number): Float64Array {
  const { rows: n, cols: d, data } = points;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(random() * n);
  centres.set(data.subarray(first * d, (first + 1) * d), 0);
  let closest: Float64Array = Float64Array.from({ length: n }, (_, i) =>
    squaredDistance(data, i * d, data, first * d, d),
  );
  let potential = closest.reduce((s, v) => s + v, 0);
  for (let c = 1; c < k; c++) {
    let best: { candidate: number; potential: number; distances: Float64Array } | null = null;
    for (let t = 0; t < trials; t++) {
      let target = random() * potential;
      let candidate = 0;
      while (candidate < n - 1 && (target -= closest[candidate]!) > 0) candidate++;
      const distances = Float64Array.from({ length: n }, (_, i) =>
        Math.min(closest[i]!, squaredDistance(data, i * d, data, candidate * d, d)),
      );
      const candidatePotential = distances.reduce((s, v) => s + v, 0);
      if (best === null || candidatePotential < best.potential)
        best = { candidate, potential: candidatePotential, distances };
    }
    centres.set(data.subarray(best!.candidate * d, (best!.candidate + 1) * d), c * d);
    closest = best!.distances;
    potential = best!.potential;
  }
  return centres;
}

describe('seedCentres', () => {
  for (const k of [1, 2, 7, 20]) {
    it(`picks the centres that scoring one candidate at a time picks, in WebAssembly and in JavaScript: k = ${k}`, () => {
      const points = matrix(300, 13);
      const expected = Array.from(seedOneByOne(points, k, createRandom(k)));
      expect(Array.from(seedCentres(points, k, createRandom(k)).data)).toEqual(expected);
      expect(Array.from(seedCentres(points, k, createRandom(k), null, { mostValues: 0 }).data)).toEqual(expected);
    });
  }

  it('draws around given centres the same in WebAssembly and in JavaScript', () => {
    const points = matrix(200, 9);
    const fixed = matrix(2, 9);
    const inKernel = seedCentres(points, 6, createRandom(4), fixed);
    expect(Array.from(inKernel.data.subarray(0, 18))).toEqual(Array.from(fixed.data));
    expect(Array.from(inKernel.data)).toEqual(
      Array.from(seedCentres(points, 6, createRandom(4), fixed, { mostValues: 0 }).data),
    );
  });

  for (const [k, d] of SHAPES) {
    it(`a fit's space gives squaredDistance bit for bit, in WebAssembly and in JavaScript: ${k} centres, ${d} dimensions`, () => {
      const points = matrix(9, d);
      const centres = matrix(k, d);
      const starts = Int32Array.from({ length: 3 }, (_, t) => ((t * 5) % points.rows) * d);
      const seen = (mostValues: number) =>
        withFitSpace(
          points,
          k,
          (space) => {
            space.centres.set(centres.data);
            const all = new Float64Array(k);
            const toRows = new Float64Array(starts.length);
            return Array.from({ length: points.rows }, (_, i) => {
              space.rowToCentres(i, all);
              space.rowToRows(i, starts, toRows);
              return {
                toCentres: Array.from({ length: k }, (_, c) => space.rowToCentre(i, c)),
                all: Array.from(all),
                toRow: space.rowToRow(i, (i + 4) % points.rows),
                toRows: Array.from(toRows),
              };
            });
          },
          { mostValues },
        );
      const expected = Array.from({ length: points.rows }, (_, i) => {
        const toCentres = Array.from({ length: k }, (_, c) =>
          squaredDistance(points.data, i * d, centres.data, c * d, d),
        );
        return {
          toCentres,
          all: toCentres,
          toRow: squaredDistance(points.data, i * d, points.data, ((i + 4) % points.rows) * d, d),
          toRows: Array.from(starts, (start) => squaredDistance(points.data, i * d, points.data, start, d)),
        };
      });
      expect(seen(Infinity)).toEqual(expected); // kernel memory
      expect(seen(0)).toEqual(expected); // JavaScript
    });
  }

  it('refuses more candidates than its space has room for, instead of writing past them', () => {
    const points = matrix(20, 4);
    const starts = Int32Array.from([0, 4, 8]);
    withFitSpace(
      points,
      3,
      (space) => {
        expect(() => space.seeding!.score(starts)).toThrow(RangeError);
        expect(space.seeding!.score(starts.subarray(0, 2)).potentials).toHaveLength(2);
      },
      { candidates: 2 },
    );
  });
});
