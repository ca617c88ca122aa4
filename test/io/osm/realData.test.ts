// The three real OpenStreetMap files in /work/shared/data/real (see its README for what they hold).
// Skipped with a message when the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsm, type OsmLayers } from '../../../src/io/osm';
import type { Position, RoadLine } from '../../../src/engine/types';

const REAL = new URL('../../../../shared/data/real/', import.meta.url);
const here = existsSync(REAL);
if (!here) console.log(`OSM real-data tests skipped: ${REAL.pathname} is absent`);
const bytes = (p: string) => new Uint8Array(readFileSync(new URL(p, REAL)));

// Haversine on the 6,371,008.8 m sphere, written here independently of the importer's geometry.
function haversine(a: Position, b: Position): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
const lineLength = (c: Position[]) => c.slice(1).reduce((s, p, i) => s + haversine(c[i], p), 0);

describe.skipIf(!here)('beijing-haidian/haidian.osm', async () => {
  const l: OsmLayers = here ? await readOsm(bytes('beijing-haidian/haidian.osm'), 'haidian.osm') : ({} as OsmLayers);

  it('yields the 9 named 小区 compounds (of 10 landuse=residential), each with estimated households > 0', () => {
    expect(l.communities).toHaveLength(10);
    // The tenth has no name: it reads 未命名小区 + the last digits of its way id, not "osm:way/609225889".
    expect(l.communities.filter((c) => !c.name || c.name.startsWith('osm:')).map((c) => c.id)).toEqual([]);
    expect(l.communities.filter((c) => c.name.startsWith('未命名小区')).map((c) => [c.id, c.name])).toEqual([['osm:way/609225889', '未命名小区 #5889']]);
    const named = l.communities.filter((c) => !c.name.startsWith('未命名小区'));
    expect(named.map((c) => c.name).sort()).toEqual(
      ['中建壹品·学府公馆', '农大小区-北区', '双泉嘉苑', '大华花园别墅', '学士居', '富润家园', '清华东路27号院', '石科院生活区', '静淑苑'].sort(),
    );
    for (const c of named) {
      expect(c.households, c.name).toBeGreaterThan(0);
      expect(c.estimated, c.name).toEqual({ households: true });
      expect(c.setting).toBe('urban');
      expect(c.id).toMatch(/^osm:(way|relation)\/\d+$/);
    }
  });

  it('finds the 3 kindergartens (one planned) and the 社区卫生服务中心 tagged amenity=hospital', () => {
    const kg = l.facilities.filter((f) => f.category === 'kindergarten');
    expect(kg.map((f) => f.name).sort()).toEqual(['0803-633规划幼儿园', '中国农业大学东校区幼儿园', '未来之星实验幼儿园'].sort());
    expect(kg.find((f) => f.name === '0803-633规划幼儿园')?.proposed).toBe(true);
    const hc = l.facilities.filter((f) => f.category === 'health_center');
    expect(hc.map((f) => [f.id, f.name])).toEqual([['osm:way/167169164', '中国农业大学东区社区卫生服务中心']]);
    for (const f of l.facilities) if (f.floorArea !== null) expect(f.floorAreaEstimated, f.id).toBe(true);
  });

  it('takes its 9 parks (plus 1 leisure=garden, also 公园绿地)', () => {
    expect(l.green.filter((g) => g.kind === 'park')).toHaveLength(10);
  });

  it('residential layer: the 10 compounds plus the housing buildings outside them, households marked as estimates', () => {
    expect(l.residential.filter((r) => r.id === l.communities.find((c) => c.id === r.id)?.id)).toHaveLength(10);
    for (const r of l.residential) {
      expect(r.households, r.id).toBeGreaterThan(0);
      expect(r.householdsEstimated, r.id).toBe(true);
    }
    expect(l.notes.some((n) => /居住用地 .*户数为估算值/.test(n) && /households are ESTIMATES/.test(n))).toBe(true);
    // Second method for the buildings standing alone: footprint from the raw XML (spherical shoelace,
    // R = 6,371,008.8 m) × levels (building:levels where tagged, else the type's default) ÷ 90 m².
    const raw = new TextDecoder().decode(bytes('beijing-haidian/haidian.osm'));
    const nodes = new Map<string, Position>();
    for (const m of raw.matchAll(/<node id="(\d+)"[^>]*? lat="([-\d.]+)" lon="([-\d.]+)"/g)) nodes.set(m[1], [Number(m[3]), Number(m[2])]);
    const alone = l.residential.filter((r) => !l.communities.some((c) => c.id === r.id));
    expect(alone.length).toBe(6);
    let withLevels = 0;
    for (const r of alone) {
      const id = /way\/(\d+)/.exec(r.id)![1];
      const body = new RegExp(`<way id="${id}"[^>]*>([\\s\\S]*?)</way>`).exec(raw)![1];
      const tag = (k: string) => new RegExp(`<tag k="${k}" v="([^"]*)"`).exec(body)?.[1];
      const pts = [...body.matchAll(/<nd ref="(\d+)"/g)].map((m) => nodes.get(m[1])!);
      const lat0 = (pts[0][1] * Math.PI) / 180, R = 6371008.8, k = Math.PI / 180;
      let a = 0;
      for (let i = 1; i < pts.length; i++) a += (pts[i - 1][0] * k * R * Math.cos(lat0)) * (pts[i][1] * k * R) - (pts[i][0] * k * R * Math.cos(lat0)) * (pts[i - 1][1] * k * R);
      const levelsTag = tag('building:levels');
      if (levelsTag) withLevels++;
      const levels = levelsTag ? Number(levelsTag) : ({ apartments: 6, residential: 6, dormitory: 5, house: 2 } as Record<string, number>)[tag('building')!];
      const expected = (Math.abs(a) / 2) * levels / 90;
      expect(Math.abs(r.households! - expected), r.id).toBeLessThanOrEqual(Math.max(1, expected * 0.01));
    }
    expect(withLevels).toBeGreaterThan(0);
  });
});

