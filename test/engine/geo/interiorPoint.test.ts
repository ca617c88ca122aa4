import { describe, expect, it } from 'vitest';
import { interiorPoint } from '../../../src/engine/geo/interiorPoint';
import type { Ring } from '../../../src/engine/types';

describe('interiorPoint', () => {
  it('takes the middle of the widest stretch: a U shape gets a point on its base, not in the courtyard', () => {
    // The base 0 ≤ y < 1 is 3 wide; above it two arms 1 wide. The first line (y = 3/16) crosses
    // the base at x = 0 and 3, so the point is (1.5, 0.1875) by hand.
    const u: Ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    expect(interiorPoint([u])).toEqual([1.5, 0.1875]);
  });

  it('avoids a hole: the stretches beside a central hole are narrower than a full line below it', () => {
    const outer: Ring = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole: Ring = [[1, 0.5], [3, 0.5], [3, 3.5], [1, 3.5], [1, 0.5]];
    // y = 0.25 crosses only the outer ring: width 4, middle (2, 0.25); every other line is split by the hole.
    expect(interiorPoint([outer, hole])).toEqual([2, 0.25]);
  });

  it('gives null for a polygon with no height', () => {
    expect(interiorPoint([[[0, 0], [1, 0], [2, 0], [0, 0]]])).toBeNull();
  });
});
