// The hand-made tiny fixture, checked against hand calculation, and its PBF twin giving identical
// layers. Metres per degree on the 6,371,008.8 m sphere: lat 111,195.08 m; lon at 32.05°N
// 111,195.08 × cos 32.05° = 94,247.32 m.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { area as turfArea, polygon as turfPolygon } from '@turf/turf';
import { readOsm } from '../../../src/io/osm';
import { writeOsmPbf } from './helpers/pbfWriter';
import { plainOsmFromXml } from './helpers/plainOsmXml';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/osm/${name}`, import.meta.url)));

describe('tiny-compound.osm', async () => {
  const xml = await readOsm(fixture('tiny-compound.osm'), 'tiny-compound.osm');

  it('estimates households from housing footprint × levels ÷ 90 m²', () => {
    // A apartments, 10 levels: 0.0002° lon × 0.0004° lat = 18.849 m × 44.478 m = 838.39 m² → 8,383.9 m²
    // B residential, no levels → default 6: 18.849 m × 22.239 m = 419.19 m² → 2,515.2 m²
    // C building=yes holds the kindergarten: not housing.
    // (8,383.9 + 2,515.2) ÷ 90 = 121.10 → 121 households.
    expect(xml.communities).toHaveLength(1);
    const c = xml.communities[0];
    expect(c.id).toBe('osm:way/101');
    expect(c.name).toBe('测试小区');
    expect(c.setting).toBe('urban');
    expect(c.households).toBe(121);
    expect(c.estimated).toEqual({ households: true });
    expect(xml.stats.housingBuildings).toBe(2);
  });

  it('per-type default levels and floor area per dwelling are adjustable', async () => {
    // B with 10 levels instead of 6: (8,383.9 + 4,191.9) ÷ 100 = 125.76 → 126.
    const l = await readOsm(fixture('tiny-compound.osm'), 'tiny-compound.osm', { defaultLevels: { residential: 10 }, floorAreaPerDwelling_m2: 100 });
    expect(l.communities[0].households).toBe(126);
  });

  it('gives the kindergarten the floor area of the building holding it', () => {
    // C: 18.849 m × 22.239 m = 419.19 m² × 3 levels (default for other buildings) = 1,257.6 m².
    expect(xml.facilities).toEqual([
      { id: 'osm:node/23', name: '测试幼儿园', category: 'kindergarten', floorArea: 1258, floorAreaEstimated: true, position: [118.7911, 32.0501] },
    ]);
  });

  it('takes the park with its name unescaped', () => {
    expect(xml.green).toEqual([
      { id: 'osm:way/204', name: '测试公园 & 花园', kind: 'park', geometry: [[[[118.792, 32.0495], [118.7925, 32.0495], [118.7925, 32.05], [118.792, 32.05], [118.792, 32.0495]]]] },
    ]);
  });

  it('keeps walkable ways split at shared nodes, drops motorway and foot=no, clips missing nodes', () => {
    // 301 (31-32-33) meets footway 302 at node 32 → two lines; 303 motorway and 304 foot=no out;
    // 305 (38-39-999) loses node 999, which is not in the file.
    expect(xml.roads.map((r) => [r.id, r.kind, r.coordinates])).toEqual([
      ['osm:way/301#1', 'residential', [[118.789, 32.049], [118.79, 32.049]]],
      ['osm:way/301#2', 'residential', [[118.79, 32.049], [118.791, 32.049]]],
      ['osm:way/302', 'footway', [[118.79, 32.049], [118.79, 32.0485]]],
      ['osm:way/305', 'service', [[118.793, 32.049], [118.7935, 32.049]]],
    ]);
    expect(xml.roads[0].name).toBe('测试路');
    expect(xml.stats.clippedWays).toBe(1);
  });

  it('says in its notes that households and floor areas are estimates, with the parameters', () => {
    const text = xml.notes.join('\n');
    expect(text).toMatch(/ESTIMATES.*90 m² per dwelling/);
    expect(text).toMatch(/户数为估算值/);
    expect(text).toMatch(/1 facilities; floor areas are ESTIMATES: 1 from the building holding them/);
  });

  it('the committed .osm.pbf twin gives identical layers', async () => {
    const pbf = await readOsm(fixture('tiny-compound.osm.pbf'), 'tiny-compound.osm.pbf');
    const { notes, ...layers } = pbf;
    const { notes: xmlNotes, ...xmlLayers } = xml;
    expect(layers).toEqual(xmlLayers);
    expect(notes.slice(1)).toEqual(xmlNotes.slice(1));
    expect(notes[0].replace('.osm.pbf', '.osm')).toBe(xmlNotes[0]);
  });

  it('PBF with plain (non-dense) nodes, other granularity and one block per node gives identical layers', async () => {
    const data = plainOsmFromXml(readFileSync(new URL('../../fixtures/osm/tiny-compound.osm', import.meta.url), 'utf8'));
    const bytes = writeOsmPbf(data, { dense: false, granularity: 10, nodesPerBlock: 1 });
    const pbf = await readOsm(bytes, 'tiny.osm.pbf');
    expect(pbf.communities).toEqual(xml.communities);
    expect(pbf.facilities).toEqual(xml.facilities);
    expect(pbf.roads).toEqual(xml.roads);
  });
});

describe('multipolygon-compound-with-hole.osm', () => {
  it('assembles the outer ring from two open ways, keeps the hole, counts only the house outside it', async () => {
    const l = await readOsm(fixture('multipolygon-compound-with-hole.osm'), 'multipolygon-compound-with-hole.osm', { floorAreaPerDwelling_m2: 50 });
    expect(l.communities).toHaveLength(1);
    const c = l.communities[0];
    expect(c.id).toBe('osm:relation/41');
    expect(c.name).toBe('拼合小区');
    expect(c.geometry).toHaveLength(1);
    expect(c.geometry[0]).toHaveLength(2);
    expect(c.geometry[0][0]).toHaveLength(5);
    // Area: outer 0.001° × 0.001° at 32.00°N = 94.30 m × 111.20 m = 10,485.6 m², hole 419.4 m² → 10,066.1 m²;
    // a second method (Turf's geodesic area) must agree.
    const geodesic = turfArea(turfPolygon(c.geometry[0]));
    expect(geodesic).toBeGreaterThan(10066.1 * 0.998);
    expect(geodesic).toBeLessThan(10066.1 * 1.002);
    // House 31 outside the hole: 0.0001° × 0.0001° = 104.86 m² × 2 levels (house default) ÷ 50 = 4.19 → 4;
    // house 32 stands in the hole and is not counted.
    expect(c.households).toBe(4);
    expect(l.stats.housingBuildings).toBe(1);
  });
});
