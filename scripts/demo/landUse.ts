// Land use of the blocks: which become parks (公园绿地) and other green (街头绿地, pocket green
// cut out of a block as a hole, rural woods), chosen by greedy coverage so that most of the
// district has green within 300 m and a park within 500 m, except in the deliberately
// under-served areas listed in `NO_PARK_AREAS` (dense old town, an older estate).
import type { XY } from './geometry';
import { centroid, distToRing, principalAxis, signedArea } from './geometry';
import type { FaceAttrs, Layout, Side, Zone } from './layout';
import { zoneAt } from './layout';
import type { Rng } from './prng';
import type { Samples } from './samples';
import { createSamples, greedyCover } from './samples';
import { PLAN_RADIUS } from './planning';
import type { Face } from './subdivision';

export interface Inset {
  /** Clockwise ring (a hole of its block), no closing vertex. */
  ring: XY[];
  kind: 'park' | 'green';
  name: string;
}

export interface Block {
  index: number;
  face: Face<FaceAttrs>;
  ring: XY[];
  area: number;
  zone: Zone;
  side: Side;
  use: 'residential' | 'park' | 'green';
  name?: string;
  insets: Inset[];
  /** A dead-end lane runs into this block (no pocket green then). */
  deadEnd?: boolean;
  /** Park/green blocks drawn as one polygon share a group (the seed block's index). */
  group?: number;
  /** Community index, -1 for parks/green. */
  community: number;
  samples: number[];
}

export interface LandUse {
  blocks: Block[];
  samples: Samples;
  /** Lakes (counter-clockwise rings), cut out of their park as holes. */
  lakes: { ring: XY[]; name: string; park: number }[];
  riverBelts: { face: Face<FaceAttrs>; kind: 'park' | 'green'; name: string }[];
  /** Samples within 500 m of a park / 300 m of any green, kept up to date. */
  parkCovered: Uint8Array;
  greenCovered: Uint8Array;
}

/** Areas left without a park within 500 m, so that their communities fail parkCoverage. */
export const NO_PARK_AREAS: { centre: XY; r: number }[] = [
  { centre: [-1050, 1450], r: 520 },
  { centre: [3250, 1350], r: 360 },
];
/** Older estates without green within 300 m (nor a park), so that they fail greenCoverage. */
export const NO_GREEN_AREAS: { centre: XY; r: number }[] = [
  { centre: [2350, 2550], r: 450 },
  { centre: [3250, -2600], r: 420 },
];
const within = (areas: { centre: XY; r: number }[]) => (x: number, y: number): boolean => areas.some(({ centre, r }) => (x - centre[0]) ** 2 + (y - centre[1]) ** 2 < r * r);
const inNoGreen = within(NO_GREEN_AREAS);
const inNoPark = (x: number, y: number): boolean => within(NO_PARK_AREAS)(x, y) || inNoGreen(x, y);

const PARK_NAMES = ['人民公园', '文昌公园', '东湖公园', '体育公园', '樱花园', '植物园', '翠屏公园', '湿地公园', '儿童公园', '紫薇园', '梅园', '竹园', '银杏公园', '市民广场', '荷花公园', '桂花园', '枫林公园', '海棠园', '聚贤公园', '运河公园', '玉兰公园', '春晓公园', '凤凰公园', '清风公园', '明湖公园', '秀水公园', '映月公园', '松涛公园', '百花园', '揽胜公园'];
const GREEN_NAMES = ['街头绿地', '游园', '口袋公园', '绿地广场', '街角花园', '社区游园'];

