// The bench's walking city: an n×n grid of `step` metres, each node jittered by up to ±15 % of a
// step, with about 8 % of edges dropped; lines run along rows and columns (metric XY).
import type { XY } from '../../src/engine/reach/reachProvider';

export function jitteredGrid(rand: () => number, n: number, step: number): XY[][] {
  const pt: XY[][] = [];
  for (let i = 0; i < n; i++) {
    pt.push([]);
    for (let j = 0; j < n; j++) pt[i].push([i * step + (rand() - 0.5) * step * 0.3, j * step + (rand() - 0.5) * step * 0.3]);
  }
  const lines: XY[][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j + 1 < n; j++) {
      if (rand() > 0.08) lines.push([pt[i][j], pt[i][j + 1]]);
      if (rand() > 0.08) lines.push([pt[j][i], pt[j + 1][i]]);
    }
  return lines;
}
