import { describe, expect, it } from 'vitest';
import { memoInverse } from '../../../scripts/lib/memoInverse';
import { createLocalProjection } from '../../../src/engine/geo/localProjection';
import { mulberry32 } from '../../../bench/lib/random';
import type { XY } from '../../../src/engine/reach/reachProvider';

describe('memoInverse', () => {
  const projection = createLocalProjection([114, 23]);

  it('answers every point as the projection does, computing each distinct point once', () => {
    const rand = mulberry32(5);
    // 20,000 distinct points (the table grows several times), each asked three times, in new arrays.
    const points: XY[] = Array.from({ length: 20_000 }, () => [(rand() - 0.5) * 1e4, (rand() - 0.5) * 1e4]);
    const memo = memoInverse(projection);
    for (let round = 0; round < 3; round++)
      for (const p of points) {
        const got = memo.inverse([p[0], p[1]]);
        const want = projection.inverse(p);
        if (got[0] !== want[0] || got[1] !== want[1]) throw new Error(`differs at ${p}`);
      }
    expect(memo.stats).toEqual({ computed: 20_000, remembered: 40_000 });
  });

  it('tells apart points that differ in the last bit or in the sign of zero, and forgets on clear', () => {
    const memo = memoInverse(projection);
    const x = 1234.5;
    const next = x + 2 ** -42; // the next double above 1234.5
    expect(next).not.toBe(x);
    expect(memo.inverse([x, 0])).toEqual(projection.inverse([x, 0]));
    expect(memo.inverse([next, 0])).toEqual(projection.inverse([next, 0]));
    memo.inverse([x, -0]);
    expect(memo.stats).toEqual({ computed: 3, remembered: 0 });
    const a = memo.inverse([x, 0]);
    expect(memo.inverse([x, 0])).toBe(a);
    expect(memo.stats.remembered).toBe(2);
    memo.clear();
    expect(memo.inverse([x, 0])).not.toBe(a);
    expect(memo.stats.computed).toBe(4);
  });
});
