// Proposals (planning/suggest) → the suggest command's outputs (suggest-cli.md): JSON (the
// contract's fields and a few more), GeoJSON (the sites as points with the same properties) and
// CSV (one row per site, UTF-8 with a BOM and formula-safe cells, like the audit's CSV).
import type { FeatureCollection } from 'geojson';
import type { ProposedSite, SuggestResult } from './suggest';
import { csvCell } from '../../io/export/csvExport';

export interface SuggestRunInfo {
  preset: string;
  /** The tier asked for (--tier), or null when a distance was given. */
  tier: string | null;
  candidates: { source: 'grid' | 'file'; count: number; grid_m?: number; file?: string };
}

const siteJson = (s: ProposedSite) => ({
  rank: s.rank, candidate: s.candidate, lon: s.lon, lat: s.lat,
  gainHouseholds: s.gainHouseholds, cumulativeHouseholds: s.cumulativeHouseholds,
  communities: s.communities.map((c) => ({ id: c.id, shareBefore: c.shareBefore, shareAfter: c.shareAfter, fixed: c.fixed })),
  modelGainHouseholds: s.modelGainHouseholds,
});

export function suggestToJson(r: SuggestResult, info: SuggestRunInfo): Record<string, unknown> {
  return {
    category: r.category, distance_m: r.distance_m, mode: r.mode, basis: r.basis,
    households: r.households,
    before: r.before,
    sites: r.sites.map(siteJson),
    after: r.after,
    ...(r.exact ? { exact: r.exact } : {}),
    preset: info.preset, tier: info.tier, threshold: r.threshold,
    candidates: info.candidates,
    method: { selection: 'greedy (lazy evaluation)', model: r.model },
  };
}

export function suggestToGeoJSON(r: SuggestResult): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: r.sites.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: { ...siteJson(s), category: r.category, distance_m: r.distance_m, mode: r.mode },
    })),
  };
}

const CSV_KEYS = ['rank', 'candidate', 'lon', 'lat', 'gainHouseholds', 'cumulativeHouseholds', 'communities', 'fixes', 'category', 'distance_m', 'mode'] as const;

/** One row per site; `communities` lists "id before→after" (shares), `fixes` the ids brought up to the threshold. */
export function suggestToCsv(r: SuggestResult): string {
  const rows = r.sites.map((s) => ({
    rank: s.rank, candidate: s.candidate, lon: s.lon, lat: s.lat, gainHouseholds: s.gainHouseholds, cumulativeHouseholds: s.cumulativeHouseholds,
    communities: s.communities.map((c) => `${c.id} ${c.shareBefore.toFixed(4)}→${c.shareAfter.toFixed(4)}`).join('; '),
    fixes: s.communities.filter((c) => c.fixed).map((c) => c.id).join('; '),
    category: r.category, distance_m: r.distance_m, mode: r.mode,
  }));
  const lines = [CSV_KEYS.join(','), ...rows.map((row) => CSV_KEYS.map((k) => csvCell(row[k])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
