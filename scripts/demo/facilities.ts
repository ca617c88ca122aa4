// Facilities of every category (STANDARDS.md §2), placed by greedy coverage so that each
// community reaches its life-circle categories (5/10/15 minutes = 300/500/1000 m, national-2022)
// except where a deliberate defect says otherwise (small station, low m² per 100 households,
// missing kindergarten, ...). Floor areas are drawn from the STANDARDS.md §2 ranges.
import type { FacilityCategory } from '../../src/engine/types';
import { FACILITY_CATEGORIES } from '../../src/engine/types';
import type { XY } from './geometry';
import { distToRing, pointInRing } from './geometry';
import type { CommunityPlan } from './communities';
import type { LandUse } from './landUse';
import { shortName } from './names';
import { PLAN_RADIUS } from './planning';
import type { Rng } from './prng';

export interface FacilityPlan {
  id: string;
  name: string;
  category: FacilityCategory;
  floorArea: number;
  xy: XY;
  community: number;
}

/** Deliberate shortcomings, each making a community fail one rule of national-2022. */
export type Defect = 'smallStation' | 'lowRatio' | 'noKindergarten' | 'noElderly' | 'noHealthStation' | 'noActivity' | 'noSupermarket';
export const DEFECT_QUOTA: Record<Defect, number> = { smallStation: 8, lowRatio: 10, noKindergarten: 5, noElderly: 3, noHealthStation: 3, noActivity: 2, noSupermarket: 3 };

const ID_PREFIX: Record<FacilityCategory, string> = {
  community_service: 'FW', elderly_care: 'YL', kindergarten: 'YE', health_station: 'WS', health_center: 'WZ',
  supermarket: 'CS', activity_venue: 'HD', primary_school: 'XX', middle_school: 'ZX', culture_center: 'WH',
  sports_venue: 'TY', police: 'JW', emergency_shelter: 'BN', parcel_locker: 'KD',
};

/** Planning radius (m, straight line, see planning.ts) per covered category; tiers of national-2022. */
const COVER: { category: FacilityCategory; r: number; scope: 'own' | 'all'; tier15?: boolean; cap: (c: CommunityPlan) => number }[] = [
  { category: 'elderly_care', r: PLAN_RADIUS.tier5, scope: 'own', cap: (c) => (c.setting === 'rural' ? 1 : 6) },
  { category: 'kindergarten', r: PLAN_RADIUS.tier5, scope: 'own', cap: (c) => (c.setting === 'rural' ? 1 : 6) },
  { category: 'health_station', r: PLAN_RADIUS.tier5, scope: 'own', cap: (c) => (c.setting === 'rural' ? 1 : 6) },
  { category: 'activity_venue', r: PLAN_RADIUS.tier5, scope: 'own', cap: (c) => (c.setting === 'rural' ? 2 : 6) },
  { category: 'supermarket', r: PLAN_RADIUS.tier10, scope: 'all', cap: (c) => (c.setting === 'rural' ? 1 : 3) },
  { category: 'primary_school', r: PLAN_RADIUS.tier10, scope: 'all', cap: (c) => (c.setting === 'rural' ? 1 : 2) },
  { category: 'health_center', r: PLAN_RADIUS.tier15, scope: 'all', tier15: true, cap: () => 1 },
  { category: 'middle_school', r: PLAN_RADIUS.tier15, scope: 'all', tier15: true, cap: () => 1 },
  { category: 'culture_center', r: PLAN_RADIUS.tier15, scope: 'all', tier15: true, cap: () => 1 },
  { category: 'sports_venue', r: PLAN_RADIUS.tier15, scope: 'all', tier15: true, cap: () => 1 },
];
const GOAL = 0.97;

export interface FacilityResult {
  facilities: FacilityPlan[];
  defects: Map<number, Defect>;
  /** Community of each sample (-1: none). */
  sampleCommunity: Int32Array;
}

