import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../src/engine/network/graph';
import { networkDistances } from '../../../src/engine/network/distances';
import { certifyRect } from '../../../src/engine/network/certify';
import { serviceAreaPaths } from '../../../src/engine/network/serviceArea';
import { fromPaths } from '../../../src/engine/network/clip';
import type { XY } from '../../../src/engine/reach/reachProvider';
import { insideRings } from './helpers';

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
