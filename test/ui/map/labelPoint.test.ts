// The label anchor (and the point tests click) lies strictly inside its community, also when the
// centroid does not: a U-shaped community whose centroid falls in its notch.
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, polygon } from '@turf/turf';
import type { Community, Position } from '../../../src/engine/types';
import { labelPoint } from '../../../src/ui/map/layerData';

const u: Position[] = [[0, 0], [0.03, 0], [0.03, 0.03], [0.02, 0.03], [0.02, 0.01], [0.01, 0.01], [0.01, 0.03], [0, 0.03], [0, 0]];
const community = (ring: Position[]): Community => ({ id: 'U', name: 'U', households: 1, setting: 'rural', geometry: [[ring]] });

describe('labelPoint', () => {
  it('is strictly inside a U-shaped community whose centroid lies in the notch (not on a shared vertex)', () => {
    const p = labelPoint(community(u));
    expect(booleanPointInPolygon(p, polygon([u]), { ignoreBoundary: true })).toBe(true);
    // Hand check: the widest inside stretch is the U's base, 0 < y < 0.01, spanning x 0..0.03.
    expect(p[0]).toBeCloseTo(0.015, 6);
    expect(p[1]).toBeLessThan(0.01);
  });

  it('keeps the centroid when it is inside (a square)', () => {
    const sq: Position[] = [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]];
    const p = labelPoint(community(sq));
    expect(p[0]).toBeCloseTo(0.005, 9);
    expect(p[1]).toBeCloseTo(0.005, 9);
  });
});