export function planFacilities(communities: CommunityPlan[], land: LandUse, rng: Rng): FacilityResult {
  const { samples, blocks } = land;
  const n = samples.x.length;
  const sampleCommunity = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const b = samples.block[k];
    if (b < 0 || blocks[b].use !== 'residential') continue;
    const p: XY = [samples.x[k], samples.y[k]];
    if (blocks[b].insets.some((i) => pointInRing(p, i.ring))) continue;
    sampleCommunity[k] = blocks[b].community;
  }
  const own: number[][] = communities.map(() => []);
  for (let k = 0; k < n; k++) if (sampleCommunity[k] >= 0) own[sampleCommunity[k]].push(k);

  // Defects: urban, non-resettlement communities, spread over zones.
  const defects = new Map<number, Defect>();
  const pool = rng.fork('defects').shuffle(communities.filter((c) => c.setting === 'urban' && !c.resettlement && own[c.index].length > 8));
  for (const [d, q] of Object.entries(DEFECT_QUOTA) as [Defect, number][]) {
    let left = q;
    for (const c of pool) {
      if (!left) break;
      if (defects.has(c.index)) continue;
      if (d === 'lowRatio' && c.households < 2000) continue;
      if (d === 'smallStation' && c.zone === 'new') continue;
      defects.set(c.index, d);
      left--;
    }
  }
  const skip: Partial<Record<FacilityCategory, Defect>> = { kindergarten: 'noKindergarten', elderly_care: 'noElderly', health_station: 'noHealthStation', activity_venue: 'noActivity', supermarket: 'noSupermarket' };

  const out: FacilityPlan[] = [];
  // Facilities picked at the same sample point are nudged apart by category (8 m, own direction)
  // so they don't hide each other on the map; the nudge is dropped if it would leave the block.
  const add = (category: FacilityCategory, k: number, floorArea: number, name: string): void => {
    const a = (2 * Math.PI * FACILITY_CATEGORIES.indexOf(category)) / FACILITY_CATEGORIES.length;
    const b = blocks[samples.block[k]];
    let xy: XY = [samples.x[k] + 8 * Math.cos(a), samples.y[k] + 8 * Math.sin(a)];
    if (!pointInRing(xy, b.ring) || distToRing(xy, b.ring) < 1 || b.insets.some((i) => pointInRing(xy, i.ring) || distToRing(xy, i.ring) < 1)) xy = [samples.x[k], samples.y[k]];
    out.push({ id: '', name, category, floorArea: Math.round(floorArea), xy, community: sampleCommunity[k] });
  };
  const r = rng.fork('facilities');
  const order = r.shuffle(communities.map((c) => c.index));
  const urbanSample = (k: number): boolean => sampleCommunity[k] >= 0 && communities[sampleCommunity[k]].setting === 'urban';

  /** Greedy picks inside community ci until GOAL of its samples are covered (or cap reached). */
  const placeFor = (ci: number, radius: number, cap: number, scope: 'own' | 'all', covered: Uint8Array, wide: Uint8Array, minPicks = 0): number[] => {
    const mine = own[ci];
    const picks: number[] = [];
    if (!mine.length) return picks;
    const step = Math.max(1, Math.ceil(mine.length / 30));
    while (picks.length < cap) {
      let done = 0;
      for (const k of mine) done += covered[k];
      if (done / mine.length >= GOAL && picks.length >= minPicks) break;
      if (done === mine.length) {
        picks.push(central(mine, samples));
        continue;
      }
      let best = -1, bestGain = 0;
      for (let i = 0; i < mine.length; i += step) {
        let g = 0;
        if (scope === 'own') samples.forNear(samples.x[mine[i]], samples.y[mine[i]], radius, (k) => { if (!covered[k] && sampleCommunity[k] === ci) g++; });
        else samples.forNear(samples.x[mine[i]], samples.y[mine[i]], radius, (k) => { if (!covered[k] && wide[k]) g++; });
        if (g > bestGain) { bestGain = g; best = mine[i]; }
      }
      if (best < 0) break;
      samples.forNear(samples.x[best], samples.y[best], radius, (k) => { covered[k] = 1; });
      picks.push(best);
    }
    return picks;
  };

  for (const spec of COVER) {
    const covered = new Uint8Array(n);
    const wide = new Uint8Array(n); // targets of facilities that serve beyond their community
    for (let k = 0; k < n; k++) wide[k] = sampleCommunity[k] >= 0 && (!spec.tier15 || urbanSample(k)) ? 1 : 0;
    for (const ci of order) {
      const c = communities[ci];
      if (skip[spec.category] && defects.get(ci) === skip[spec.category]) continue;
      placeFor(ci, spec.r, spec.cap(c), spec.scope, covered, wide).forEach((k, placed) => add(spec.category, k, floorAreaOf(spec.category, c, r), nameOf(spec.category, c, placed, r)));
    }
  }

  // Community service (5-minute tier too): a main station (党群服务中心) where it serves most of
  // the community, plus small service points (服务点) until 300 m reaches the rest. The planned
  // total floor area (m² per 100 households) is shared out; defects shrink the main station or
  // the total.
  const csCovered = new Uint8Array(n);
  for (const ci of order) {
    const c = communities[ci];
    const rural = c.setting === 'rural';
    const picks = placeFor(ci, PLAN_RADIUS.tier5, rural ? 2 : 6, 'own', csCovered, csCovered, 1);
    if (!picks.length) continue;
    const d = defects.get(ci);
    const s = shortName(c.name);
    const sats = picks.slice(1).map(() => r.range(50, 130));
    const satSum = sats.reduce((a, b) => a + b, 0);
    let total = c.households * (rural ? r.range(0.31, 0.45) : r.range(0.31, 0.5));
    if (d === 'lowRatio') total = c.households * r.range(0.17, 0.26);
    let main = Math.max(rural ? 220 : 320, total - satSum);
    if (d === 'smallStation') main = r.range(150, 260);
    // Above 1200 m² (the top of the §2 range) the surplus goes to a neighbourhood centre
    // (邻里中心): the first service point, or a second building when there is none.
    let extra = 0;
    if (main > 1200) { extra = main - 1200; main = 1200; }
    if (extra > 0 && picks.length === 1) { main = (main + extra) / 2; extra = main; }
    add('community_service', picks[0], main, `${s}${rural ? '村' : '社区'}党群服务中心`);
    picks.slice(1).forEach((k, i) => {
      const a = sats[i] + (i === 0 ? extra : 0);
      add('community_service', k, a, a > 300 ? `${s}邻里中心` : `${s}社区服务点${i ? i + 1 : ''}`);
    });
    if (picks.length === 1 && extra > 0) add('community_service', own[ci][Math.floor(own[ci].length / 2)], extra, `${s}邻里中心`);
  }

  // Police (派出所 per street, 警务室 in some communities), shelters, parcel lockers.
  const streets = [...new Set(communities.map((c) => c.street))];
  for (const st of streets) {
    const host = communities.filter((c) => c.street === st && own[c.index].length).sort((a, b) => own[b.index].length - own[a.index].length)[0];
    if (host) add('police', central(own[host.index], samples), r.range(1200, 2600), `${st.replace(/(街道|镇)$/, '')}派出所`);
  }
  for (const c of communities) {
    const mine = own[c.index];
    if (!mine.length) continue;
    const s = shortName(c.name);
    if (r.chance(0.35)) add('police', r.pick(mine), r.range(60, 200), `${s}警务室`);
    if (r.chance(0.22)) add('emergency_shelter', r.pick(mine), r.range(1500, 9000), `${s}应急避难场所`);
    const lockers = c.setting === 'rural' ? 1 : r.int(1, 3);
    for (let i = 0; i < lockers; i++) add('parcel_locker', r.pick(mine), r.range(6, 45), r.chance(0.5) ? `丰巢快递柜(${s})` : `菜鸟驿站(${s})`);
  }

  // Unique names: a repeated one gets a branch number (e.g. 苏果超市(芙蓉园店)（二）).
  const seen = new Map<string, number>();
  const NUM = ['', '', '二', '三', '四', '五', '六', '七', '八', '九'];
  for (const f of out) {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    if (n > 1) f.name = `${f.name}（${NUM[n] ?? n}）`;
  }

  // Stable ids per category, numbered in placement order.
  const counters = new Map<FacilityCategory, number>();
  for (const f of out) {
    const k = (counters.get(f.category) ?? 0) + 1;
    counters.set(f.category, k);
    f.id = `${ID_PREFIX[f.category]}${String(k).padStart(3, '0')}`;
  }
  return { facilities: out, defects, sampleCommunity };
}

