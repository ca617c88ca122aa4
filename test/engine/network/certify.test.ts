import { describe, expect, it } from 'vitest';
import { buildGraph, type RoadGraph } from '../../../src/engine/network/graph';
import { edgeProfile, networkDistances, type NetworkDistances } from '../../../src/engine/network/distances';
import { certifyRect } from '../../../src/engine/network/certify';
import { serviceAreaPaths } from '../../../src/engine/network/serviceArea';
import { fromPaths } from '../../../src/engine/network/clip';
import type { XY } from '../../../src/engine/reach/reachProvider';
import { insideRings, mulberry32, randomGridLines } from './helpers';

// Grid of 50 m spacing over [0, 1000]², source node at (500, 500) with cost 0.
function grid() {
  const lines: XY[][] = [];
  for (let k = 0; k <= 20; k++) {
    lines.push(Array.from({ length: 21 }, (_, i) => [i * 50, k * 50] as XY));
    lines.push(Array.from({ length: 21 }, (_, i) => [k * 50, i * 50] as XY));
  }
  const g = buildGraph(lines);
  let src = 0;
  for (let n = 0; n < g.nodeCount; n++) if (g.nodeX[n] === 500 && g.nodeY[n] === 500) src = n;
  return { g, nd: networkDistances(g, { nodes: [{ node: src, cost: 0 }], edges: [] }, 2000) };
}

describe('certifyRect', () => {
  const { g, nd } = grid();
  it('certifies a rectangle whose every point is within reach', () => {
    // [400, 600]²: walks ≤ 200 (Manhattan) to any road point, lateral ≤ 25 m: all ≤ 225 < 400.
    expect(certifyRect(g, nd, 400, 100, 0.5, [400, 400, 600, 600])).toBe(true);
  });
  it('refuses when part of the rectangle is beyond reach, and is monotone in d', () => {
    // Corner (600, 600) needs a walk of 200 (Manhattan): with d = 150 it is out of reach.
    expect(certifyRect(g, nd, 150, 100, 0.5, [400, 400, 600, 600])).toBe(false);
    // Monotone: certified at 400 ⇒ certified at 1000.
    expect(certifyRect(g, nd, 1000, 100, 0.5, [400, 400, 600, 600])).toBe(true);
  });
  it('refuses when an unreachable network piece runs through the rectangle', () => {
    // Add an unconnected road through the rectangle (crosses without shared vertices).
    const lines: XY[][] = [[[410, 413], [590, 587]]];
    for (let k = 0; k <= 20; k++) {
      lines.push(Array.from({ length: 21 }, (_, i) => [i * 50, k * 50] as XY));
      lines.push(Array.from({ length: 21 }, (_, i) => [k * 50, i * 50] as XY));
    }
    const h = buildGraph(lines);
    let src = 0;
    for (let n = 0; n < h.nodeCount; n++) if (h.nodeX[n] === 500 && h.nodeY[n] === 500) src = n;
    const hd = networkDistances(h, { nodes: [{ node: src, cost: 0 }], edges: [] }, 2000);
    expect(certifyRect(h, hd, 400, 100, 0.5, [400, 400, 600, 600])).toBe(false);
    // The area keeps that road out although it is surrounded by reached roads.
    const rings = fromPaths(serviceAreaPaths(h, hd, 1000, { maxOffset_m: 100 }));
    // The unconnected road at x = 450: y = 413 + 40·174/180 = 451.67. Not inside (cut out);
    // 3 m beside it, walking ≤ 1000 via the grid: inside.
    expect(insideRings(450, 413 + (40 * 174) / 180, rings)).toBe(false);
    expect(insideRings(450, 413 + (40 * 174) / 180 + 3, rings)).toBe(true);
  });
});

/**
 * The certificate computed the plain way: the same cells, every edge of the graph tried for each
 * centre (no index, no remembered edge), and every edge tested for unreached points near the
 * rectangle from its full profile.
 */
