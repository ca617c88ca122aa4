// Map geometry: the frame keeps true metres (checked against turf's geodesic destination), the
// scale bar is as long as the length it names, and label points fall inside concave polygons.
import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { createLocalProjection } from '../../src/engine/geo/localProjection';
import { labelPoint, mapFrame, niceLength, scaleBar } from '../../src/report/svgMap';
import type { Position } from '../../src/engine/types';

const proj = createLocalProjection([119.95, 31.78]);

describe('map frame', () => {
  const frame = mapFrame(proj, [-1000, -500, 1000, 500], { width: 1000, minHeight: 100, maxHeight: 2000, pad: 0, band: 50 });

  it('fits the bounds: 2000 m across 1000 units → 0.5 unit per metre', () => {
    expect(frame.scale).toBeCloseTo(0.5, 12);
    expect(frame.height).toBeCloseTo(550, 9);
  });

  it('draws 1000 m (geodesic, east and north) as 500 units', () => {
    const east = turf.destination([119.95, 31.78], 1, 90, { units: 'kilometers' }).geometry.coordinates as Position;
    const north = turf.destination([119.95, 31.78], 1, 0, { units: 'kilometers' }).geometry.coordinates as Position;
    const [x0, y0] = frame.toSvg([119.95, 31.78]);
    const [x1, y1] = frame.toSvg(east);
    const [x2, y2] = frame.toSvg(north);
    // turf's sphere vs the ellipsoid: within 0.5 %.
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeGreaterThan(497);
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeLessThan(503);
    expect(y2 - y0).toBeLessThan(-497); // north is up
    expect(Math.abs(x2 - x0)).toBeLessThan(0.5);
  });

  it('scale bar: a round length at most a quarter of the width, drawn at the frame\'s scale', () => {
    expect([niceLength(499), niceLength(500), niceLength(1999), niceLength(7)]).toEqual([200, 500, 1000, 5]);
    const svg = scaleBar(frame, (m) => `${m} m`, 16).value;
    // quarter width = 250 units = 500 m → a 500 m bar of 250 units.
    expect(svg).toContain('>500 m</text>');
    expect(svg).toMatch(/<rect x="[\d.]+" y="[\d.]+" width="250" height="[\d.]+" fill="none"/);
  });
});

describe('label point', () => {
  it('falls inside a U-shaped polygon whose bbox centre is outside', () => {
    const frame = mapFrame(proj, [-1000, -1000, 1000, 1000], { width: 1000, minHeight: 100, maxHeight: 2000, pad: 0, band: 0 });
    const ll = (x: number, y: number) => proj.inverse([x, y]);
    // U: outer square with a notch from the top down to y = -600, between x = -600 and 600.
    const ring = [ll(-1000, -1000), ll(1000, -1000), ll(1000, 1000), ll(600, 1000), ll(600, -600), ll(-600, -600), ll(-600, 1000), ll(-1000, 1000), ll(-1000, -1000)];
    const at = labelPoint(frame, [[ring]])!;
    const [x, y] = [(at[0] - 500) * 2, (frame.height / 2 - at[1]) * 2]; // back to metres
    const inNotch = x > -600 && x < 600 && y > -600;
    expect(inNotch).toBe(false);
    expect(Math.abs(x) <= 1000 && Math.abs(y) <= 1000).toBe(true);
  });
});
