// Options and rules around the fixtures: communities from administrative boundaries, and the
// walking-access decision (spec/service-areas-cli.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsm } from '../../../src/io/osm';
import { walkExclusion } from '../../../src/io/osm/roads';

const mpText = readFileSync(new URL('../../fixtures/osm/multipolygon-compound-with-hole.osm', import.meta.url), 'utf8');

describe("communitiesFrom: 'admin'", () => {
  // The same rings as a 社区 boundary (admin_level 10) instead of a residential compound.
  const admin = mpText
    .replace('<tag k="type" v="multipolygon"/>', '<tag k="type" v="boundary"/>')
    .replace('<tag k="landuse" v="residential"/>', '<tag k="boundary" v="administrative"/>\n  <tag k="admin_level" v="10"/>');
  const bytes = new TextEncoder().encode(admin);

  it('takes boundary relations of the chosen level and counts the housing inside', async () => {
    const l = await readOsm(bytes, 'admin.osm', { communitiesFrom: 'admin', adminLevel: 10, floorAreaPerDwelling_m2: 50 });
    // Same hand calculation as the multipolygon case: one 104.86 m² house × 2 levels ÷ 50 = 4.19 → 4.
    expect(l.communities.map((c) => [c.id, c.name, c.households])).toEqual([['osm:relation/41', '拼合小区', 4]]);
  });
  it('another level, or landuse mode, finds no community there', async () => {
    expect((await readOsm(bytes, 'admin.osm', { communitiesFrom: 'admin', adminLevel: 8 })).communities).toEqual([]);
    expect((await readOsm(bytes, 'admin.osm')).communities).toEqual([]);
  });
});

describe('walkExclusion', () => {
  it.each([
    [{ highway: 'footway' }, null],
    [{ highway: 'primary_link' }, null],
    [{ highway: 'motorway' }, 'not walkable'],
    [{ highway: 'trunk' }, 'not walkable'],
    [{ highway: 'construction' }, 'not walkable'],
    [{ highway: 'footway', foot: 'no' }, 'foot=no'],
    [{ highway: 'service', access: 'private' }, 'access'],
    [{ highway: 'service', access: 'no' }, 'access'],
    [{ highway: 'service', access: 'private', foot: 'yes' }, null],
    [{ highway: 'path', access: 'no', foot: 'designated' }, null],
  ] as Array<[Record<string, string>, string | null]>)('%o → %s', (tags, expected) => {
    expect(walkExclusion(tags)).toBe(expected);
  });
});

describe("layers: ['roads']", () => {
  it('builds the same walking network and nothing else', async () => {
    const tiny = new Uint8Array(readFileSync(new URL('../../fixtures/osm/tiny-compound.osm', import.meta.url)));
    const all = await readOsm(tiny, 'tiny-compound.osm');
    const roadsOnly = await readOsm(tiny, 'tiny-compound.osm', { layers: ['roads'] });
    expect(roadsOnly.roads).toEqual(all.roads);
    expect(roadsOnly.roads).toHaveLength(4);
    expect([roadsOnly.communities, roadsOnly.facilities, roadsOnly.green]).toEqual([[], [], []]);
    expect(roadsOnly.notes.join('\n')).not.toMatch(/facilities|communities/);
  });
});
