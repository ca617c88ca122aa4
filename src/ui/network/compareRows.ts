// Side-by-side rows for the coverage rules of one community: green (300 m), park (500 m) and every
// life-circle tier × category, each with the straight-line and the walking share and whether it
// meets the preset's threshold. Pure: the detail panel only renders these rows.
import type { CommunityResult, FacilityCategory, RulePreset } from '../../engine/types';

export interface CompareRow {
  /** 'green' | 'park' | `${tier}:${category}` */
  key: string;
  kind: 'green' | 'park' | 'lifeCircle';
  tier?: string;
  category?: FacilityCategory;
  euclidean: number;
  /** null when there is no walking result (no roads). */
  network: number | null;
  threshold: number;
}

/** Rows in a stable order: green, park, then tiers by distance and categories as the preset lists them. */
export function compareRows(preset: RulePreset, euclidean: CommunityResult, network: CommunityResult | null): CompareRow[] {
  const rows: CompareRow[] = [
    { key: 'green', kind: 'green', euclidean: euclidean.greenCoverage, network: network ? network.greenCoverage : null, threshold: preset.rules.greenCoverage.threshold },
    { key: 'park', kind: 'park', euclidean: euclidean.parkCoverage, network: network ? network.parkCoverage : null, threshold: preset.rules.parkCoverage.threshold },
  ];
  const tiers = Object.keys(preset.requiredByTier).sort((a, b) => (preset.tiers[a]?.distance_m ?? Number(a)) - (preset.tiers[b]?.distance_m ?? Number(b)));
  for (const tier of tiers) {
    for (const category of preset.requiredByTier[tier]) {
      const e = euclidean.lifeCircles[tier]?.[category];
      if (e === undefined) continue;
      const n = network ? network.lifeCircles[tier]?.[category] ?? null : null;
      rows.push({ key: `${tier}:${category}`, kind: 'lifeCircle', tier, category, euclidean: e, network: n, threshold: preset.rules.lifeCircle.threshold });
    }
  }
  return rows;
}
