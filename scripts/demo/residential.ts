// Residential land of the demo district (居住用地), whose households add up to each community's:
// - urban communities: each residential block set back from its streets (and from its pocket
//   green), at one of several densities (high-rise, mid-rise, low-rise), and in larger
//   communities one block used otherwise (school or commercial land, no housing);
// - villages: a few hamlets (自然村 / 村民小组) in their farmland;
// - one urban community whose parcels are missing from the layer (a data gap the audit must
//   survive: it falls back to the community area and warns).
// A community's households go to its parcels in proportion to area × density (largest remainder).
import type { MultiPolygonCoords } from '../../src/engine/types';
import { difference, fromPaths, offsetPaths, toPaths } from '../../src/engine/geo/clip';
import { groupRings } from '../../src/engine/geo/metricRings';
import type { CommunityPlan } from './communities';
import type { Block } from './landUse';
import type { XY } from './geometry';
import { distToRing, pointInRing, signedArea } from './geometry';
import type { Rng } from './prng';
import { closedRing } from './project';

export interface ResidentialParcel {
  id: string;
  name: string;
  community: string;
  households: number;
  kind: 'high' | 'mid' | 'low' | 'hamlet';
  geometry: MultiPolygonCoords;
  area_m2: number;
}

export interface ResidentialPlan {
  parcels: ResidentialParcel[];
  /** The community left without residential land. */
  noResidentialLand: string;
  /** Communities with one block used for a school or commercial land (no housing). */
  otherUse: string[];
}

/** Relative households per m² by building type (high-rise compounds hold ~3× a low-rise lane). */
const DENSITY_FACTOR = { high: 1.6, mid: 1, low: 0.5, hamlet: 1 } as const;
/** Setback (m) of housing from the block's streets, and from pocket green inside it. */
const SETBACK_M = 12;
const GREEN_MARGIN_M = 6;

/** Integers ∝ weights summing exactly to total (largest remainder), each ≥ 1 when total allows. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

function parcelOfBlock(b: Block): XY[][] {
  const shrunk = fromPaths(offsetPaths(toPaths([b.ring]), -SETBACK_M, 0.5));
  if (!b.insets.length) return shrunk;
  // Inset rings are clockwise (holes): grown outward as CCW rings, then cut out.
  const greens = fromPaths(offsetPaths(toPaths(b.insets.map((i) => i.ring.slice().reverse())), GREEN_MARGIN_M, 0.5));
  return difference(shrunk, greens);
}

function hamlet(rng: Rng, c: XY, r: number): XY[] {
  const n = rng.int(7, 10);
  const out: XY[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n + rng.range(-0.15, 0.15);
    const rr = r * rng.range(0.65, 1);
    out.push([c[0] + rr * Math.cos(t), c[1] + rr * Math.sin(t)]);
  }
  return out;
}

/**
 * `seats[i]`: where community i's service station stands (a village's main hamlet, 村部所在地,
 * grows around it; the other hamlets lie out in the fields).
 */
export function planResidential(plans: CommunityPlan[], blocks: Block[], rng: Rng, seats: (XY | undefined)[] = []): ResidentialPlan {
  // The data gap: the mid-zone community with the fewest households (deterministic, not an estate).
  const gap = plans.filter((p) => p.zone === 'mid' && !p.resettlement).sort((a, b) => a.households - b.households || a.index - b.index)[0];
  const parcels: ResidentialParcel[] = [];
  const otherUse: string[] = [];
  for (const p of plans) {
    if (p === gap) continue;
    const r = rng.fork(p.id);
    const shapes: { rings: XY[][]; kind: ResidentialParcel['kind']; name: string }[] = [];
    if (p.zone === 'rural') {
      const n = r.int(2, 4);
      const own = p.blocks.map((i) => blocks[i]);
      const placed: { c: XY; r: number }[] = [];
      const seat = seats[p.index];
      for (let k = 0, guard = 0; placed.length < n && guard < 2000; guard++) {
        const b = own[Math.floor(r.next() * own.length)];
        // Radius shrinks as attempts fail (narrow blocks), so every village gets its hamlets.
        const rad = r.range(70, 140) * Math.max(0.35, 1 - guard / 800);
        const xs = b.ring.map((q) => q[0]), ys = b.ring.map((q) => q[1]);
        const main = placed.length === 0 && seat && guard < 200;
        const c: XY = main ? [seat[0] + r.range(-60, 60), seat[1] + r.range(-60, 60)] : [r.range(Math.min(...xs), Math.max(...xs)), r.range(Math.min(...ys), Math.max(...ys))];
        if (!pointInRing(c, b.ring) || distToRing(c, b.ring) < rad + 10) continue;
        if (b.insets.some((i) => pointInRing(c, i.ring) || distToRing(c, i.ring) < rad + 20)) continue;
        if (placed.some((q) => Math.hypot(q.c[0] - c[0], q.c[1] - c[1]) < q.r + rad + 60)) continue;
        placed.push({ c, r: rad });
        shapes.push({ rings: [hamlet(r, c, main ? rad * 1.3 : rad)], kind: 'hamlet', name: `${p.name}第${++k}村民小组` });
      }
    } else {
      const own = p.blocks.slice();
      // In communities of three blocks or more, one block is a school or commercial land: the one
      // farthest from the service station (such land lines the arterials at a community's edge).
      const seat = seats[p.index];
      if (own.length >= 3 && r.chance(0.6)) {
        const far = (bi: number) => (seat ? Math.min(...blocks[bi].ring.map((q) => Math.hypot(q[0] - seat[0], q[1] - seat[1]))) : r.next());
        let k = 0;
        own.forEach((bi, i) => { if (far(bi) > far(own[k])) k = i; });
        own.splice(k, 1);
        otherUse.push(p.id);
      }
      const mix: ResidentialParcel['kind'][] = p.zone === 'old' ? ['mid', 'low', 'low', 'mid'] : ['high', 'high', 'mid', 'low'];
      own.forEach((bi, k) => {
        const rings = parcelOfBlock(blocks[bi]);
        if (rings.length) shapes.push({ rings, kind: r.pick(mix), name: `${p.name}${k + 1}号地块` });
      });
    }
    if (!shapes.length) continue;
    const areas = shapes.map((s) => s.rings.reduce((a, ring) => a + signedArea(ring), 0));
    const hh = apportion(p.households, shapes.map((s, i) => areas[i] * DENSITY_FACTOR[s.kind]));
    shapes.forEach((s, i) => {
      const polys = groupRings(s.rings);
      parcels.push({
        id: `R${String(parcels.length + 1).padStart(4, '0')}`, name: s.name, community: p.id, households: hh[i], kind: s.kind, area_m2: areas[i],
        geometry: polys.map((poly) => poly.map((ring) => closedRing(ring))),
      });
    });
  }
  return { parcels, noResidentialLand: gap.id, otherUse };
}
