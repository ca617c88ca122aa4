// Chinese CRSs: EPSG zone tables, proj4 definitions checked against an independent meridian-arc
// integration, Esri WKT, and the suggestions for metres whose CRS is unknown.
import { describe, expect, it } from 'vitest';
import { epsgInfo, gkZoneOfEpsg } from '../../src/io/crs/chineseCrs';
import { parseCrs, CrsError } from '../../src/io/crs/parseCrs';
import { converterFor } from '../../src/io/crs/transform';
import { coordStats, suggestProjectedCrs } from '../../src/io/crs/suggestCrs';
import { placeHint } from '../../src/io/crs/chinaExtent';

/** Meridian arc length from the equator to latitude phi on GRS80, by Simpson integration of
 *  M(φ) = ∫ a(1−e²)/(1−e² sin²φ)^{3/2} dφ (2000 steps): a second method, independent of proj4. */
function meridianArc(phiDeg: number): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const phi = (phiDeg * Math.PI) / 180;
  const n = 2000;
  const h = phi / n;
  const g = (t: number) => (a * (1 - e2)) / Math.pow(1 - e2 * Math.sin(t) ** 2, 1.5);
  let s = g(0) + g(phi);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * g(i * h);
  return (s * h) / 3;
}

describe('EPSG zone tables (STANDARDS.md §4)', () => {
  it.each([
    [4528, 120, 40500000, 3],
    [4513, 75, 25500000, 3],
    [4533, 135, 45500000, 3],
    [4547, 114, 500000, 3],
    [4534, 75, 500000, 3],
    [4554, 135, 500000, 3],
    [4491, 75, 13500000, 6],
    [4498, 117, 20500000, 6],
    [4502, 75, 500000, 6],
    [4512, 135, 500000, 6],
  ])('EPSG:%i → CM %i°E, false easting %i, %i-degree', (code, cm, x0, width) => {
    expect(gkZoneOfEpsg(code)?.zone).toMatchObject({ cm, x0, width });
  });

  it('Xi\'an 1980 and Beijing 1954 Gauss-Krüger use their own ellipsoids', () => {
    expect(epsgInfo(2383)?.proj4).toMatch(/\+lon_0=114 .*\+a=6378140/); // Xi'an 1980 / 3-degree GK CM 114E
    expect(epsgInfo(2435)?.proj4).toMatch(/\+lon_0=114 .*\+ellps=krass/); // Beijing 1954 / 3-degree GK CM 114E
  });

  it('a point on the central meridian maps to the false easting and the meridian arc', () => {
    const c = converterFor(parseCrs('EPSG:4547'))!;
    const m23 = meridianArc(23); // ≈ 2 544 5xx m
    const [lon, lat] = c(500000, m23);
    expect(lon).toBeCloseTo(114, 9);
    expect(lat).toBeCloseTo(23, 7); // 1e-7° ≈ 1 cm
    const z = converterFor(parseCrs('EPSG:4528'))!;
    const [lon2, lat2] = z(40500000, meridianArc(31));
    expect(lon2).toBeCloseTo(120, 9);
    expect(lat2).toBeCloseTo(31, 7);
  });

  it('accepts spellings of the offset systems and rejects unknown codes', () => {
    expect(parseCrs('gcj-02').offset).toBe('GCJ02');
    expect(parseCrs('BD09').offset).toBe('BD09');
    expect(parseCrs('4490')).toMatchObject({ label: 'EPSG:4490', geographic: true });
    expect(() => parseCrs('EPSG:9999')).toThrow(CrsError);
    expect(() => parseCrs('Gauss')).toThrow(/not understood/);
  });

  it('Esri WKT with Gauss_Kruger or Transverse_Mercator parameters resolves to the EPSG code', () => {
    const wkt = (proj: string, fe: number, cm: number) =>
      `PROJCS["x",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["${proj}"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    expect(parseCrs(wkt('Gauss_Kruger', 500000, 114)).label).toBe('EPSG:4547');
    expect(parseCrs(wkt('Transverse_Mercator', 39500000, 117)).label).toBe('EPSG:4527');
    // A non-standard central meridian keeps the WKT and still converts.
    const odd = parseCrs(wkt('Gauss_Kruger', 500000, 114.5));
    expect(odd.label).toBe('WKT');
    expect(converterFor(odd)!(500000, meridianArc(23))[0]).toBeCloseTo(114.5, 9);
  });
});

describe('CRS suggestions for metres', () => {
  const stats = (pts: [number, number][]) => {
    const s = coordStats();
    for (const [x, y] of pts) s.add(x, y);
    return s;
  };

  it('a zone prefix in the easting names the zone (3-degree zone 38 → EPSG:4526, 6-degree zone 20 → EPSG:4498)', () => {
    expect(suggestProjectedCrs(stats([[38512345, 3400000]]))[0].crs).toBe('EPSG:4526');
    expect(suggestProjectedCrs(stats([[20512345, 3400000]]))[0].crs).toBe('EPSG:4498');
  });

  it('without a prefix the hint picks the central meridian', () => {
    const s = stats([[532189, 2545681], [533924, 2547982]]);
    expect(suggestProjectedCrs(s, { lon: 108.3, lat: 22.8 })[0].crs).toBe('EPSG:4545'); // Nanning → CM 108
    expect(suggestProjectedCrs(s, { lon: 114.4, lat: 23.1 })[0].crs).toBe('EPSG:4547');
  });

  it('every plausible zone is listed; a hint outside the file\'s latitude band does not order them', () => {
    // Huizhou parcels (≈114.33°E, 23.0°N in CM 114): at 23°N China spans CM 96…123 (EPSG:4541…4550).
    const s = stats([[532189, 2545681], [533924, 2547982]]);
    const far = suggestProjectedCrs(s, { lon: 104.07, lat: 30.67, source: { zh: '其他图层', en: 'other layers' } }); // Chengdu
    expect(far.map((x) => x.crs).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `EPSG:${4541 + i}`));
    expect(far[0].crs).toBe('EPSG:4547'); // population prior: CM 114 holds Guangzhou, Shenzhen, Wuhan
    expect(suggestProjectedCrs(s, { lon: 113.3, lat: 23.1 })[0].crs).toBe('EPSG:4547'); // Guangzhou, same band
  });

  it('northing first: the swapped reading is offered', () => {
    const s = stats([[3393656, 409907]]);
    const top = suggestProjectedCrs(s, { lon: 104.06, lat: 30.66 })[0];
    expect(top).toMatchObject({ crs: 'EPSG:4544', swapXY: true });
  });

  it('place names in paths give a hint', () => {
    expect(placeHint('/data/huizhou-zhongkai/land.shp')?.lon).toBeCloseTo(114.4, 1);
    expect(placeHint('惠州控规/地块.shp')?.name).toBe('惠州');
    expect(placeHint('/tmp/land.shp')).toBeUndefined();
  });
});
