// snappedSimpleRing on clipper's centimetre grid: rings checked by hand.
import { describe, expect, it } from 'vitest';
import { snappedSimpleRing, snappedSimpleRingOnGrid } from '../../../src/engine/geo/metricRings';

describe('snappedSimpleRing / snappedSimpleRingOnGrid', () => {
  it('a counter-clockwise square is returned on the grid: 0.004 m → 0, 1.006 m → 1.01', () => {
    expect(snappedSimpleRing([[0.004, 0], [1.006, 0], [1, 1], [0, 1]])).toEqual([[[0, 0], [1.01, 0], [1, 1], [0, 1]]]);
    // The same ring already on the grid (centimetres), read from the middle of a buffer.
    const g = Float64Array.from([7, 7, 0, 0, 101, 0, 100, 100, 0, 100, 7]);
    expect(snappedSimpleRingOnGrid(g, 2, 4)).toEqual([[[0, 0], [1.01, 0], [1, 1], [0, 1]]]);
  });

  it('null when the union must decide: clockwise, a repeated or collinear vertex on the grid, crossing or touching edges', () => {
    const on = (...xy: number[]) => snappedSimpleRingOnGrid(Float64Array.from(xy), 0, xy.length / 2);
    expect(on(0, 0, 0, 100, 100, 100, 100, 0)).toBeNull(); // clockwise
    expect(on(0, 0, 100, 0, 100, 0, 100, 100, 0, 100)).toBeNull(); // (100, 0) twice
    expect(on(0, 0, 50, 0, 100, 0, 100, 100, 0, 100)).toBeNull(); // (50, 0) on the straight edge
    // Its last edge (0, 100)–(50, −50) crosses its first edge (0, 0)–(100, 0) at (33.3, 0); net area 75 m².
    expect(on(0, 0, 100, 0, 100, 100, 0, 100, 50, -50)).toBeNull();
    // The vertex (0.5, 0.004) m is (50, 0) on the grid: on the edge (0, 0)–(100, 0).
    expect(snappedSimpleRing([[0, 0], [1, 0], [1, 1], [0.5, 0.004], [0, 1]])).toBeNull();
    // One centimetre above the edge: apart.
    expect(on(0, 0, 100, 0, 100, 100, 50, 1, 0, 100)).toEqual([[[0, 0], [1, 0], [1, 1], [0.5, 0.01], [0, 1]]]);
  });
});
