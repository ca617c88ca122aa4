// Facility floor areas along each estimation path, against hand calculation. Every ring starts at
// 32.05°N, where 0.0001° = 9.4247 m east × 11.1195 m north, so one 0.0001° × 0.0001° cell = 104.798 m².
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsm } from '../../../src/io/osm';

describe('facility-floor-areas.osm', async () => {
  const l = await readOsm(new Uint8Array(readFileSync(new URL('../../fixtures/osm/facility-floor-areas.osm', import.meta.url))), 'facility-floor-areas.osm');
  const byName = (n: string) => l.facilities.find((f) => f.name === n);

  it('two facilities in one building share it; the clinic is capped at 270 m² (STANDARDS.md §2 range top)', () => {
    // Building 101: 2 × 2 cells = 419.19 m² × 4 levels = 1,676.77 m²; ÷ 2 = 838.39 m² each.
    expect(byName('测试社区服务站')).toMatchObject({ category: 'community_service', floorArea: 838, floorAreaEstimated: true });
    expect(byName('测试卫生服务站')).toMatchObject({ category: 'health_station', floorArea: 270, floorAreaEstimated: true });
  });

  it('a supermarket point in a 10-level building is capped at 2,000 m²', () => {
    // Building 102: 4 × 4 cells = 1,676.77 m² × 10 = 16,767.7 m² > 2,000.
    expect(byName('测试超市')).toMatchObject({ category: 'supermarket', floorArea: 2000 });
  });

  it('a facility drawn as its own building uses footprint × its levels', () => {
    // Way 103: 3 × 2 cells = 628.79 m² × 3 levels = 1,886.37 m².
    expect(byName('测试幼儿园')).toMatchObject({ id: 'osm:way/103', category: 'kindergarten', floorArea: 1886 });
  });

  it('a school point inside its grounds is one school, with the floor area of the buildings in the grounds', () => {
    // Grounds 104 hold building 105 (2 × 2 cells × 4 levels = 1,676.77 m²) and building=yes 106
    // (2 × 1 cells = 209.60 m² × 3 default levels = 628.79 m²): 2,305.56 m².
    const schools = l.facilities.filter((f) => f.category === 'primary_school');
    expect(schools).toHaveLength(1);
    expect(schools[0]).toMatchObject({ id: 'osm:node/28', name: '测试小学', floorArea: 2306, floorAreaEstimated: true });
  });

  it('falls back to the category default, or to no area where STANDARDS.md gives none', () => {
    expect(byName('测试图书馆')).toMatchObject({ category: 'culture_center', floorArea: 4500, floorAreaEstimated: true });
    const police = l.facilities.find((f) => f.category === 'police');
    expect(police).toEqual({ id: 'osm:node/30', category: 'police', floorArea: null, position: [118.806, 32.05] });
  });

  it('defaults can be replaced', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/osm/facility-floor-areas.osm', import.meta.url)));
    const l2 = await readOsm(bytes, 'facility-floor-areas.osm', { defaultFloorArea: { culture_center: 3000, police: 100 } });
    expect(l2.facilities.find((f) => f.name === '测试图书馆')?.floorArea).toBe(3000);
    expect(l2.facilities.find((f) => f.category === 'police')?.floorArea).toBe(100);
  });

  it('keeps every facility once: 6 points and the kindergarten way (the school grounds merge into the school point)', () => {
    expect(l.facilities.map((f) => f.id)).toEqual(['osm:node/5', 'osm:node/6', 'osm:node/11', 'osm:node/28', 'osm:node/29', 'osm:node/30', 'osm:way/103']);
  });
});
