import ClipperLib from 'clipper-lib';
import { describe, expect, it } from 'vitest';
import { stitchTileParts } from '../../../src/engine/network/stitch';
import type { IntPaths } from '../../../src/engine/network/clip';
import { mulberry32 } from './helpers';

const T = 10_000; // 100 m tiles, in cm

function run(type: ClipperLib.ClipType, a: IntPaths, b: IntPaths): IntPaths {
  const c = new ClipperLib.Clipper();
  c.AddPaths(a, ClipperLib.PolyType.ptSubject, true);
  if (b.length) c.AddPaths(b, ClipperLib.PolyType.ptClip, true);
  const out: IntPaths = [];
  c.Execute(type, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  return out;
}
const signedArea = (paths: IntPaths) => paths.reduce((s, p) => s + p.reduce((t, q, i) => { const n = p[(i + 1) % p.length]; return t + q.X * n.Y - n.X * q.Y; }, 0) / 2, 0);
const absArea = (paths: IntPaths) => Math.abs(signedArea(paths));
const rect = (x0: number, y0: number, x1: number, y1: number) => [{ X: x0, Y: y0 }, { X: x1, Y: y0 }, { X: x1, Y: y1 }, { X: x0, Y: y1 }];
const disc = (x: number, y: number, r: number) => Array.from({ length: 24 }, (_, k) => ({ X: Math.round(x + r * Math.cos((k * Math.PI) / 12)), Y: Math.round(y + r * Math.sin((k * Math.PI) / 12)) }));

/**
 * A random shape (discs minus thin slots) cut into the tiles of the grid by clipper, as the area
 * construction makes them; some tiles are replaced by the whole tile rectangle (certified tiles).
 */
function tiledShape(seed: number): { parts: IntPaths[]; whole: IntPaths } {
  const rand = mulberry32(seed);
  const discs: IntPaths = [];
  for (let k = 0; k < 30; k++) discs.push(disc(rand() * 5 * T, rand() * 5 * T, (0.2 + rand()) * T));
  // Slots cut through tile sides and corners, so parts have holes and touch at vertices.
  const slots: IntPaths = [];
  for (let k = 0; k < 8; k++) {
    const x = Math.round(rand() * 5) * T + Math.round((rand() - 0.5) * 2000);
    const y = Math.round(rand() * 5 * T);
    slots.push(rect(x - 50, y, x + 50, y + Math.round(rand() * 2 * T)));
  }
  const shape = run(ClipperLib.ClipType.ctDifference, run(ClipperLib.ClipType.ctUnion, discs, []), slots);
  const parts: IntPaths[] = [];
  const whole: IntPaths = [];
  for (let i = -2; i < 8; i++)
    for (let j = -2; j < 8; j++) {
      const tile = [rect(i * T, j * T, (i + 1) * T, (j + 1) * T)];
      let part = run(ClipperLib.ClipType.ctIntersection, shape, tile);
      // A tile wholly covered sometimes stands as its rectangle (certified), with the same set.
      if (part.length && Math.abs(absArea(part) - T * T) < 1 && rand() < 0.5) part = tile;
      if (part.length) {
        parts.push(part);
        whole.push(...part);
      }
    }
  return { parts, whole };
}

describe('stitchTileParts', () => {
  it('equals the clipper union of the tile parts (random shapes with holes, against clipper)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { parts, whole } = tiledShape(seed);
      const stitched = stitchTileParts(parts, T);
      expect(stitched).not.toBeNull();
      const union = run(ClipperLib.ClipType.ctUnion, whole, []);
      // Same set: nothing in one and not the other, and the same area by the rings' signs.
      expect(absArea(run(ClipperLib.ClipType.ctXor, stitched!, union))).toBe(0);
      expect(signedArea(stitched!)).toBeCloseTo(signedArea(union), 6);
      // No seam left: no vertex inside a straight stretch.
      for (const r of stitched!)
        for (let i = 0; i < r.length; i++) {
          const p = r[(i + r.length - 1) % r.length], q = r[i], n = r[(i + 1) % r.length];
          const cross = (q.X - p.X) * (n.Y - q.Y) - (q.Y - p.Y) * (n.X - q.X);
          const dot = (q.X - p.X) * (n.X - q.X) + (q.Y - p.Y) * (n.Y - q.Y);
          expect(cross === 0 && dot > 0).toBe(false);
        }
    }
  });

  it('four whole tiles become one square; two tiles touching at a corner stay two rings', () => {
    const four = [0, 1].flatMap((i) => [0, 1].map((j) => [rect(i * T, j * T, (i + 1) * T, (j + 1) * T)]));
    const s = stitchTileParts(four, T)!;
    expect(s).toHaveLength(1);
    expect(s[0]).toHaveLength(4);
    expect(signedArea(s)).toBe(4 * T * T);
    const corner = stitchTileParts([[rect(0, 0, T, T)], [rect(T, T, 2 * T, 2 * T)]], T)!;
    expect(corner).toHaveLength(2);
    expect(corner.map((r) => r.length)).toEqual([4, 4]);
  });

  it('returns null when the parts do not fit the grid (overlap, or a grid off whole centimetres)', () => {
    expect(stitchTileParts([[rect(0, 0, T, T)], [rect(0, 0, T, T)]], T)).toBeNull();
    expect(stitchTileParts([[rect(0, 0, T, T)]], 33.3)).toBeNull();
  });
});
