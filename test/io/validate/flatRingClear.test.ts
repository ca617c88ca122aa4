// flatRingClear's certificate on rings of five positions (four edges, the building footprint's
// shape, which it reads on a path of its own): checked against checkRing on the same positions and
// against extents taken by hand.
import { describe, expect, it } from 'vitest';
import { checkRing, flatRingClear } from '../../../src/io/validate/geometryChecks';
import { mulberry32 } from '../../../bench/lib/random';
import type { Position } from '../../../src/engine/types';

/** flatRingClear over `ring` written at vertex 1 of a flat array (a vertex of another ring before it). */
function clear(ring: Position[], extent = Float64Array.of(Infinity, Infinity, -Infinity, -Infinity)): { ok: boolean; extent: number[] } {
  const xy = Float64Array.from([7, 7, ...ring.flat()]);
  const ok = flatRingClear(xy, 1, 1 + ring.length, extent);
  return { ok, extent: Array.from(extent) };
}

describe('flatRingClear on four-edge rings', () => {
  it('clears a square and takes its extent; refuses bow ties crossing at edges 0 and 2 or at 1 and 3', () => {
    expect(clear([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toEqual({ ok: true, extent: [0, 0, 1, 1] });
    // (0,0) → (1,1) crosses (1,0) → (0,1): edges 0 and 2.
    expect(clear([[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]]).ok).toBe(false);
    // (1,0) → (0,1) crosses (1,1) → (0,0): edges 1 and 3.
    expect(clear([[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]).ok).toBe(false);
    expect(checkRing([[0, 0], [1, 1], [0, 1], [1, 0], [0, 0]], 'r')[0].severity).toBe('warning');
    expect(checkRing([[0, 0], [1, 0], [0, 1], [1, 1], [0, 0]], 'r')[0].severity).toBe('warning');
  });

  it('leaves the extent as it was when a vertex is out of range (the last one too), widens it for an unclosed ring', () => {
    const before = [100, 20, 101, 21];
    expect(clear([[100, 20], [101, 20], [101, 21], [100, 21], [100, 95]], Float64Array.from(before))).toEqual({ ok: false, extent: before });
    expect(clear([[100, 20], [101, 20], [NaN, 21], [100, 21], [100, 20]], Float64Array.from(before))).toEqual({ ok: false, extent: before });
    expect(clear([[100, 20], [181, 20], [101, 21], [100, 21], [100, 20]], Float64Array.from(before))).toEqual({ ok: false, extent: before });
    // Unclosed: not cleared, but every vertex was in range, so the extent takes them all.
    expect(clear([[99, 20], [101, 19], [102, 21], [100, 22], [99, 20.5]], Float64Array.from(before))).toEqual({ ok: false, extent: [99, 19, 102, 22] });
  });

  it('keeps the first of equal extremes (0 before -0, -0 before 0), as comparisons do', () => {
    const a = clear([[0, 0], [1, 0], [1, 1], [-0, 1], [0, 0]]).extent;
    expect(Object.is(a[0], 0)).toBe(true);
    const b = clear([[-0, -0], [1, 0], [1, 1], [0, 1], [-0, -0]]).extent;
    expect(Object.is(b[0], -0) && Object.is(b[1], -0)).toBe(true);
    // An extent already at 0 (an earlier ring's) keeps its 0 against this ring's -0.
    const c = clear([[-0, -0], [1, 0], [1, 1], [0, 1], [-0, -0]], Float64Array.of(0, 0, 5, 5)).extent;
    expect(Object.is(c[0], 0) && Object.is(c[1], 0)).toBe(true);
  });

  it('agrees with checkRing on random four-edge rings (a third of them crossing), and the extent is the vertices\' box', () => {
    const rand = mulberry32(77);
    let crossing = 0;
    for (let k = 0; k < 3000; k++) {
      const r: Position[] = Array.from({ length: 4 }, () => [100 + Math.floor(rand() * 4) + rand() / 8, 30 + Math.floor(rand() * 4) + rand() / 8]);
      r.push(r[0]);
      const issues = checkRing(r, 'r');
      if (issues.length) crossing++;
      const got = clear(r);
      expect(got.ok, JSON.stringify(r)).toBe(issues.length === 0);
      const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
      expect(got.extent).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    }
    expect(crossing).toBeGreaterThan(500);
    expect(crossing).toBeLessThan(2500);
  });
});
