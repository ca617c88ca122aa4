// Union of convex rings on clipper's grid without clipper: against hand-drawn unions, and against
// clipper's own union (clipper-lib, non-zero) on random groups of rotated footprints, including
// groups built to touch or nearly touch, where the union must be refused rather than differ.
import { describe, expect, it, vi } from 'vitest';
import ClipperLib from 'clipper-lib';
import { convexUnionOnGrid, convexUnionRing } from '../../../src/engine/geo/convexUnionOnGrid';
import { mulberry32 } from '../../../bench/lib/random';

type Ring = number[][];

/** The union of `rings` by convexUnionOnGrid: its ring, or null when refused. */
function unionOf(rings: Ring[]): Ring | null {
  const g = Float64Array.from(rings.flat(2));
  const starts = new Int32Array(rings.length + 1);
  rings.forEach((r, q) => { starts[q + 1] = starts[q] + 2 * r.length; });
  const m = convexUnionOnGrid(g, starts, Int32Array.from(rings, (_, q) => q), rings.length);
  if (m < 0) return null;
  const out = convexUnionRing();
  return Array.from({ length: m }, (_, i) => [out[2 * i], out[2 * i + 1]]);
}

/** Clipper's non-zero union of the rings, as lists of vertices. */
function clipperUnion(rings: Ring[]): Ring[] {
  const c = new ClipperLib.Clipper();
  c.AddPaths(rings.map((r) => r.map(([X, Y]) => ({ X, Y }))), ClipperLib.PolyType.ptSubject, true);
  const out: ClipperLib.Paths = [];
  c.Execute(ClipperLib.ClipType.ctUnion, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
  return out.map((p) => p.map((q) => [q.X, q.Y]));
}

/** The ring from its lowest-then-leftmost vertex on (the start vertex may differ, the order may not). */
function canonical(r: Ring): string {
  let b = 0;
  for (let i = 1; i < r.length; i++) if (r[i][1] < r[b][1] || (r[i][1] === r[b][1] && r[i][0] < r[b][0])) b = i;
  return r.slice(b).concat(r.slice(0, b)).map(([x, y]) => `${x},${y}`).join(' ');
}

const box = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('convexUnionOnGrid: by hand', () => {
  it('two overlapping squares: the eight-vertex outline, counter-clockwise, crossings at (1000, 500) and (500, 1000)', () => {
    const r = unionOf([box(0, 0, 1000, 1000), box(500, 500, 1500, 1500)]);
    expect(r && canonical(r)).toBe(canonical([[0, 0], [1000, 0], [1000, 500], [1500, 500], [1500, 1500], [500, 1500], [500, 1000], [0, 1000]]));
  });

  it('a crossing off the grid is rounded to the nearest grid point: a square and a diamond over its east edge', () => {
    // Diamond centred (1000, 500), half-diagonals 300 × 201: its edges cross x = 1000 at y = 500 ± 201.
    // The crossings are at y = 299 and 701 exactly; with half-diagonal 201.5 they would fall half-way and be refused.
    const diamond: Ring = [[1000, 299], [1300, 500], [1000, 701], [700, 500]];
    expect(unionOf([box(0, 0, 1000, 1000), diamond])).toBeNull(); // its vertices lie on the square's edge: a contact
    const moved: Ring = [[990, 299], [1300, 500], [990, 701], [700, 500]];
    // The diamond's west half-edges from (990, 299) cross x = 1000 at y = 299 + 10 · 201 / 310 = 305.48… → 305 and 694.51… → 695.
    const r = unionOf([box(0, 0, 1000, 1000), moved]);
    expect(r && canonical(r)).toBe(canonical([[0, 0], [1000, 0], [1000, 305], [1300, 500], [1000, 695], [1000, 1000], [0, 1000]]));
  });

  it('a staircase of 32 overlapping squares: one ring of 4 + 4 · 31 vertices; 33 squares: refused (clipper\'s sweep unites large groups)', () => {
    const stairs = (n: number) => Array.from({ length: n }, (_, i) => box(600 * i, 600 * i, 600 * i + 1000, 600 * i + 1000));
    expect(unionOf(stairs(32))?.length).toBe(4 + 4 * 31);
    expect(unionOf(stairs(33))).toBeNull();
  });

  it('a ring inside another: the outer ring', () => {
    const r = unionOf([box(300, 300, 400, 400), box(0, 0, 1000, 1000)]);
    expect(r && canonical(r)).toBe(canonical(box(0, 0, 1000, 1000)));
  });

  it('refused: a shared edge, a shared corner, a vertex a unit from another ring, a courtyard (a hole), a dented or clockwise ring, rings apart', () => {
    expect(unionOf([box(0, 0, 1000, 1000), box(1000, 0, 2000, 1000)])).toBeNull();
    expect(unionOf([box(0, 0, 1000, 1000), box(1000, 1000, 2000, 2000)])).toBeNull();
    expect(unionOf([box(0, 0, 1000, 1000), [[999, 400], [1500, 300], [1500, 600]]])).toBeNull();
    expect(unionOf([box(0, 0, 1000, 200), box(800, -50, 1050, 1050), box(-50, 800, 1000, 1000), box(-30, -30, 200, 990)])).toBeNull();
    expect(unionOf([[[0, 0], [1000, 0], [500, 200], [1000, 1000], [0, 1000]], box(500, 500, 1500, 1500)])).toBeNull();
    expect(unionOf([[[0, 0], [0, 1000], [1000, 1000], [1000, 0]], box(500, 500, 1500, 1500)])).toBeNull();
    expect(unionOf([box(0, 0, 1000, 1000), box(3000, 0, 4000, 1000)])).toBeNull();
  });
});

describe('convexUnionOnGrid: many crossings in a fresh module (its scratch sized for them before the first is written)', () => {
  it('six bars crossed at one point (an asterisk, 60 crossings): clipper\'s union, as the first call', async () => {
    vi.resetModules();
    const fresh = await import('../../../src/engine/geo/convexUnionOnGrid');
    const bars: Ring[] = Array.from({ length: 6 }, (_, i) => {
      const t = (i * Math.PI) / 6 + 0.01, c = Math.cos(t), s = Math.sin(t);
      return [[-2000, -100], [2000, -100], [2000, 100], [-2000, 100]].map(([u, v]) => [Math.round(u * c - v * s), Math.round(u * s + v * c)]);
    });
    const g = Float64Array.from(bars.flat(2));
    const starts = Int32Array.from({ length: 7 }, (_, q) => 8 * q);
    const m = fresh.convexUnionOnGrid(g, starts, Int32Array.from({ length: 6 }, (_, q) => q), 6);
    expect(m).toBeGreaterThan(0);
    const out = fresh.convexUnionRing();
    const [theirs] = clipperUnion(bars);
    expect(canonical(Array.from({ length: m }, (_, i) => [out[2 * i], out[2 * i + 1]]))).toBe(canonical(theirs));
  });
});

describe('convexUnionOnGrid: where clipper\'s union is not the exact one', () => {
  const rings = (flat: number[][]): Ring[] => flat.map((f) => Array.from({ length: f.length / 2 }, (_, i) => [f[2 * i], f[2 * i + 1]]));
  // Groups of footprints from the synthetic 10k city (bench/lib/syntheticCity.ts) on the centimetre grid.
  const triangleNearEdge = rings([[-1758442, 408968, -1758260, 409147, -1758424, 412284, -1760091, 410641], [-1758276, 409452, -1758294, 409793, -1758455, 409611]]);
  const crossingsACentimetreApart = rings([[-1364067, 299649, -1361482, 300120, -1361889, 302352, -1364474, 301881], [-1363464, 300152, -1362609, 302484, -1364274, 303094, -1365129, 300762], [-1365630, 297236, -1363452, 302122, -1364790, 302718, -1366968, 297833]]);

  it('a triangle inside a footprint, two vertices within a millimetre of its edge: clipper puts them on the edge; refused', () => {
    // Exactly, the union is the footprint (the triangle is inside); clipper places the edge on the
    // triangle's scanlines by rounding and finds the vertices on it.
    expect(clipperUnion(triangleNearEdge).map((r) => r.length)).toEqual([6]);
    expect(unionOf(triangleNearEdge)).toBeNull();
  });

  it('two crossings that round to grid points a centimetre apart: clipper merges them; refused', () => {
    expect(clipperUnion(crossingsACentimetreApart).map((r) => r.length)).toEqual([11]);
    expect(unionOf(crossingsACentimetreApart)).toBeNull();
  });

  it('a ring with a straight vertex (58, 117) → (55, 102) → (51, 82): clipper drops it; refused (only strictly convex rings)', () => {
    const group: Ring[] = [[[74, 164], [58, 117], [55, 102], [51, 82], [47, 25], [62, -27]], [[128, 37], [25, 106], [-1, 67], [102, -3]]];
    const [theirs] = clipperUnion(group);
    expect(theirs.some(([x, y]) => x === 55 && y === 102)).toBe(false);
    expect(unionOf(group)).toBeNull();
  });

  it('a crossing 3 units from a sharp corner, within 2 units of the corner\'s other edge: refused (rounding could bring the ring near itself)', () => {
    expect(unionOf(rings([[0, 0, 2000, 0, 1662, 1113], [684, -423, -674, 423, -1150, -341, 208, -1187]]))).toBeNull();
  });
});

describe('convexUnionOnGrid: against clipper', () => {
  /** A rotated rectangle (footprint) of w × h grid units centred at (x, y), or a convex polygon on an ellipse. */
  function footprint(rnd: () => number, x: number, y: number, w: number, h: number): Ring {
    const t = rnd() * Math.PI, c = Math.cos(t), s = Math.sin(t);
    const corners = rnd() < 0.75
      ? [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]
      : Array.from({ length: 3 + Math.floor(rnd() * 6) }, () => 2 * Math.PI * rnd()).sort((a, b) => a - b).map((a) => [(w / 2) * Math.cos(a), (h / 2) * Math.sin(a)]);
    return corners.map(([u, v]) => [Math.round(x + u * c - v * s), Math.round(y + u * s + v * c)]);
  }

  it('random groups of overlapping footprints far from the origin: every union given is clipper\'s, and most are given', () => {
    const rnd = mulberry32(17);
    let given = 0, trials = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const k = 2 + Math.floor(rnd() * 5);
      const ox = (rnd() - 0.5) * 4e6, oy = (rnd() - 0.5) * 4e6; // centimetres: ±20 km from the projection centre
      const rings = Array.from({ length: k }, () => footprint(rnd, ox + 3000 * rnd(), oy + 3000 * rnd(), 800 + 4000 * rnd(), 600 + 2000 * rnd()));
      const theirs = clipperUnion(rings);
      const mine = unionOf(rings);
      if (theirs.length === 1) trials++;
      if (!mine) continue;
      given++;
      expect(theirs.length).toBe(1);
      expect(canonical(mine)).toBe(canonical(theirs[0]));
    }
    expect(trials).toBeGreaterThan(1500);
    expect(given / trials).toBeGreaterThan(0.6);
  });

  it('footprints built to touch or nearly touch (an edge 0 to 3 units from another ring\'s, axis-aligned or not): clipper\'s union or refused', () => {
    const rnd = mulberry32(23);
    let given = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const axis = trial % 2 === 0;
      const x0 = Math.round((rnd() - 0.5) * 2e6), y0 = Math.round((rnd() - 0.5) * 2e6);
      const w = 1000 + Math.floor(2000 * rnd()), h = 800 + Math.floor(1500 * rnd());
      const a = box(x0, y0, x0 + w, y0 + h);
      // A second footprint whose west edge lies `gap` units from a's east edge (negative: overlapping by a little).
      const gap = Math.floor(rnd() * 7) - 3;
      const tilt = axis ? 0 : Math.round((rnd() - 0.5) * 6);
      const b: Ring = [[x0 + w + gap, y0 + 200], [x0 + w + gap + 1500, y0 + 200], [x0 + w + gap + 1500, y0 + h + 300], [x0 + w + gap + tilt, y0 + h + 300]];
      // A third overlapping both, so the group has crossings wherever the two meet.
      const c = footprint(rnd, x0 + w, y0 + h / 2, 1200, 700);
      for (const rings of [[a, b], [a, b, c]]) {
        const mine = unionOf(rings);
        if (!mine) continue;
        given++;
        const theirs = clipperUnion(rings);
        expect(theirs.length).toBe(1);
        expect(canonical(mine)).toBe(canonical(theirs[0]));
      }
    }
    expect(given).toBeGreaterThan(500);
  });
});