export function planLandUse(layout: Layout, rng: Rng): LandUse {
  const { sub } = layout;
  const land = sub.aliveFaces().filter((f) => f.attrs.role === 'land');
  const blocks: Block[] = land.map((face, index) => {
    const ring = sub.ringXY(face);
    return { index, face, ring, area: signedArea(ring), zone: zoneAt(centroid(ring), face.attrs.side as Side), side: face.attrs.side as Side, use: 'residential', insets: [], community: -1, samples: [] };
  });
  const samples = createSamples(blocks.map((b) => b.ring), [-4000, -3000, 4000, 3000], rng.fork('samples'));
  for (let k = 0; k < samples.block.length; k++) if (samples.block[k] >= 0) blocks[samples.block[k]].samples.push(k);
  const xy = (k: number): XY => [samples.x[k], samples.y[k]];

  // River belts: the old-town stretch is a riverside park, the rest green.
  const riverBelts = sub.aliveFaces().filter((f) => f.attrs.role === 'riverGreen').map((face) => {
    const [cx] = centroid(sub.ringXY(face));
    const park = cx > -1600 && cx < 1300;
    return { face, kind: park ? ('park' as const) : ('green' as const), name: park ? '滨河公园' : '滨河绿带' };
  });

  // A central park with a lake in the new district: a seed block grown across internal paths
  // to ~15 ha (its paths stay in the network as park paths); the lake sits in the seed block.
  const lakes: LandUse['lakes'] = [];
  const target: XY = [1700, -1850];
  const seed = blocks
    .filter((b) => b.zone === 'new' && b.area > 25_000)
    .sort((a, b) => dist(centroid(a.ring), target) - dist(centroid(b.ring), target))[0];
  const blockOfFace = new Map(blocks.map((b) => [b.face.id, b]));
  const centralPark = [seed];
  seed.use = 'park';
  for (let area = seed.area; area < 150_000;) {
    let next: Block | undefined;
    for (const b of centralPark) {
      const r = b.face.ring;
      for (let i = 0; i < r.length && !next; i++) {
        const kind = sub.edgeInfo(r[i], r[(i + 1) % r.length]).kind;
        if (kind !== 'path' && kind !== 'lane') continue;
        next = sub.facesOfEdge(r[i], r[(i + 1) % r.length]).map((f) => blockOfFace.get(f)).find((n) => n && n.use === 'residential' && n.zone === 'new');
      }
      if (next) break;
    }
    if (!next) break;
    next.use = 'park';
    centralPark.push(next);
    area += next.area;
  }
  for (const b of centralPark) {
    b.name = '中央公园';
    b.group = seed.index;
  }
  {
    const pole = poleOf(seed, samples);
    const d = distToRing(pole, seed.ring);
    const axis = principalAxis(seed.ring);
    const lake: XY[] = [];
    for (let i = 0; i < 24; i++) {
      const a = (2 * Math.PI * i) / 24;
      const rr = 1 + 0.12 * Math.sin(3 * a + 1);
      const u = Math.cos(a) * d * 0.8 * rr, v = Math.sin(a) * d * 0.5 * rr;
      lake.push([pole[0] + axis[0] * u - axis[1] * v, pole[1] + axis[1] * u + axis[0] * v]);
    }
    lakes.push({ ring: lake, name: '明镜湖', park: seed.index });
  }

  // Parks within 500 m: greedy over candidate blocks.
  const isUrban = (k: number): boolean => samples.block[k] >= 0 && blocks[samples.block[k]].zone !== 'rural';
  const parkCovered = new Uint8Array(samples.x.length);
  const markNear = (cov: Uint8Array, ring: XY[], r: number): void => { for (const k of samples.nearRing(ring, r)) cov[k] = 1; };
  for (const b of centralPark) markNear(parkCovered, b.ring, PLAN_RADIUS.park);
  for (const b of riverBelts) if (b.kind === 'park') markNear(parkCovered, sub.ringXY(b.face), PLAN_RADIUS.park);
  const parkCands = blocks.filter((b) => b.zone !== 'rural' && b.area > 12_000 && b.area < 160_000 && !inNoPark(...centroid(b.ring)) && b.use === 'residential');
  const parkTarget = (k: number): boolean => isUrban(k) && blocks[samples.block[k]].use === 'residential' && !inNoPark(samples.x[k], samples.y[k]);
  const picks = greedyCover(parkCands.map((b) => ({ reach: samples.nearRing(b.ring, PLAN_RADIUS.park) })), parkTarget, parkCovered, 0.985, 30, 70);
  const parkNames = rng.fork('parks').shuffle(PARK_NAMES);
  picks.forEach((p, i) => {
    parkCands[p].use = 'park';
    parkCands[p].name = parkNames[i % parkNames.length];
  });

  // Green within 300 m: parks and belts count; add street-corner green (whole small blocks) or
  // pocket green / woods cut out of larger blocks as holes.
  const greenCovered = new Uint8Array(samples.x.length);
  for (const b of blocks) if (b.use === 'park') markNear(greenCovered, b.ring, PLAN_RADIUS.green);
  for (const b of riverBelts) markNear(greenCovered, sub.ringXY(b.face), PLAN_RADIUS.green);
  type Cand = { reach: number[]; block: Block; inset?: XY[] };
  const greenCands: Cand[] = [];
  for (const b of blocks) {
    if (b.use !== 'residential' || inNoGreen(...centroid(b.ring))) continue;
    if (b.area < 24_000 && b.zone !== 'rural') greenCands.push({ reach: samples.nearRing(b.ring, PLAN_RADIUS.green), block: b });
    else if (b.samples.length > 4) {
      const h = b.zone === 'rural' ? 55 : rng.range(22, 34);
      const inset = insetSquare(b, poleOf(b, samples), h);
      if (inset) greenCands.push({ reach: samples.nearRing(inset, PLAN_RADIUS.green), block: b, inset });
    }
  }
  const greenTarget = (k: number): boolean => samples.block[k] >= 0 && blocks[samples.block[k]].use === 'residential' && !inNoGreen(samples.x[k], samples.y[k]);
  const gp = greedyCover(greenCands, greenTarget, greenCovered, 0.985, 20, 200);
  const gnames = rng.fork('green');
  for (const p of gp) {
    const c = greenCands[p];
    if (c.inset) c.block.insets.push({ ring: c.inset, kind: 'green', name: c.block.zone === 'rural' ? '林地' : gnames.pick(GREEN_NAMES) });
    else {
      c.block.use = 'green';
      c.block.name = gnames.pick(GREEN_NAMES);
    }
  }
  void xy;
  return { blocks, samples, lakes, riverBelts, parkCovered, greenCovered };
}

