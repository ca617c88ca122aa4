// Greedy and exact maximum coverage against brute force on small random instances.
import { describe, expect, it } from 'vitest';
import { lazyGreedy } from '../../../src/planning/suggest/greedy';
import { exactMaxCoverage } from '../../../src/planning/suggest/exact';
import { bruteForce, lcg, plainGreedy, randomModel, setValue } from './randomModel';

const BOUND = 1 - 1 / Math.E;

describe('lazy greedy', () => {
  it('picks what plain greedy picks, gains add up, and is within (1 − 1/e) of the brute-force optimum', () => {
    const rand = lcg(7);
    let optimalCount = 0;
    for (let t = 0; t < 60; t++) {
      const n = 6 + Math.floor(rand() * 7), m = 10 + Math.floor(rand() * 30), K = 1 + Math.floor(rand() * 4);
      const model = randomModel(rand, n, m, 0.1 + rand() * 0.3);
      const g = lazyGreedy(model, K);
      const opt = bruteForce(model, K);
      expect(g.chosen).toEqual(plainGreedy(model, K));
      expect(g.value).toBeCloseTo(setValue(model, g.chosen), 6);
      expect(g.gains.reduce((a, b) => a + b, 0)).toBeCloseTo(g.value, 6);
      expect(g.value).toBeGreaterThanOrEqual(BOUND * opt.value - 1e-9);
      if (Math.abs(g.value - opt.value) < 1e-9) optimalCount++;
    }
    // Most small instances are solved optimally; not all (else the exact solver would be moot).
    expect(optimalCount).toBeGreaterThan(20);
    expect(optimalCount).toBeLessThan(60);
  });

  it('evaluates fewer gains than plain greedy on a larger instance', () => {
    const model = randomModel(lcg(3), 300, 400, 0.03);
    const g = lazyGreedy(model, 5);
    expect(g.evaluations).toBeLessThan(300 * 5);
    expect(g.chosen).toEqual(plainGreedy(model, 5));
  });

  it('stops when nothing is left to gain', () => {
    const model = randomModel(lcg(1), 4, 3, 1); // every candidate reaches every point
    expect(lazyGreedy(model, 3).chosen).toEqual([0]);
  });
});

describe('exact branch and bound', () => {
  it('equals brute force on random instances, with and without greedy as the first incumbent', () => {
    const rand = lcg(11);
    for (let t = 0; t < 60; t++) {
      const n = 6 + Math.floor(rand() * 9), m = 10 + Math.floor(rand() * 40), K = 1 + Math.floor(rand() * 4);
      const model = randomModel(rand, n, m, 0.1 + rand() * 0.3);
      const opt = bruteForce(model, K);
      const cold = exactMaxCoverage(model, K);
      const warm = exactMaxCoverage(model, K, { start: lazyGreedy(model, K) });
      for (const r of [cold, warm]) {
        expect(r.proven).toBe(true);
        expect(r.value).toBeCloseTo(opt.value, 6);
        expect(setValue(model, r.chosen)).toBeCloseTo(opt.value, 6);
        expect(r.chosen.length).toBeLessThanOrEqual(K);
        expect(r.upperBound).toBe(r.value);
      }
    }
  });

  it('equals brute force on larger instances with overlapping sites (18 candidates, K = 4 or 5)', () => {
    const rand = lcg(23);
    for (let t = 0; t < 8; t++) {
      const model = randomModel(rand, 18, 60, 0.25);
      const K = 4 + (t % 2);
      const r = exactMaxCoverage(model, K, { start: lazyGreedy(model, K) });
      expect(r.proven).toBe(true);
      expect(r.value).toBeCloseTo(bruteForce(model, K).value, 6);
    }
  });

  it('stopped by the node limit, reports a valid upper bound', () => {
    const rand = lcg(5);
    let stopped = 0;
    for (let t = 0; t < 30; t++) {
      const model = randomModel(rand, 14, 40, 0.1 + (t % 3) * 0.15);
      const opt = bruteForce(model, 4);
      const maxNodes = 1 + (t % 7);
      const r = exactMaxCoverage(model, 4, { maxNodes, start: t % 2 ? lazyGreedy(model, 4) : undefined });
      expect(r.upperBound).toBeGreaterThanOrEqual(opt.value - 1e-9);
      expect(r.value).toBeLessThanOrEqual(opt.value + 1e-9);
      if (!r.proven) { stopped++; expect(r.nodes).toBe(maxNodes + 1); }
    }
    expect(stopped).toBeGreaterThan(10);
  });

  it('cancels with the signal', () => {
    const model = randomModel(lcg(9), 20, 50, 0.2);
    expect(() => exactMaxCoverage(model, 3, { signal: { aborted: true } })).toThrow(/cancelled/);
  });
});
