import { describe, expect, it } from 'vitest';
import ClipperLib from 'clipper-lib';
import { boxInConvex, CapsuleBuilder, ClipScratch, clipToRect, clipUncontained, keepUncontained, PolygonStore } from '../../../src/engine/network/capsules';
import { unitDisk } from '../../../src/engine/network/serviceArea';
import { mulberry32 } from './helpers';

/** Andrew's monotone chain (independent of the code under test): convex hull, CCW. */
function monotoneHull(pts: [number, number][]): [number, number][] {
  const p = [...pts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const h: [number, number][] = [];
  for (const q of p) {
    while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], q) <= 0) h.pop();
    h.push(q);
  }
  const lower = h.length + 1;
  for (let i = p.length - 2; i >= 0; i--) {
    while (h.length >= lower && cross(h[h.length - 2], h[h.length - 1], p[i]) <= 0) h.pop();
    h.push(p[i]);
  }
  h.pop();
  return h;
}
const area = (r: [number, number][]) => r.reduce((a, q, i) => { const n = r[(i + 1) % r.length]; return a + q[0] * n[1] - n[0] * q[1]; }, 0) / 2;
const ring = (s: PolygonStore, i: number): [number, number][] => Array.from({ length: s.start[i + 1] - s.start[i] }, (_, k) => [s.X[s.start[i] + k], s.Y[s.start[i] + k]]);

describe('CapsuleBuilder', () => {
  it('box() is the bounding box of what add() builds, without building it (random pieces: split, tapered, constant radius)', () => {
    const rand = mulberry32(17);
    for (const tol of [1, 2, 0.3]) {
      const M = 100;
      const d = 500;
      const unit = unitDisk(M, tol);
      for (let t = 0; t < 400; t++) {
        // Distances across d − M (split), within [d − M, d] (tapered) and below d − M (constant radius M).
        const f0 = d - 2 * M + rand() * 2 * M;
        const f1 = t % 3 === 0 ? f0 : d - 2 * M + rand() * 2 * M;
        const x0 = -300 + rand() * 600, y0 = -300 + rand() * 600;
        const x1 = t % 13 === 0 ? x0 : x0 + (rand() - 0.5) * 120, y1 = t % 13 === 0 ? y0 : y0 + (rand() - 0.5) * 120;
        // A fresh builder per piece: no end disk is shared with an earlier piece.
        const store = new PolygonStore();
        const b = new CapsuleBuilder(unit, d, M, store);
        b.add(x0, y0, f0, x1, y1, f1);
        const box = new Float64Array(4);
        const has = b.box(x0, y0, f0, x1, y1, f1, box, 0);
        expect(has).toBe(store.n > 0);
        if (!has) continue;
        // The union of the built polygons' boxes, from their vertices.
        let mx = Infinity, my = Infinity, Mx = -Infinity, My = -Infinity;
        for (let v = 0; v < store.vertexCount; v++) {
          mx = Math.min(mx, store.X[v]); my = Math.min(my, store.Y[v]);
          Mx = Math.max(Mx, store.X[v]); My = Math.max(My, store.Y[v]);
        }
        expect([...box]).toEqual([mx, my, Mx, My]);
      }
    }
  });

  it('a tapered capsule is the convex hull of its two end polygons (random pieces, against a monotone chain)', () => {
    const rand = mulberry32(3);
    const unit = unitDisk(100, 1);
    for (let t = 0; t < 300; t++) {
      const M = 100;
      const d = 1000;
      // f0, f1 ≥ d − M so no split and no constant-radius part: one hull per piece; some reach 0.
      const f0 = d - M + rand() * (M + (t % 5 === 0 ? 0 : -1)) * (t % 7 === 0 ? 1 : rand());
      const f1 = d - M + rand() * M;
      const x0 = rand() * 500, y0 = rand() * 500;
      const x1 = t % 11 === 0 ? x0 : rand() * 500, y1 = t % 11 === 0 ? y0 : rand() * 500;
      const store = new PolygonStore();
      new CapsuleBuilder(unit, d, M, store).add(x0, y0, f0, x1, y1, f1);
      const r0 = Math.max(0, d - f0), r1 = Math.max(0, d - f1);
      if (r0 < 0.005 && r1 < 0.005) {
        expect(store.n).toBe(0);
        continue;
      }
      expect(store.n).toBe(1);
      const pts: [number, number][] = [];
      for (const [ux, uy] of unit) {
        pts.push([Math.round((x0 + r0 * ux) * 100), Math.round((y0 + r0 * uy) * 100)]);
        pts.push([Math.round((x1 + r1 * ux) * 100), Math.round((y1 + r1 * uy) * 100)]);
      }
      const want = monotoneHull(pts);
      const got = ring(store, 0);
      // Same polygon: equal areas (hull of rounded points vs rounded hull points: ≤ 1 cm² per vertex).
      expect(Math.abs(area(got) - area(want))).toBeLessThanOrEqual(want.length + got.length);
      expect(area(got)).toBeGreaterThan(0);
      // Every hull vertex is one of the candidate points, and convex CCW.
      for (let i = 0; i < got.length; i++) {
        const a = got[i], b = got[(i + 1) % got.length], c = got[(i + 2) % got.length];
        expect((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])).toBeGreaterThanOrEqual(-200);
      }
    }
  });

  it('a constant-radius piece gives its two end disks (once each) and the band between them', () => {
    const store = new PolygonStore();
    const caps = new CapsuleBuilder(unitDisk(50, 1), 500, 50, store);
    caps.add(0, 0, 100, 100, 0, 200);
    caps.add(100, 0, 200, 200, 0, 300);
    // Disks at x = 0, 100, 200 (the one at 100 shared) and two bands: 5 polygons, in the order
    // disk 0, disk 100, band 0–100, disk 200, band 100–200.
    expect(store.n).toBe(5);
    // Each band is 100 m long and 2M = 100 m wide (the unit polygon has vertices at ±90°); each
    // disk is the inscribed n-gon of radius 50: n sin(2π/n)/2 · r² (vertices rounded to 1 cm).
    const n = unitDisk(50, 1).length;
    const disk = (n * Math.sin((2 * Math.PI) / n)) / 2 * 2500;
    const bands = [2, 4].map((i) => area(ring(store, i)) / 1e4);
    for (const b of bands) expect(b).toBeCloseTo(100 * 100, 1);
    // Vertices rounded to 1 cm move the area by less than half a centimetre times the perimeter.
    for (const i of [0, 1, 3]) expect(Math.abs(area(ring(store, i)) / 1e4 - disk)).toBeLessThan(0.005 * 2 * Math.PI * 50);
  });
});

