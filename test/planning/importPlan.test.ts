// Importing over a project: new project or replaced layers, the offered default, the counts the
// dialog shows, the non-overlap warnings and the header's name. Places by hand: the "demo" near
// (120.0°E, 30.0°N), Meishan near (103.8°E, 30.0°N), about 1,550 km apart.
import { describe, expect, it } from 'vitest';
import { applyImport, countsAfterImport, defaultImportTarget, importedName, nonOverlapping, projectExtents } from '../../src/planning/importPlan';
import { emptyLayers, newProject, type Project } from '../../src/planning/project';
import { extentsOverlap, layerExtent } from '../../src/io/import/layerExtent';
import type { Community, Facility, RoadLine } from '../../src/engine/types';

const square = (id: string, lon: number, lat: number, d = 0.01): Community => ({
  id, name: id, households: 100, setting: 'urban',
  geometry: [[[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]],
});
const point = (id: string, lon: number, lat: number): Facility => ({ id, category: 'kindergarten', floorArea: 100, position: [lon, lat] });
const road = (id: string, lon: number, lat: number): RoadLine => ({ id, coordinates: [[lon, lat], [lon + 0.02, lat]] });

function demo(): Project {
  return newProject({ source: 'demo', name: { zh: '示范区（虚构）', en: 'Demo District (synthetic)' } }, {
    ...emptyLayers(),
    communities: [square('D1', 120, 30)],
    facilities: [point('DF', 120.005, 30.005)],
    green: [{ id: 'DG', kind: 'park', geometry: square('g', 120.002, 30.002, 0.002).geometry }],
    roads: [road('DR', 119.99, 30.005)],
    water: [{ id: 'W', kind: 'river', geometry: square('w', 120.001, 30.001, 0.001).geometry }],
  }, 'national-2022');
}
const meishan = [square('M1', 103.8, 30.0), square('M2', 103.81, 30.0)];

describe('layerExtent', () => {
  it('is the lon/lat box of polygons, points and lines', () => {
    layerExtent('communities', meishan)!.forEach((v, i) => expect(v).toBeCloseTo([103.8, 30.0, 103.82, 30.01][i], 12));
    expect(layerExtent('facilities', [point('a', 1, 2), point('b', -1, 5)])).toEqual([-1, 2, 1, 5]);
    expect(layerExtent('roads', [road('r', 10, 20)])).toEqual([10, 20, 10.02, 20]);
    expect(layerExtent('green', [])).toBeNull();
  });
  it('overlap allows about 2 km of slack, not more', () => {
    expect(extentsOverlap([0, 0, 1, 1], [1.03, 0, 2, 1])).toBe(true); // 0.03° gap < 2 × 0.02°
    expect(extentsOverlap([0, 0, 1, 1], [1.05, 0, 2, 1])).toBe(false);
  });
});

describe('importing communities from another place over the demo', () => {
  it('offers a new project by default, and the new project holds only the imported layer', () => {
    const p = demo();
    const imported = { communities: layerExtent('communities', meishan) };
    expect(defaultImportTarget(p, projectExtents(p.layers), imported, false)).toBe('newProject');
    const q = applyImport(p, { communities: meishan }, { target: 'newProject', label: 'meishan.shp' });
    expect(q.layers.communities.map((c) => c.id)).toEqual(['M1', 'M2']);
    expect(q.layers.facilities).toEqual([]);
    expect(q.layers.green).toEqual([]);
    expect(q.layers.roads).toEqual([]);
    expect(q.layers.water).toEqual([]);
    expect(q.dataset).toEqual({ source: 'import', name: { zh: 'meishan.shp', en: 'meishan.shp' } });
    expect(q.layerVersion).toBe(p.layerVersion + 1);
    expect(q.activePresetId).toBe(p.activePresetId);
  });

  it('the dialog counts what will be in the project (not the demo roads)', () => {
    const p = demo();
    expect(countsAfterImport(p, { communities: 2 }, 'newProject')).toEqual({ communities: 2, facilities: 0, green: 0, roads: 0, residential: 0, candidates: 0 });
    expect(countsAfterImport(p, { communities: 2 }, 'layers')).toEqual({ communities: 2, facilities: 1, green: 1, roads: 1, residential: 0, candidates: 0 });
  });

  it('a layer that overlaps the demo replaces that layer by default, and the project is named for the file', () => {
    const p = demo();
    const here = [square('H', 120.001, 30.001)];
    expect(defaultImportTarget(p, projectExtents(p.layers), { communities: layerExtent('communities', here) }, false)).toBe('layers');
    const q = applyImport(p, { communities: here }, { target: 'layers', label: 'here.geojson' });
    expect(q.layers.facilities).toBe(p.layers.facilities);
    expect(q.dataset.name).toEqual({ zh: 'here.geojson', en: 'here.geojson' });
  });

  it('replacing the layer anyway warns about every kept layer that lies elsewhere', () => {
    const p = demo();
    const pairs = nonOverlapping(projectExtents(p.layers), { communities: layerExtent('communities', meishan) }, 'layers');
    expect(pairs).toEqual([
      { imported: 'communities', other: 'facilities' },
      { imported: 'communities', other: 'green' },
      { imported: 'communities', other: 'roads' },
    ]);
    // Replaced, but never named for the demo.
    const q = applyImport(p, { communities: meishan }, { target: 'layers', label: 'meishan.shp' });
    expect(q.layers.roads).toBe(p.layers.roads);
    expect(q.dataset.name.zh).toBe('meishan.shp');
    expect(q.dataset.name.en).not.toMatch(/Demo/);
  });
});

describe('importing into an imported project', () => {
  const mine = () => applyImport(demo(), { communities: meishan }, { target: 'newProject', label: 'meishan.shp' });

  it('a layer of the same place replaces that layer by default and adds its file to the name', () => {
    const p = mine();
    const fac = [point('F1', 103.805, 30.005)];
    expect(defaultImportTarget(p, projectExtents(p.layers), { facilities: layerExtent('facilities', fac) }, false)).toBe('layers');
    const q = applyImport(p, { facilities: fac }, { target: 'layers', label: 'poi.csv' });
    expect(q.layers.communities).toBe(p.layers.communities);
    expect(q.layers.facilities).toEqual(fac);
    expect(q.dataset.name).toEqual({ zh: 'meishan.shp、poi.csv', en: 'meishan.shp, poi.csv' });
    expect(importedName(q, 'poi.csv', 'layers')).toEqual(q.dataset.name);
  });

  it('a layer from elsewhere is offered as a new project, and the pair is named', () => {
    const p = mine();
    const far = { roads: layerExtent('roads', [road('R', 116.3, 39.9)]) };
    expect(defaultImportTarget(p, projectExtents(p.layers), far, false)).toBe('newProject');
    expect(nonOverlapping(projectExtents(p.layers), far, 'layers')).toEqual([{ imported: 'roads', other: 'communities' }]);
    // Later files of a batch that started a project add to it (with the warning, not a second new project).
    expect(defaultImportTarget(p, projectExtents(p.layers), far, true)).toBe('layers');
  });

  it('several layers at once: each pair of imported layers that do not overlap is named once', () => {
    const imported = { communities: layerExtent('communities', meishan), facilities: layerExtent('facilities', [point('F', 116.3, 39.9)]), roads: layerExtent('roads', [road('R', 103.8, 30.005)]) };
    expect(nonOverlapping({}, imported, 'newProject')).toEqual([
      { imported: 'communities', other: 'facilities' },
      { imported: 'facilities', other: 'roads' },
    ]);
  });
});
