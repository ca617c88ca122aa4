// Communities (社区/村) as groups of adjacent residential blocks. Grouping never crosses a main
// road or the river; the group outline is found by cancelling shared edges (same vertex ids), so
// neighbouring communities share identical vertices. Households follow area × zone density.
import type { XY } from './geometry';
import { centroid, pointInRing, signedArea } from './geometry';
import type { Side, Zone } from './layout';
import type { Block, LandUse } from './landUse';
import { topUpGreen } from './landUse';
import { createCommunityNamer, streetOf } from './names';
import type { Rng } from './prng';
import type { Subdivision } from './subdivision';
import type { FaceAttrs } from './layout';

export interface CommunityPlan {
  index: number;
  id: string;
  name: string;
  zone: Zone;
  side: Side;
  setting: 'urban' | 'rural';
  street: string;
  resettlement: boolean;
  blocks: number[];
  households: number;
  /** Polygons: [outer (ccw), ...holes (cw)], metres, no closing vertex. */
  polygons: XY[][][];
  /** Residential area (m²): blocks minus holes. */
  area: number;
  centre: XY;
}

/** Households per km² of community area, by zone (dense old town, compounds, villages). */
export const DENSITY: Record<Zone, number> = { old: 22_000, mid: 13_500, new: 12_500, rural: 1_250 };
/** Target households per community when grouping blocks. */
const TARGET: Record<Zone, [number, number]> = { old: [2600, 4600], mid: [3000, 4900], new: [3200, 5000], rural: [900, 1600] };
export const HOUSEHOLDS_RANGE: [number, number] = [600, 5200];

const STREET_ORDER = ['鼓楼街道', '文昌街道', '滨河街道', '北园街道', '新城街道', '高新街道', '北湖镇', '西郊镇'];