describe('clipToRect and keepUncontained', () => {
  const square = (s: PolygonStore, x0: number, y0: number, x1: number, y1: number) => {
    s.vertex(x0, y0); s.vertex(x1, y0); s.vertex(x1, y1); s.vertex(x0, y1);
    return s.end();
  };
  it('clips convex polygons to a rectangle (hand areas), dropping those that miss it', () => {
    const src = new PolygonStore();
    square(src, 0, 0, 200, 200); // half inside [100, 300] × [0, 200] (metres × 100 = cm): 100 × 200
    square(src, 400, 400, 500, 500); // outside
    src.vertex(100, 0); src.vertex(300, 100); src.vertex(100, 200); src.end(); // triangle wholly inside
    const dst = new PolygonStore();
    clipToRect(src, [0, 1, 2], 3, [1, 0, 3, 2], dst, new ClipScratch());
    expect(dst.n).toBe(2);
    expect(area(ring(dst, 0))).toBe(100 * 200);
    expect(area(ring(dst, 1))).toBe((200 * 200) / 2);
  });

  it('keeps only polygons not inside another; the union is unchanged', () => {
    const s = new PolygonStore();
    square(s, 10, 10, 50, 50); // inside the big one
    square(s, 0, 0, 100, 100); // big
    square(s, 0, 0, 100, 100); // duplicate of big: one of the two goes
    square(s, 0, 0, 100, 20); // shares three sides with big: inside (boundary counts)
    square(s, 50, 50, 150, 150); // sticks out: kept
    s.vertex(90, 90); s.vertex(200, 90); s.vertex(90, 200); s.end(); // sticks out: kept
    const kept = keepUncontained(s).sort((a, b) => a - b);
    expect(kept.length).toBe(3);
    expect(kept).toContain(4);
    expect(kept).toContain(5);
    expect([1, 2].filter((k) => kept.includes(k))).toHaveLength(1);
  });

  it('clipUncontained: the same union as clipping everything, from fewer polygons', () => {
    // Independent check: clipper's union of every polygon clipped (clipToRect, tested by hand
    // above), against clipper's union of what clipUncontained keeps; areas from the rings.
    const rand = mulberry32(11);
    const unit = unitDisk(100, 1);
    const union = (s: PolygonStore, items: number[]) => {
      const c = new ClipperLib.Clipper();
      for (const i of items) c.AddPath(s.path(i), ClipperLib.PolyType.ptSubject, true);
      const out: ClipperLib.Paths = [];
      c.Execute(ClipperLib.ClipType.ctUnion, out, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
      return out.reduce((a, p) => a + ClipperLib.Clipper.Area(p), 0);
    };
    let fewer = 0;
    for (let t = 0; t < 40; t++) {
      const src = new PolygonStore();
      const caps = new CapsuleBuilder(unit, 1000, 100, src);
      for (let k = 0; k < 60; k++) {
        const x = rand() * 300, y = rand() * 300;
        caps.add(x, y, 850 + rand() * 150, x + (rand() - 0.5) * 60, y + (rand() - 0.5) * 60, 850 + rand() * 150);
      }
      const all = Array.from({ length: src.n }, (_, i) => i);
      const r: [number, number, number, number] = [100, 100, 200, 200];
      const every = new PolygonStore();
      clipToRect(src, all, all.length, r, every, new ClipScratch());
      const kept = new PolygonStore();
      const n = clipUncontained(src, all, all.length, r, kept, new ClipScratch());
      expect(n).toBe(kept.n);
      const a = union(every, Array.from({ length: every.n }, (_, i) => i));
      // The same set: clipper may round intersection points differently (≤ 1 cm² per vertex or so).
      expect(Math.abs(union(kept, Array.from({ length: n }, (_, i) => i)) - a)).toBeLessThan(1e-6 * a + 100);
      if (n < every.n) fewer++;
    }
    expect(fewer).toBe(40);
  });
});

describe('boxInConvex', () => {
  it('answers as the four corners tested against every edge (random rounded disks, clipped slivers, boxes inside, across and on the boundary)', () => {
    const rand = mulberry32(29);
    const store = new PolygonStore();
    // Brute force, independent of the code under test: each corner on the left of (or on) each edge.
    const cornersIn = (r: [number, number][], x0: number, y0: number, x1: number, y1: number) =>
      [[x0, y0], [x1, y0], [x1, y1], [x0, y1]].every(([x, y]) =>
        r.every((a, i) => {
          const b = r[(i + 1) % r.length];
          return (b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) >= 0;
        }));
    let inside = 0, outside = 0;
    for (let t = 0; t < 300; t++) {
      store.clear();
      const n = 4 * (2 + Math.floor(rand() * 12));
      const cx = Math.round(rand() * 1e6), cy = Math.round(rand() * 1e6), r = 100 + rand() * 10_000;
      // A rounded regular polygon (slightly non-convex at places, as rounded capsules are), sometimes with a repeated vertex.
      for (let k = 0; k < n; k++) {
        const x = Math.round(cx + r * Math.cos((2 * Math.PI * k) / n)), y = Math.round(cy + r * Math.sin((2 * Math.PI * k) / n));
        store.vertex(x, y);
        if (k === 3 && t % 5 === 0) store.vertex(x, y);
      }
      store.end();
      const poly = ring(store, 0);
      for (let q = 0; q < 40; q++) {
        // Boxes from well inside to across the boundary; some with a corner exactly on a vertex.
        const s = r * (0.1 + rand() * 1.2);
        let x0 = Math.round(cx - s * rand()), y0 = Math.round(cy - s * rand());
        const x1 = Math.round(x0 + s * rand()), y1 = Math.round(y0 + s * rand());
        if (q % 7 === 0) [x0, y0] = poly[q % poly.length];
        const want = cornersIn(poly, x0, y0, Math.max(x0, x1), Math.max(y0, y1));
        expect(boxInConvex(store, 0, x0, y0, Math.max(x0, x1), Math.max(y0, y1))).toBe(want);
        if (want) inside++;
        else outside++;
      }
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBeGreaterThan(1000);
  });
});