/** The community sample nearest its sample mean (a central, inside point). */
function central(mine: number[], samples: LandUse['samples']): number {
  let mx = 0, my = 0;
  for (const k of mine) { mx += samples.x[k]; my += samples.y[k]; }
  mx /= mine.length; my /= mine.length;
  let best = mine[0], bd = Infinity;
  for (const k of mine) {
    const d = (samples.x[k] - mx) ** 2 + (samples.y[k] - my) ** 2;
    if (d < bd) { bd = d; best = k; }
  }
  return best;
}

function floorAreaOf(cat: FacilityCategory, c: CommunityPlan, r: Rng): number {
  const rural = c.setting === 'rural';
  switch (cat) {
    case 'elderly_care': return rural ? r.range(200, 400) : r.range(250, 750);
    case 'kindergarten': return rural ? r.range(1000, 1500) : r.range(1200, 3000);
    case 'health_station': return r.range(120, 270);
    case 'health_center': return r.range(1700, 2000);
    case 'supermarket': return rural ? r.range(200, 500) : r.range(400, 2000);
    case 'activity_venue': return r.range(150, 1000);
    case 'primary_school': return r.range(5000, 15000);
    case 'middle_school': return r.range(10000, 25000);
    case 'culture_center': return r.range(3000, 6000);
    case 'sports_venue': return r.range(2000, 8000);
    default: return r.range(100, 500);
  }
}