function referenceCertificate(g: RoadGraph, nd: NetworkDistances, d: number, M: number, clearance: number, rect: [number, number, number, number]): boolean {
  const [x0, y0, x1, y1] = rect;
  for (let e = 0; e < g.edgeCount; e++) {
    const ax = g.nodeX[g.edgeFrom[e]], ay = g.nodeY[g.edgeFrom[e]], bx = g.nodeX[g.edgeTo[e]], by = g.nodeY[g.edgeTo[e]];
    const meets = Math.min(ax, bx) <= x1 + clearance && Math.max(ax, bx) >= x0 - clearance && Math.min(ay, by) <= y1 + clearance && Math.max(ay, by) >= y0 - clearance;
    if (meets && edgeProfile(g, nd, e).f.some((f) => f > d)) return false;
  }
  const cellPasses = (sx: number, sy: number, dd: number): boolean => {
    if (M - dd <= 0) return false;
    for (let e = 0; e < g.edgeCount; e++) {
      const ax = g.nodeX[g.edgeFrom[e]], ay = g.nodeY[g.edgeFrom[e]];
      const dx = g.nodeX[g.edgeTo[e]] - ax, dy = g.nodeY[g.edgeTo[e]] - ay;
      const len2 = dx * dx + dy * dy;
      const t = Math.min(1, Math.max(0, len2 > 0 ? ((sx - ax) * dx + (sy - ay) * dy) / len2 : 0));
      const dist = Math.hypot(sx - (ax + t * dx), sy - (ay + t * dy));
      if (dist > M - dd) continue;
      const { s, f } = edgeProfile(g, nd, e);
      const at = t * Math.sqrt(len2);
      let fq = Infinity;
      for (let k = 0; k + 1 < s.length; k++)
        if (at >= s[k] && at <= s[k + 1]) {
          fq = s[k + 1] > s[k] ? f[k] + ((f[k + 1] - f[k]) * (at - s[k])) / (s[k + 1] - s[k]) : f[k];
          break;
        }
      if (fq + dist <= d - dd) return true;
    }
    return false;
  };
  const hMin = Math.min(25, M / 4);
  const check = (cx: number, cy: number, w: number, h: number): boolean => {
    const dd = Math.hypot(w, h) / 2;
    if (cellPasses(cx + w / 2, cy + h / 2, dd)) return true;
    if (Math.max(w, h) <= hMin + 1e-9) return false;
    return check(cx, cy, w / 2, h / 2) && check(cx + w / 2, cy, w / 2, h / 2) && check(cx, cy + h / 2, w / 2, h / 2) && check(cx + w / 2, cy + h / 2, w / 2, h / 2);
  };
  const nx = Math.max(1, Math.ceil((x1 - x0) / (M / 2))), ny = Math.max(1, Math.ceil((y1 - y0) / (M / 2)));
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) if (!check(x0 + (i * (x1 - x0)) / nx, y0 + (j * (y1 - y0)) / ny, (x1 - x0) / nx, (y1 - y0) / ny)) return false;
  return true;
}

describe('certifyRect against a plain certificate', () => {
  it('gives the same answer on random rectangles, distances and graphs, asked in any order', () => {
    const rand = mulberry32(7);
    const graphs = [0, 1].map(() => {
      const g = buildGraph(randomGridLines(rand, 14, 45));
      const origins = { nodes: [{ node: Math.floor(rand() * g.nodeCount), cost: 0 }, { node: Math.floor(rand() * g.nodeCount), cost: 12 }], edges: [] };
      return { g, nd: networkDistances(g, origins, 900) };
    });
    let yes = 0, no = 0;
    for (let k = 0; k < 400; k++) {
      // Alternate graphs at random, so that an edge remembered from one is tried on the other.
      const { g, nd } = graphs[rand() < 0.5 ? 0 : 1];
      const x = rand() * 560, y = rand() * 560, w = 5 + rand() * 150, h = 5 + rand() * 150;
      const d = 100 + rand() * 700;
      const rect: [number, number, number, number] = [x, y, x + w, y + h];
      const got = certifyRect(g, nd, d, 100, 0.5, rect);
      expect(got).toBe(referenceCertificate(g, nd, d, 100, 0.5, rect));
      if (got) yes++;
      else no++;
    }
    // Both answers occur often enough for the comparison to mean something.
    expect(yes).toBeGreaterThan(40);
    expect(no).toBeGreaterThan(40);
  });
});

describe('certifyRect with only the cells a shape needs', () => {
  it('a rectangle refused with only the cells a shape needs is refused with every cell', () => {
    // The contrapositive used by reachedAreaOf: refused with cellNeeded ⇒ refused without it.
    const rand = mulberry32(19);
    const g = buildGraph(randomGridLines(rand, 14, 45));
    const nd = networkDistances(g, { nodes: [{ node: Math.floor(rand() * g.nodeCount), cost: 0 }], edges: [] }, 900);
    let refusedWith = 0;
    for (let k = 0; k < 300; k++) {
      const x = rand() * 560, y = rand() * 560, w = 10 + rand() * 90, h = 10 + rand() * 90;
      const rect: [number, number, number, number] = [x, y, x + w, y + h];
      const d = 100 + rand() * 500;
      // A triangle in the rectangle: cells beyond its hypotenuse (plus the cell's half diagonal) are not needed.
      const needed = (sx: number, sy: number, dd: number) => (sx - x) / w + (sy - y) / h <= 1 + (dd * (1 / w + 1 / h)) * 1.5;
      const withNeeded = certifyRect(g, nd, d, 100, 0.5, rect, needed);
      const without = certifyRect(g, nd, d, 100, 0.5, rect);
      if (!withNeeded) {
        refusedWith++;
        expect(without).toBe(false);
      }
    }
    expect(refusedWith).toBeGreaterThan(30);
  });
});
