// Unnamed OSM areas get a readable, localised name (what they are + a short ref of the OSM id),
// never the raw key "osm:way/609225889"; the key stays the id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsm } from '../../../src/io/osm';
import { shortRefs } from '../../../src/io/osm/communities';

const xml = readFileSync(new URL('../../fixtures/osm/unnamed-compounds.osm', import.meta.url), 'utf8');
const bytes = new TextEncoder().encode(xml);

describe('unnamed OSM compounds', () => {
  it('are named 未命名小区 with the last digits of their id, more digits where two end alike', async () => {
    const l = await readOsm(bytes, 'unnamed.osm');
    // 609225889 and 123405889 both end in 5889: five digits tell them apart (25889 / 05889); 77 is whole.
    expect(Object.fromEntries(l.communities.map((c) => [c.id, c.name]))).toEqual({
      'osm:way/609225889': '未命名小区 #25889',
      'osm:way/123405889': '未命名小区 #05889',
      'osm:way/77': '未命名小区 #77',
      'osm:way/300': '命名小区',
    });
  });

  it('in English when the import is in English', async () => {
    const l = await readOsm(bytes, 'unnamed.osm', { lang: 'en' });
    expect(l.communities.find((c) => c.id === 'osm:way/609225889')!.name).toBe('Unnamed compound #25889');
    expect(l.communities.find((c) => c.id === 'osm:way/300')!.name).toBe('命名小区');
  });

  it('administrative areas are 社区, not 小区', async () => {
    const admin = xml.replaceAll('<tag k="landuse" v="residential"/>', '<tag k="boundary" v="administrative"/>\n  <tag k="admin_level" v="10"/>');
    const l = await readOsm(new TextEncoder().encode(admin), 'admin.osm', { communitiesFrom: 'admin' });
    expect(l.communities.find((c) => c.id === 'osm:way/77')!.name).toBe('未命名社区 #77');
  });

  it('short refs stay unique: same number of another type → type and full id', () => {
    expect(Object.fromEntries(shortRefs(['osm:way/12345', 'osm:relation/12345', 'osm:way/99']))).toEqual({
      'osm:way/12345': 'way/12345', 'osm:relation/12345': 'relation/12345', 'osm:way/99': '99',
    });
  });
});