const TOP_UP_GOAL = 0.975;

/**
 * Per-community top-up once communities are known: where a community's own share within 500 m
 * of a park (urban, outside NO_PARK_AREAS) or 300 m of green falls short, cut a small park
 * (游园, ~0.4–1 ha) or pocket green out of one of its blocks, best gain first.
 */
export function topUpGreen(land: LandUse, groups: number[][], rng: Rng): void {
  const { blocks, samples } = land;
  const names = rng.fork('topUp');
  for (const g of groups) {
    const zone = blocks[g[0]].zone;
    const mine = g.flatMap((b) => blocks[b].samples);
    if (!mine.length) continue;
    const mineSet = new Set(mine);
    const inNo = mine.filter((k) => inNoPark(samples.x[k], samples.y[k])).length > mine.length / 3;
    if (mine.filter((k) => inNoGreen(samples.x[k], samples.y[k])).length > mine.length / 3) continue;
    const passes: { kind: 'park' | 'green'; r: number; cov: Uint8Array; h: [number, number] }[] = [];
    if (zone !== 'rural' && !inNo) passes.push({ kind: 'park', r: PLAN_RADIUS.park, cov: land.parkCovered, h: [32, 48] });
    passes.push({ kind: 'green', r: PLAN_RADIUS.green, cov: land.greenCovered, h: zone === 'rural' ? [50, 60] : [22, 34] });
    for (const pass of passes) {
      for (let guard = 0; guard < 4; guard++) {
        const done = mine.filter((k) => pass.cov[k]).length;
        if (done / mine.length >= TOP_UP_GOAL) break;
        let best: { b: Block; ring: XY[]; reach: number[] } | null = null, bestGain = 0;
        for (const bi of g) {
          const b = blocks[bi];
          if (b.insets.length) continue;
          const ring = insetSquare(b, poleOf(b, samples), names.range(pass.h[0], pass.h[1]));
          if (!ring) continue;
          const reach = samples.nearRing(ring, pass.r);
          const gain = reach.filter((k) => !pass.cov[k] && mineSet.has(k)).length;
          if (gain > bestGain) { bestGain = gain; best = { b, ring, reach }; }
        }
        if (!best) break;
        const name = pass.kind === 'park' ? `${names.pick(['社区', '街心', '口袋', '邻里'])}游园` : zone === 'rural' ? '林地' : names.pick(GREEN_NAMES);
        best.b.insets.push({ ring: best.ring, kind: pass.kind, name });
        for (const k of best.reach) pass.cov[k] = 1;
        if (pass.kind === 'park') for (const k of samples.nearRing(best.ring, PLAN_RADIUS.green)) land.greenCovered[k] = 1;
      }
    }
  }
}

const dist = (a: XY, b: XY): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** The block's sample farthest from its boundary (a cheap pole of inaccessibility). */
export function poleOf(b: Block, samples: Samples): XY {
  let best: XY = centroid(b.ring), bestD = -1;
  for (const k of b.samples) {
    const p: XY = [samples.x[k], samples.y[k]];
    const d = distToRing(p, b.ring);
    if (d > bestD) { bestD = d; best = p; }
  }
  return best;
}

/** A square of half-size h at p, turned to the block's axis; clockwise; null if it does not fit. */
function insetSquare(b: Block, p: XY, h: number): XY[] | null {
  if (distToRing(p, b.ring) < h * Math.SQRT2 + 10) return null;
  if (b.insets.length || b.deadEnd) return null;
  const [ax, ay] = principalAxis(b.ring);
  const corners: [number, number][] = [[h, h], [h, -h], [-h, -h], [-h, h]]; // clockwise
  return corners.map(([u, v]) => [p[0] + ax * u - ay * v, p[1] + ay * u + ax * v] as XY);
}
