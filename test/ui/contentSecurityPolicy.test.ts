// The built policy and the basemap styles agree: every URL an online basemap requests is on a host
// the policy lists, the policy lists those hosts for images and tile requests only (never scripts,
// styles, workers or fonts), and the offline basemap requests nothing.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/ui/contentSecurityPolicy';
import { basemapStyle } from '../../src/ui/map/basemapStyle';
import { ONLINE_BASEMAP_ORIGINS } from '../../src/ui/map/basemapOrigins';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

function tileUrls(basemap: 'offline' | 'osm' | 'tianditu', key: string): string[] {
  const style = basemapStyle(basemap, key);
  return Object.values(style.sources).flatMap((s) => ('tiles' in s && s.tiles ? s.tiles : []).concat('url' in s && typeof s.url === 'string' && !s.url.startsWith('data:') ? [s.url] : []));
}

describe('content security policy and basemap hosts', () => {
  it('lists exactly the two basemap origins, in img-src and connect-src only', () => {
    expect([...ONLINE_BASEMAP_ORIGINS]).toEqual(['https://tile.openstreetmap.org', 'https://t0.tianditu.gov.cn']);
    for (const meta of [true, false]) {
      const d = directives(contentSecurityPolicy({ meta }));
      for (const [name, values] of d) {
        const hosts = values.filter((v) => /^https?:/.test(v));
        expect(hosts, name).toEqual(name === 'img-src' || name === 'connect-src' ? [...ONLINE_BASEMAP_ORIGINS] : []);
        expect(values.some((v) => v === '*' || v === 'https:' || v === 'http:'), name).toBe(false);
      }
      expect(d.get('default-src')).toEqual(["'self'"]);
    }
  });

  it('every tile an online basemap asks for is on a listed host; offline, and Tianditu without a key, ask for none', () => {
    expect(tileUrls('offline', '')).toEqual([]);
    // No glyphs or sprite either: those would be fetched whatever the basemap.
    for (const b of ['offline', 'osm', 'tianditu'] as const) {
      const style = basemapStyle(b, 'k3y');
      expect(style.glyphs, b).toBeUndefined();
      expect(style.sprite, b).toBeUndefined();
    }
    expect(tileUrls('tianditu', '')).toEqual([]);
    const osm = tileUrls('osm', '');
    const tdt = tileUrls('tianditu', 'k3y');
    expect(osm.length).toBe(1);
    expect(tdt.length).toBe(2);
    for (const u of [...osm, ...tdt]) expect(ONLINE_BASEMAP_ORIGINS as readonly string[]).toContain(new URL(u.replace(/[{}]/g, '')).origin);
  });
});