/** `beforeOutline` runs once blocks are final and before outlines are traced (it may split edges). */
export function planCommunities(sub: Subdivision<FaceAttrs>, land: LandUse, rng: Rng, beforeOutline?: () => void): CommunityPlan[] {
  const { blocks } = land;
  const blockOfFace = new Map<number, number>();
  for (const b of blocks) blockOfFace.set(b.face.id, b.index);
  const residential = (b: Block): boolean => b.use === 'residential';
  const netArea = (b: Block): number => b.area - b.insets.reduce((s, i) => s + Math.abs(signedArea(i.ring)), 0);
  // Neighbours across edges that are not main roads, with a grouping penalty (m) that keeps
  // compounds whole: communities grow across internal paths first, streets last.
  const PENALTY: Record<string, number> = { street: 350, lane: 120, path: 0 };
  const penalty = blocks.map(() => new Map<number, number>());
  const neigh: number[][] = blocks.map((b) => {
    const out = new Set<number>();
    const r = b.face.ring;
    for (let i = 0; i < r.length; i++) {
      const a = r[i], c = r[(i + 1) % r.length];
      const kind = sub.edgeInfo(a, c).kind;
      if (kind === 'main') continue;
      for (const fid of sub.facesOfEdge(a, c)) {
        const nb = blockOfFace.get(fid);
        if (nb === undefined || nb === b.index) continue;
        out.add(nb);
        const p = PENALTY[kind ?? 'path'] ?? 0;
        penalty[b.index].set(nb, Math.min(penalty[b.index].get(nb) ?? Infinity, p));
      }
    }
    return [...out].sort((x, y) => x - y);
  });
  const compatible = (a: Block, b: Block): boolean => residential(b) && b.zone === a.zone && b.side === a.side;

  const groups: number[][] = [];
  const order = rng.shuffle(blocks.filter(residential).map((b) => b.index));
  for (const start of order) {
    if (blocks[start].community >= 0) continue;
    const s = blocks[start];
    const target = rng.range(...TARGET[s.zone]);
    const g = [start];
    s.community = groups.length;
    let area = netArea(s);
    while ((area / 1e6) * DENSITY[s.zone] < target) {
      const c = centroid(g.length === 1 ? s.ring : blocks[g[0]].ring);
      let best = -1, bestD = Infinity;
      for (const i of g) for (const nb of neigh[i]) {
        const b = blocks[nb];
        if (b.community >= 0 || !compatible(s, b)) continue;
        const d = Math.hypot(...(sub2(centroid(b.ring), c))) + penalty[i].get(nb)!;
        if (d < bestD) { bestD = d; best = nb; }
      }
      if (best < 0) break;
      blocks[best].community = groups.length;
      g.push(best);
      area += netArea(blocks[best]);
    }
    groups.push(g);
  }
  // Merge groups too small to be a community into the smallest compatible neighbour.
  const hhOf = (g: number[]): number => (g.reduce((s, i) => s + netArea(blocks[i]), 0) / 1e6) * DENSITY[blocks[g[0]].zone];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (!g.length || hhOf(g) >= TARGET[blocks[g[0]].zone][0] * 0.55) continue;
    let best = -1, bestHh = Infinity;
    for (const i of g) for (const nb of neigh[i]) {
      const o = blocks[nb].community;
      if (o < 0 || o === gi || !compatible(blocks[i], blocks[nb])) continue;
      const h = hhOf(groups[o]);
      if (h < bestHh) { bestHh = h; best = o; }
    }
    if (best < 0) continue;
    for (const i of g) blocks[i].community = best;
    groups[best].push(...g);
    groups[gi] = [];
  }
  let live = groups.filter((g) => g.length);
  live.forEach((g, ci) => g.forEach((i) => (blocks[i].community = ci)));

  // A few communities with two parts: take over a block of a neighbour's neighbour.
  let twoParts = 0;
  for (const ci of rng.shuffle(live.map((_, i) => i))) {
    if (twoParts >= 3) break;
    const g = live[ci];
    if (blocks[g[0]].zone === 'rural' || blocks[g[0]].zone === 'old') continue;
    const mine = new Set(g);
    const touching = new Set(g.flatMap((i) => neigh[i]));
    for (const nb of touching) {
      if (mine.has(nb)) continue;
      const far = neigh[nb].find((x) => !mine.has(x) && !touching.has(x) && compatible(blocks[g[0]], blocks[x]) && blocks[x].community !== blocks[nb].community);
      if (far === undefined) continue;
      const other = blocks[far].community;
      const rest = live[other].filter((x) => x !== far);
      if (rest.length < 1 || !connected(rest, neigh) || !allAdjacentVia(blocks, far, sub, g)) continue;
      live[other] = rest;
      g.push(far);
      blocks[far].community = ci;
      twoParts++;
      break;
    }
  }
  live = live.filter((g) => g.length);
  topUpGreen(land, live, rng.fork('green'));
  beforeOutline?.();

  const namer = createCommunityNamer(rng.fork('names'));
  const plans = live.map((g) => {
    const b0 = blocks[g[0]];
    const polygons = outline(sub, g.map((i) => blocks[i]));
    const area = g.reduce((s, i) => s + netArea(blocks[i]), 0);
    const outer = polygons.reduce((m, p) => (signedArea(p[0]) > signedArea(m[0]) ? p : m), polygons[0]);
    const centre = centroid(outer[0]);
    const hh = Math.round((area / 1e6) * DENSITY[b0.zone] * rng.range(0.9, 1.1));
    return {
      index: 0, id: '', name: '', zone: b0.zone, side: b0.side,
      setting: b0.zone === 'rural' ? 'rural' : 'urban',
      street: streetOf(b0.zone, centre[0], centre[1]),
      resettlement: false,
      blocks: g,
      households: Math.max(HOUSEHOLDS_RANGE[0], Math.min(HOUSEHOLDS_RANGE[1], hh)),
      polygons, area, centre,
    } as CommunityPlan;
  });
  plans.sort((a, b) => STREET_ORDER.indexOf(a.street) - STREET_ORDER.indexOf(b.street) || b.centre[1] - a.centre[1] || a.centre[0] - b.centre[0]);
  plans.forEach((p, i) => {
    p.index = i;
    p.id = `SQ${String(i + 1).padStart(3, '0')}`;
    p.name = namer(p.zone);
    for (const bi of p.blocks) blocks[bi].community = i;
  });
  // Two relocation-resettlement estates (易地扶贫搬迁安置区) on the new district's rural edge.
  const edge = plans.filter((p) => p.zone === 'new').sort((a, b) => a.centre[0] - b.centre[0]).slice(0, 2);
  const resettleNames = ['幸福家园社区', '康居新村社区'];
  edge.forEach((p, i) => {
    p.resettlement = true;
    p.name = resettleNames[i];
  });
  return plans;
}

