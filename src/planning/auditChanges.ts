// What an edit or another scenario changes in an audit: the communities whose status or figures
// moved (with the figures before and after), the failing count before and after, and the
// households newly within reach per tier and category. Households within reach of a community are
// its households times its covered share (the audit's area-share definition of a life-circle
// figure, STANDARDS.md), so the net gain of a tier and category is Σ households × Δshare.
import type { AuditResult, CommunityResult, FacilityCategory } from '../engine/types';

/** Per-community numeric figures that a change can move (the life-circle shares are listed apart). */
const FIGURES = ['areaPer100Households_m2', 'serviceArea_m2', 'largestStation_m2', 'greenCoverage', 'parkCoverage'] as const;
export type FigureKey = (typeof FIGURES)[number] | `lifeCircles.${string}.${string}`;

export interface FigureChange {
  key: FigureKey;
  before: number | null;
  after: number | null;
}

export interface CommunityChange {
  index: number;
  id: string;
  name: string;
  statusBefore: CommunityResult['status'];
  statusAfter: CommunityResult['status'];
  failuresBefore: number;
  failuresAfter: number;
  figures: FigureChange[];
}

export interface TierCategoryGain {
  tier: string;
  category: FacilityCategory;
  /** Net households newly within reach (negative when an edit takes reach away). */
  households: number;
}

export interface AuditChanges {
  failingBefore: number;
  failingAfter: number;
  /** Communities with any change, in index order. */
  communities: CommunityChange[];
  /** Tiers and categories whose households within reach changed, in tier then category order. */
  householdsWithin: TierCategoryGain[];
}

/** Changes smaller than this are rounding noise of the geometry (shares and m²). */
const EPS = 1e-9;
const moved = (a: number | null, b: number | null) => (a === null || b === null ? a !== b : Math.abs(a - b) > EPS);

function shareKeys(a: CommunityResult, b: CommunityResult): [string, FacilityCategory][] {
  const out: [string, FacilityCategory][] = [];
  const seen = new Set<string>();
  for (const r of [a, b]) {
    for (const [tier, cats] of Object.entries(r.lifeCircles)) {
      for (const cat of Object.keys(cats) as FacilityCategory[]) {
        const k = `${tier}.${cat}`;
        if (!seen.has(k)) { seen.add(k); out.push([tier, cat]); }
      }
    }
  }
  return out;
}

/**
 * The changes from `before` to `after` (two audits of the same communities, same order). Only
 * `indices` are compared when given (the communities an edit re-audited); all otherwise.
 */
export function auditChanges(before: AuditResult, after: AuditResult, indices?: readonly number[]): AuditChanges {
  if (before.communities.length !== after.communities.length) {
    throw new Error(`auditChanges: the audits cover ${before.communities.length} and ${after.communities.length} communities`);
  }
  const which = indices ?? before.communities.map((_, i) => i);
  const communities: CommunityChange[] = [];
  const gains = new Map<string, TierCategoryGain>();
  for (const i of [...which].sort((x, y) => x - y)) {
    const a = before.communities[i], b = after.communities[i];
    if (!a || !b) throw new Error(`auditChanges: no community at index ${i}`);
    if (a.id !== b.id) throw new Error(`auditChanges: index ${i} holds ${a.id} before and ${b.id} after`);
    const figures: FigureChange[] = [];
    for (const k of FIGURES) if (moved(a[k], b[k])) figures.push({ key: k, before: a[k], after: b[k] });
    for (const [tier, cat] of shareKeys(a, b)) {
      const x = a.lifeCircles[tier]?.[cat] ?? 0, y = b.lifeCircles[tier]?.[cat] ?? 0;
      if (!moved(x, y)) continue;
      figures.push({ key: `lifeCircles.${tier}.${cat}`, before: x, after: y });
      const k = `${tier}.${cat}`;
      const g = gains.get(k) ?? { tier, category: cat, households: 0 };
      g.households += (b.households ?? 0) * y - (a.households ?? 0) * x;
      gains.set(k, g);
    }
    if (figures.length || a.status !== b.status || a.failures.length !== b.failures.length) {
      communities.push({ index: i, id: b.id, name: b.name, statusBefore: a.status, statusAfter: b.status, failuresBefore: a.failures.length, failuresAfter: b.failures.length, figures });
    }
  }
  const householdsWithin = [...gains.values()].filter((g) => Math.abs(g.households) > 1e-6)
    .sort((x, y) => x.tier.localeCompare(y.tier) || x.category.localeCompare(y.category));
  return { failingBefore: before.summary.failing, failingAfter: after.summary.failing, communities, householdsWithin };
}

/** Communities whose status differs (pass → fail or fail → pass). */
export const statusChanges = (c: AuditChanges): CommunityChange[] => c.communities.filter((x) => x.statusBefore !== x.statusAfter);
