import { describe, expect, it } from 'vitest';
import { groupFiles, missingShapefileParts } from '../../../src/ui/import/groupFiles';

const f = (name: string) => ({ name });
const names = (g: { files: { name: string }[] }) => g.files.map((x) => x.name).sort();

describe('groupFiles', () => {
  it('puts the parts of one shapefile in one group and every other file in its own, in drop order', () => {
    const { groups, rejected } = groupFiles([f('社区.dbf'), f('poi.csv'), f('社区.shp'), f('社区.prj'), f('社区.shx'), f('社区.cpg'), f('osm.osm.pbf')]);
    expect(rejected).toEqual([]);
    expect(groups.map((g) => g.label)).toEqual(['社区.shp', 'poi.csv', 'osm.osm.pbf']);
    expect(names(groups[0])).toEqual(['社区.cpg', '社区.dbf', '社区.prj', '社区.shp', '社区.shx']);
    expect(groups.map((g) => g.osm)).toEqual([false, false, true]);
  });

  it('keeps two shapefile sets apart and matches stems case-insensitively (Windows exports mix cases)', () => {
    const { groups } = groupFiles([f('Roads.SHP'), f('green.shp'), f('roads.dbf'), f('green.dbf'), f('ROADS.prj')]);
    expect(groups.length).toBe(2);
    expect(names(groups[0])).toEqual(['ROADS.prj', 'Roads.SHP', 'roads.dbf']);
    expect(names(groups[1])).toEqual(['green.dbf', 'green.shp']);
  });

  it('refuses parts without their .shp and unsupported types, naming each file', () => {
    const { groups, rejected } = groupFiles([f('a.dbf'), f('a.prj'), f('notes.docx'), f('b.geojson'), f('README')]);
    expect(groups.map((g) => g.label)).toEqual(['b.geojson']);
    expect(rejected.map((r) => r.name)).toEqual(['notes.docx', 'README', 'a.dbf', 'a.prj']);
    expect(rejected[0].reason.en).toContain('.docx');
    expect(rejected[2].reason.zh).toContain('.shp');
  });

  it('lists the parts a shapefile set lacks that matter', () => {
    const { groups } = groupFiles([f('x.shp'), f('x.shx')]);
    expect(missingShapefileParts(groups[0])).toEqual(['.dbf', '.prj']);
    expect(missingShapefileParts(groupFiles([f('y.geojson')]).groups[0])).toEqual([]);
  });
});
