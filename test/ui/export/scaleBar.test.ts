// Scale bar of the exported map: nice lengths and ground distances checked by hand.
import { describe, expect, it } from 'vitest';
import { haversine, niceLength, scaleBar } from '../../../src/ui/export/scaleBar';

describe('scale bar', () => {
  it('rounds down to 1, 2 or 5 × 10^k', () => {
    expect([0.9, 1, 1.9, 2, 4.99, 5, 9.9, 10, 730, 1999, 2500].map(niceLength)).toEqual([0.5, 1, 1, 2, 2, 5, 5, 10, 500, 1000, 2000]);
  });

  it('scales the bar to the nice length', () => {
    // 160 px span 730 m: the bar is 500 m, 160 × 500 / 730 = 109.59 px.
    const b = scaleBar(730, 160);
    expect(b.meters).toBe(500);
    expect(b.px).toBeCloseTo(109.589, 3);
    expect(b.label).toBe('500 m');
    expect(scaleBar(2600, 160)).toMatchObject({ meters: 2000, label: '2 km' });
  });

  it('measures one degree of longitude on the equator as 2πR/360', () => {
    expect(haversine([0, 0], [1, 0])).toBeCloseTo((2 * Math.PI * 6371008.8) / 360, 3);
    // At 60° N a degree of longitude is half as long (along the parallel; the great circle is a hair shorter).
    expect(haversine([0, 60], [1, 60]) / ((Math.PI * 6371008.8) / 360)).toBeCloseTo(1, 4);
  });
});
