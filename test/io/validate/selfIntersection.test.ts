import { describe, expect, it } from 'vitest';
import { selfIntersection } from '../../../src/io/validate/geometryChecks';
import { mulberry32 } from '../../../bench/lib/random';
import type { Position } from '../../../src/engine/types';

// Every pair of non-adjacent edges tested by hand-written orientation signs: the sweep must find a
// crossing exactly when one exists (which edge it reports is the sweep's first in x order).
function crossesBrute(r: Position[]): boolean {
  const n = r.length - 1;
  const o = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [p, q, s, t] = [r[i], r[i + 1], r[j], r[j + 1]];
      if (o(s, t, p) * o(s, t, q) < 0 && o(p, q, s) * o(p, q, t) < 0) return true;
    }
  return false;
}

describe('selfIntersection', () => {
  it('finds a bow tie at its crossing edge and passes a square', () => {
    expect(selfIntersection([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeUndefined();
    expect(selfIntersection([[0, 0], [2, 2], [2, 0], [1, 3], [0, 2], [0, 0]])).toBeDefined();
  });

  it('agrees with every-pair testing on random rings, with repeated x coordinates', () => {
    const rand = mulberry32(21);
    let crossing = 0;
    for (let k = 0; k < 2000; k++) {
      const n = 4 + Math.floor(rand() * 12);
      const r: Position[] = Array.from({ length: n }, () => [Math.floor(rand() * 6), Math.floor(rand() * 6) + rand()]);
      r.push(r[0]);
      const brute = crossesBrute(r);
      if (brute) crossing++;
      expect(selfIntersection(r) !== undefined, JSON.stringify(r)).toBe(brute);
    }
    expect(crossing).toBeGreaterThan(200);
  });
});