function nameOf(cat: FacilityCategory, c: CommunityPlan, nth: number, r: Rng): string {
  const s = shortName(c.name);
  const street = c.street.replace(/(街道|镇)$/, '');
  const ord = ['', '第二', '第三', '第四', '第五'][nth] ?? `${nth + 1}号`;
  const rural = c.setting === 'rural';
  switch (cat) {
    case 'elderly_care': return rural ? `${s}村养老服务站` : nth ? `${s}${ord}养老服务站` : `${s}日间照料中心`;
    case 'kindergarten': return nth ? `${s}${ord}幼儿园` : r.pick([`${s}幼儿园`, `${s}实验幼儿园`, `${s}中心幼儿园`]);
    case 'health_station': return rural ? `${s}村卫生室` : `${s}社区卫生服务站${nth ? `(${ord.replace('第', '')}站)` : ''}`;
    case 'health_center': return `${street}社区卫生服务中心${nth ? `${ord}分中心` : ''}`;
    case 'supermarket': return r.pick([`苏果超市(${s}店)`, `华润万家(${s}店)`, `永辉超市(${s}店)`, `${s}农贸市场`, `${s}菜市场`, `联华超市(${s}店)`]);
    case 'activity_venue': return r.pick([`${s}文化活动站`, `${s}健身广场`, `${s}老年活动室`, `${s}全民健身点`]) + (nth ? `${ord.replace('第', '')}` : '');
    case 'primary_school': return nth ? `${s}第二小学` : r.pick([`${s}小学`, `${street}实验小学`, `${s}中心小学`]);
    case 'middle_school': return r.pick([`${street}中学`, `${s}初级中学`, `${street}实验中学`]);
    case 'culture_center': return r.pick([`${street}文化活动中心`, `${street}图书馆`, `${street}文化馆`]);
    case 'sports_venue': return r.pick([`${street}全民健身中心`, `${s}体育馆`, `${street}体育场`]);
    default: return s;
  }
}
