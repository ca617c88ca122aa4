// Thinning point symbols by screen cell: everything from the full zoom on, one per cell below it,
// the most important one of each cell, the selection always. Figures worked by hand.
import { describe, expect, it } from 'vitest';
import { thinPoints, worldPixel } from '../../../src/ui/map/thinSymbols';
import type { Position } from '../../../src/engine/types';

describe('worldPixel (Web Mercator, 256-px tiles)', () => {
  it('puts (0, 0) at the world centre and 180°E at the right edge', () => {
    expect(worldPixel([0, 0], 0)).toEqual([128, 128]);
    expect(worldPixel([180, 0], 1)[0]).toBe(512);
    // 85.0511° N is the top edge.
    expect(worldPixel([0, 85.05112878], 0)[1]).toBeCloseTo(0, 6);
  });
});

describe('thinPoints', () => {
  const floor = [100, 900, 400];
  // Three facilities within 5 m of each other near 31.78° N: one screen cell at zoom 12
  // (1 px ≈ 156543 × cos 31.78° / 2^12 ≈ 32.5 m, a 22-px cell ≈ 715 m).
  const close: Position[] = [[119.95001, 31.78001], [119.95003, 31.78002], [119.95004, 31.78004]];

  it('keeps the largest of a cell below the full zoom, and every one from it', () => {
    expect(thinPoints(close, (i) => floor[i], 12)).toEqual([1]);
    expect(thinPoints(close, (i) => floor[i], 14)).toEqual([0, 1, 2]);
    // Ties go to the lower index.
    expect(thinPoints(close, () => 1, 12)).toEqual([0]);
  });

  it('always keeps the selection', () => {
    expect(thinPoints(close, (i) => floor[i], 12, { keep: [2] })).toEqual([1, 2]);
  });

  it('keeps points farther apart than a cell (2 km apart at zoom 12 ≈ 62 px)', () => {
    const apart: Position[] = [[119.95, 31.78], [119.95 + 2000 / (111320 * Math.cos((31.78 * Math.PI) / 180)), 31.78]];
    expect(thinPoints(apart, () => 1, 12)).toEqual([0, 1]);
  });

  it('never draws more than one symbol per cell: 1,000 points in a 2 km square give at most 4 × 4 at zoom 12', () => {
    // 2 km ≈ 61.6 px at zoom 12 and 31.78° N: the square spans at most 4 cells of 22 px each way.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const dLon = 2000 / (111320 * Math.cos((31.78 * Math.PI) / 180));
    const dLat = 2000 / 110574;
    const pts: Position[] = Array.from({ length: 1000 }, () => [119.95 + rnd() * dLon, 31.78 + rnd() * dLat]);
    const drawn = thinPoints(pts, (i) => i % 7, 12);
    expect(drawn.length).toBeGreaterThan(1);
    expect(drawn.length).toBeLessThanOrEqual(16);
    // Zooming in draws more (each zoom step halves a cell's ground size).
    expect(thinPoints(pts, (i) => i % 7, 13).length).toBeGreaterThan(drawn.length);
    expect(thinPoints(pts, (i) => i % 7, 14)).toHaveLength(1000);
  });
});