describe.skipIf(!here)('nanjing-xuanwu/xuanwu.osm', async () => {
  const raw = here ? new TextDecoder().decode(bytes('nanjing-xuanwu/xuanwu.osm')) : '';
  const l: OsmLayers = here ? await readOsm(bytes('nanjing-xuanwu/xuanwu.osm'), 'xuanwu.osm') : ({} as OsmLayers);

  it('yields the walkable network: total length equals an independent count from the raw ways (≈85 km)', () => {
    // Second method: scan the raw XML with regular expressions, apply the spec's walkable rule,
    // sum haversine lengths over runs of nodes present in the file.
    const nodes = new Map<string, Position>();
    for (const m of raw.matchAll(/<node id="(\d+)" lat="([-\d.]+)" lon="([-\d.]+)"/g)) nodes.set(m[1], [Number(m[3]), Number(m[2])]);
    const walkable = new Set(['footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified', 'tertiary', 'secondary', 'primary', 'tertiary_link', 'secondary_link', 'primary_link', 'cycleway', 'track']);
    let expected = 0;
    for (const m of raw.matchAll(/<way id="\d+"[^>]*>([\s\S]*?)<\/way>/g)) {
      const tag = (k: string) => new RegExp(`<tag k="${k}" v="([^"]*)"`).exec(m[1])?.[1];
      const hw = tag('highway');
      if (!hw || !walkable.has(hw)) continue;
      const foot = tag('foot');
      if (foot === 'no' || foot === 'private') continue;
      if ((tag('access') === 'private' || tag('access') === 'no') && !['yes', 'designated', 'permissive'].includes(foot ?? '')) continue;
      const pts = [...m[1].matchAll(/<nd ref="(\d+)"/g)].map((r) => nodes.get(r[1]));
      for (let i = 1; i < pts.length; i++) if (pts[i - 1] && pts[i]) expected += haversine(pts[i - 1]!, pts[i]!);
    }
    const total = l.roads.reduce((s, r) => s + lineLength(r.coordinates), 0);
    expect(expected).toBeGreaterThan(75_000);
    expect(expected).toBeLessThan(95_000);
    expect(Math.abs(total - expected)).toBeLessThan(1); // metres
  });

  it('forms one network: the largest component (union-find over shared vertices) holds most of the length', () => {
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let r = k;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(k, r);
      return r;
    };
    const key = (p: Position) => `${p[0]},${p[1]}`;
    for (const r of l.roads) for (const p of r.coordinates) if (!parent.has(key(p))) parent.set(key(p), key(p));
    for (const r of l.roads) for (let i = 1; i < r.coordinates.length; i++) parent.set(find(key(r.coordinates[i])), find(key(r.coordinates[0])));
    const byRoot = new Map<string, number>();
    let total = 0;
    for (const r of l.roads) {
      const len = lineLength(r.coordinates);
      total += len;
      const root = find(key(r.coordinates[0]));
      byRoot.set(root, (byRoot.get(root) ?? 0) + len);
    }
    const largest = Math.max(...byRoot.values());
    expect(largest / total).toBeGreaterThan(0.9);
  });

  it('lines meet only at shared OSM nodes: no line passes through another line\'s endpoint mid-way', () => {
    const ends = new Set<string>();
    for (const r of l.roads) for (const p of [r.coordinates[0], r.coordinates.at(-1)!]) ends.add(`${p[0]},${p[1]}`);
    const inner = (r: RoadLine) => r.coordinates.slice(1, -1).filter((p) => ends.has(`${p[0]},${p[1]}`));
    expect(l.roads.flatMap(inner)).toEqual([]);
  });

  it('finds the kindergarten tagged as a school by its name', () => {
    const kg = l.facilities.filter((f) => f.category === 'kindergarten');
    expect(kg.map((f) => f.name)).toContain('五老村幼儿园');
    expect(l.facilities.filter((f) => f.category === 'primary_school').map((f) => f.name)).toEqual(expect.arrayContaining(['石鼓路小学', '汉中门小学', '南京市三条巷小学', '南京市五老村小学']));
  });
});

describe.skipIf(!here)('monaco/monaco.osm.pbf', async () => {
  const l: OsmLayers = here ? await readOsm(bytes('monaco/monaco.osm.pbf'), 'monaco.osm.pbf') : ({} as OsmLayers);

  it('parses: counts close to the README and to GDAL\'s OSM driver', () => {
    // GDAL ogrinfo (sqlite dialect) on the same file: 23,336 building multipolygons; lines
    // footway 566 + path 169 + pedestrian 78 + steps 259 = 1,072; leisure=park 16, leisure=garden 8.
    expect(l.stats.nodes).toBeGreaterThan(150_000);
    expect(l.stats.buildings).toBeGreaterThan(23_000);
    expect(l.stats.buildings).toBeLessThanOrEqual(23_336);
    const footWays = new Set(l.roads.filter((r) => ['footway', 'path', 'pedestrian', 'steps'].includes(r.kind ?? '')).map((r) => r.id.split('#')[0]));
    expect(footWays.size).toBeGreaterThan(1_000);
    expect(footWays.size).toBeLessThan(1_150);
    expect(l.green.filter((g) => g.kind === 'park')).toHaveLength(16 + 8);
  });
});
