// Union of many overlapping circles merged in a tree: the same region as one sweep over them all
// (compared by area and by the symmetric difference), which was the quadratic step of dense audits.
import { describe, expect, it } from 'vitest';
import ClipperLib from 'clipper-lib';
import { pathsArea, unionTreePaths, type IntPaths } from '../../../src/engine/geo/clip';
import { circleFlat } from '../../../src/engine/geo/circle';

function circlePath(x: number, y: number, r: number): IntPaths {
  const f = circleFlat(x, y, r);
  const p: ClipperLib.Path = [];
  for (let i = 0; i < f.length; i += 2) p.push({ X: Math.round(f[i] * 100), Y: Math.round(f[i + 1] * 100) });
  return [p];
}

function oneSweepUnion(shapes: IntPaths[]): IntPaths {
  const c = new ClipperLib.Clipper();
  c.AddPaths(shapes.flat(), ClipperLib.PolyType.ptSubject, true);
  const out: IntPaths = [];
  c.Execute(ClipperLib.ClipType.ctUnion, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  return out;
}

function xor(a: IntPaths, b: IntPaths): number {
  const c = new ClipperLib.Clipper();
  c.AddPaths(a, ClipperLib.PolyType.ptSubject, true);
  c.AddPaths(b, ClipperLib.PolyType.ptClip, true);
  const out: IntPaths = [];
  c.Execute(ClipperLib.ClipType.ctXor, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  return Math.abs(pathsArea(out));
}

describe('unionTreePaths', () => {
  it('300 random overlapping circles: the same region as one sweep (area within 1e-6, XOR below 1 m²)', () => {
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const shapes = Array.from({ length: 300 }, () => circlePath(rnd() * 2000, rnd() * 2000, 200 + rnd() * 400));
    const tree = unionTreePaths(shapes);
    const sweep = oneSweepUnion(shapes);
    expect(pathsArea(tree)).toBeGreaterThan(3e6);
    expect(Math.abs(pathsArea(tree) - pathsArea(sweep)) / pathsArea(sweep)).toBeLessThan(1e-6);
    expect(xor(tree, sweep)).toBeLessThan(1);
  });

  it('two disjoint unit squares and one inside another: by hand', () => {
    const sq = (x: number, y: number, w: number): IntPaths => [[{ X: x, Y: y }, { X: x + w, Y: y }, { X: x + w, Y: y + w }, { X: x, Y: y + w }]];
    // 100 cm squares → 1 m² each; the 50 cm square inside the first adds nothing.
    expect(pathsArea(unionTreePaths([sq(0, 0, 100), sq(500, 0, 100), sq(25, 25, 50)]))).toBeCloseTo(2, 9);
    expect(unionTreePaths([])).toEqual([]);
  });
});