const sub2 = (a: XY, b: XY): [number, number] => [a[0] - b[0], a[1] - b[1]];

function connected(g: number[], neigh: number[][]): boolean {
  const set = new Set(g), seen = new Set([g[0]]), stack = [g[0]];
  while (stack.length) for (const nb of neigh[stack.pop()!]) if (set.has(nb) && !seen.has(nb)) { seen.add(nb); stack.push(nb); }
  return seen.size === set.size;
}

/** The block shares no vertex with the group (so the group really gets a second part). */
function allAdjacentVia(blocks: Block[], far: number, _sub: Subdivision<FaceAttrs>, g: number[]): boolean {
  const vs = new Set(g.flatMap((i) => blocks[i].face.ring));
  return !blocks[far].face.ring.some((v) => vs.has(v));
}

/**
 * Outline of a group of faces: directed edges whose reverse is not in the group, chained into
 * rings (at a vertex with two ways out, the first clockwise from the way back keeps rings
 * simple). Counter-clockwise rings are outers, clockwise ones holes; block insets become holes.
 */
export function outline(sub: Subdivision<FaceAttrs>, group: Block[]): XY[][][] {
  const directed = new Set<string>();
  for (const b of group) {
    const r = b.face.ring;
    for (let i = 0; i < r.length; i++) directed.add(`${r[i]}>${r[(i + 1) % r.length]}`);
  }
  const out = new Map<number, number[]>();
  for (const e of directed) {
    const [a, b] = e.split('>').map(Number);
    if (directed.has(`${b}>${a}`)) continue;
    (out.get(a) ?? out.set(a, []).get(a)!).push(b);
  }
  const rings: number[][] = [];
  const starts = [...out.keys()].sort((x, y) => x - y);
  for (const s of starts) {
    while (out.get(s)?.length) {
      const ring = [s];
      let prev = s, cur = out.get(s)!.shift()!;
      for (let guard = 0; cur !== s && guard < 1e6; guard++) {
        ring.push(cur);
        const nexts = out.get(cur)!;
        let k = 0;
        if (nexts.length > 1) {
          const back = Math.atan2(sub.ys[prev] - sub.ys[cur], sub.xs[prev] - sub.xs[cur]);
          let bestTurn = Infinity;
          nexts.forEach((n, j) => {
            let turn = back - Math.atan2(sub.ys[n] - sub.ys[cur], sub.xs[n] - sub.xs[cur]);
            while (turn <= 0) turn += 2 * Math.PI;
            if (turn < bestTurn) { bestTurn = turn; k = j; }
          });
        }
        prev = cur;
        cur = nexts.splice(k, 1)[0];
      }
      rings.push(ring);
    }
  }
  const xyRings = rings.map((r) => r.map((v) => sub.xy(v)));
  const outers = xyRings.filter((r) => signedArea(r) > 0).map((r) => [r]);
  const holes = xyRings.filter((r) => signedArea(r) < 0).concat(group.flatMap((b) => b.insets.map((i) => i.ring)));
  for (const h of holes) {
    const host = outers.find((o) => pointInRing(h[0], o[0]) || pointInRing(centroid(h), o[0])) ?? outers[0];
    host.push(h);
  }
  return outers;
}
