// The district's physical layout in local metres (origin = district centre, x east, y north):
// outline, a meandering river with riverside green belts, arterial roads (only some cross the
// river, on bridges), then recursive block subdivision whose grain depends on the zone:
// an irregular old town, a regular superblock new district, a mid-density belt, a rural fringe.
import type { XY } from './geometry';
import { offsetPolyline, pointInRing, principalAxis, signedArea } from './geometry';
import type { Rng } from './prng';
import type { Chord, EdgeInfo, Face } from './subdivision';
import { Subdivision } from './subdivision';

export type Side = 'N' | 'S';
export type Role = 'land' | 'water' | 'riverGreen';
export type Zone = 'old' | 'mid' | 'new' | 'rural';

export interface FaceAttrs {
  side: Side | 'W';
  role: Role;
  depth: number;
}

/** District outline (m): an 8 × 6 km pentagon with the north-east corner cut by a hill. */
export const OUTLINE: XY[] = [[-4000, -3000], [4000, -3000], [4000, 2200], [3000, 3000], [-4000, 3000]];

/** River centreline y(x): two meanders, flowing west → east south of the centre. */
export function riverY(x: number): number {
  return -200 + 430 * Math.sin((2 * Math.PI * (x + 4000)) / 7000) + 110 * Math.sin((2 * Math.PI * x) / 1900 + 1);
}
export function riverWidth(x: number): number {
  return 120 + 30 * Math.sin(x / 700);
}
const STRIP = 55; // riverside green belt width (m)

/** Zone of a point (m) on a side of the river. Boundaries wobble so they don't read as lines. */
export function zoneAt([x, y]: XY, side: Side): Zone {
  if (x < -2250 + 250 * Math.sin(y / 650) || (y > 2250 + 120 * Math.sin(x / 500) && x < -700)) return 'rural';
  if (side === 'S') return 'new';
  const dx = (x + 250) / 1550, dy = (y - 1050) / 1050;
  if (dx * dx + dy * dy < 1 + 0.12 * Math.sin(3 * Math.atan2(dy, dx))) return 'old';
  return 'mid';
}

interface RoadSpec {
  name: string;
  kind: 'main' | 'street';
  sides: Side[];
  line: XY[];
}

const sample = (from: number, to: number, step: number, f: (t: number) => XY): XY[] => {
  const n = Math.max(1, Math.round(Math.abs(to - from) / step));
  return Array.from({ length: n + 1 }, (_, i) => f(from + ((to - from) * i) / n));
};
const ns = (x: (y: number) => number, y0 = -3100, y1 = 3100): XY[] => sample(y0, y1, 100, (y) => [x(y), y]);
const ew = (y: (x: number) => number, x0 = -4100, x1 = 4100): XY[] => sample(x0, x1, 100, (x) => [x, y(x)]);

/** Arterials (main) and country roads; `sides` with both = crosses the river on a bridge. */
function roadSpecs(): RoadSpec[] {
  return [
    { name: '西环路', kind: 'main', sides: ['N', 'S'], line: ns((y) => -1700 + 110 * Math.sin(y / 900)) },
    { name: '人民路', kind: 'main', sides: ['N', 'S'], line: ns((y) => -300 + 160 * Math.sin(y / 800)) },
    { name: '建设路', kind: 'main', sides: ['N', 'S'], line: ns((y) => 1300 + 50 * Math.sin(y / 1500)) },
    { name: '江南大道', kind: 'main', sides: ['N', 'S'], line: ns((y) => 2900 + 20 * Math.sin(y / 2000)) },
    { name: '解放路', kind: 'main', sides: ['N'], line: ew((x) => 980 + 120 * Math.sin((x + 1500) / 700)) },
    { name: '北环路', kind: 'main', sides: ['N'], line: ew((x) => 2000 + 90 * Math.sin(x / 1100)) },
    { name: '文昌路', kind: 'main', sides: ['N'], line: ns((y) => 650 + 90 * Math.sin(y / 600), -1200, 3100) },
    { name: '东环路', kind: 'main', sides: ['N'], line: ns((y) => 3650 + 60 * Math.sin(y / 900), -1200, 3100) },
    { name: '长江路', kind: 'main', sides: ['S'], line: ew((x) => -1350 + 30 * Math.sin(x / 2000)) },
    { name: '黄河路', kind: 'main', sides: ['S'], line: ew(() => -2300) },
    { name: '创新大道', kind: 'main', sides: ['S'], line: ns(() => -500, -3100, 1200) },
    { name: '科技路', kind: 'main', sides: ['S'], line: ns(() => 420, -3100, 1200) },
    { name: '学府路', kind: 'main', sides: ['S'], line: ns(() => 2120, -3100, 1200) },
    { name: '东环南路', kind: 'main', sides: ['S'], line: ns(() => 3680, -3100, 1200) },
    { name: '北张公路', kind: 'street', sides: ['N'], line: ns((y) => -3050 + 220 * Math.sin(y / 700), -1200, 3100) },
    { name: '南王公路', kind: 'street', sides: ['S'], line: ns((y) => -2950 + 180 * Math.sin(y / 600 + 2), -3100, 1200) },
  ];
}

export interface Layout {
  sub: Subdivision<FaceAttrs>;
  water: Face<FaceAttrs>;
  /** Bridge lines as vertex-id chains (ends on both banks) plus interior points. */
  bridges: { name: string; ends: [number, number]; inner: XY[] }[];
}

const BRIDGE_NAMES: Record<string, string> = { 西环路: '西津桥', 人民路: '通济桥', 建设路: '建设大桥', 江南大道: '江南大桥' };

export function buildLayout(rng: Rng): Layout {
  const sub = new Subdivision<FaceAttrs>();
  const ids = OUTLINE.map((p) => sub.addVertex(p));
  const district = sub.addFace(ids, { side: 'N', role: 'land', depth: 0 }, { kind: 'main', name: '环城路' });

  // River banks, then riverside green belts; lines run past the outline at both ends.
  const centre = ew(riverY, -4200, 4200).map(([x]) => [x, riverY(x)] as XY);
  const north = offsetPolyline(centre, (i) => riverWidth(centre[i][0]) / 2);
  const south = offsetPolyline(centre, (i) => -riverWidth(centre[i][0]) / 2);
  const bank: EdgeInfo = { kind: 'path', name: '滨河步道' };
  const [n0, s0] = sub.cutFace(district, north, bank, (a) => a).sort(byCentroidY(sub));
  void n0;
  const parts = sub.cutFace(s0, south, bank, (a) => a).sort(byCentroidY(sub));
  const water = parts[0];
  water.attrs = { side: 'W', role: 'water', depth: 0 };
  parts[1].attrs = { side: 'S', role: 'land', depth: 0 };
  // Outline pieces closing the river at the district edge are water, not road.
  for (let i = 0; i < water.ring.length; i++) {
    const a = water.ring[i], b = water.ring[(i + 1) % water.ring.length];
    if (sub.edgeInfo(a, b).kind === 'main') sub.setEdgeInfo(a, b, { kind: null, name: null });
  }
  const riverside: EdgeInfo = { kind: 'street', name: '滨河路' };
  for (const [side, sign] of [['N', 1], ['S', -1]] as const) {
    const line = offsetPolyline(centre, (i) => sign * (riverWidth(centre[i][0]) / 2 + STRIP));
    const mid = offsetPolyline(centre, (i) => sign * (riverWidth(centre[i][0]) / 2 + STRIP / 2)).filter(([x]) => Math.abs(x) < 4000);
    for (const f of sub.aliveFaces().filter((f) => f.attrs.side === side && f.attrs.role === 'land')) {
      for (const g of sub.cutFace(f, line, riverside, (a) => ({ ...a }))) {
        const ring = sub.ringXY(g);
        const isStrip = mid.some((p) => pointInRing(p, ring));
        g.attrs = { side, role: isStrip ? 'riverGreen' : 'land', depth: 0 };
      }
    }
  }

  // Arterials and country roads.
  const bridges: Layout['bridges'] = [];
  for (const road of roadSpecs()) {
    const info: EdgeInfo = { kind: road.kind, name: road.name };
    for (const f of sub.aliveFaces()) {
      if (f.attrs.role === 'water' || !road.sides.includes(f.attrs.side as Side)) continue;
      sub.cutFace(f, road.line, info, (a) => ({ ...a }));
    }
    if (road.sides.length === 2) {
      for (const c of sub.chordsOf(water, road.line)) {
        if (c.ends[0].vertex < 0 || c.ends[1].vertex < 0) throw new Error(`bridge of ${road.name} does not meet the banks at vertices`);
        bridges.push({ name: BRIDGE_NAMES[road.name] ?? `${road.name}桥`, ends: [c.ends[0].vertex, c.ends[1].vertex], inner: c.inner });
      }
    }
  }

  // Blocks: recursive cuts with a zone-dependent grain.
  const queue = sub.aliveFaces().filter((f) => f.attrs.role === 'land');
  while (queue.length) {
    const f = queue.shift()!;
    if (!f.alive) continue;
    const children = subdivideOnce(sub, f, rng);
    if (children) queue.push(...children);
  }
  return { sub, water, bridges };
}

const byCentroidY = (sub: Subdivision<FaceAttrs>) => (a: Face<FaceAttrs>, b: Face<FaceAttrs>): number => sub.centroid(b)[1] - sub.centroid(a)[1];

interface Grain {
  /** Faces larger than this get cut (m², randomised ×0.75–1.3 per face). Small enough that
   * no point of a block is much more than 100 m from a road or path (network-mode offset). */
  maxArea: number;
  /** Cuts of faces larger than this are streets, smaller ones lanes/paths. */
  streetAbove: number;
  /** Cuts of faces between this and streetAbove are lanes; smaller ones paths (compound-internal). */
  laneAbove: number;
  angleJitter: number; // radians
  bend: number; // lateral bend amplitude as a share of the face size
  ratio: [number, number]; // where along the major axis the cut falls
}

export const GRAIN: Record<Zone, Grain> = {
  old: { maxArea: 30_000, streetAbove: 110_000, laneAbove: 0, angleJitter: 0.33, bend: 0.09, ratio: [0.32, 0.68] },
  mid: { maxArea: 38_000, streetAbove: 260_000, laneAbove: 90_000, angleJitter: 0.14, bend: 0.04, ratio: [0.38, 0.62] },
  new: { maxArea: 40_000, streetAbove: 230_000, laneAbove: 100_000, angleJitter: 0, bend: 0, ratio: [0.45, 0.55] },
  rural: { maxArea: 160_000, streetAbove: 1_000_000, laneAbove: 1_000_000, angleJitter: 0.45, bend: 0.12, ratio: [0.3, 0.7] },
};

function subdivideOnce(sub: Subdivision<FaceAttrs>, f: Face<FaceAttrs>, rng: Rng): Face<FaceAttrs>[] | null {
  const ring = sub.ringXY(f);
  const area = signedArea(ring);
  const c = sub.centroid(f);
  const zone = zoneAt(c, f.attrs.side as Side);
  const g = GRAIN[zone];
  const limit = g.maxArea * (0.75 + 0.55 * hash01(f.id));
  if (area < limit || f.attrs.depth > 14) return null;
  const axis = principalAxis(ring);
  let lo = Infinity, hi = -Infinity;
  for (const p of ring) {
    const s = (p[0] - c[0]) * axis[0] + (p[1] - c[1]) * axis[1];
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const size = hi - lo;
  const kind = area > g.streetAbove ? 'street' : area > g.laneAbove ? 'lane' : 'path';
  for (let attempt = 0; attempt < 6; attempt++) {
    const at = lo + size * rng.range(g.ratio[0], g.ratio[1]);
    const ang = rng.range(-g.angleJitter, g.angleJitter);
    // Cut direction: perpendicular to the major axis, turned by the jitter.
    const dir: XY = [-axis[1] * Math.cos(ang) - axis[0] * Math.sin(ang), axis[0] * Math.cos(ang) - axis[1] * Math.sin(ang)];
    const o: XY = [c[0] + axis[0] * at, c[1] + axis[1] * at];
    const reach = size * 2 + 200;
    const steps = g.bend > 0 ? 6 : 1;
    const line: XY[] = [];
    for (let i = 0; i <= steps; i++) {
      const t = -reach + (2 * reach * i) / steps;
      const lateral = i > 0 && i < steps ? rng.range(-1, 1) * g.bend * size : 0;
      line.push([o[0] + dir[0] * t + axis[0] * lateral, o[1] + dir[1] * t + axis[1] * lateral]);
    }
    const chords = sub.chordsOf(f, line);
    if (chords.length !== 1) continue;
    const share = sideArea(sub, f, chords[0]) / area;
    if (share < 0.22 || share > 0.78) continue;
    return sub.cutFace(f, line, { kind, name: null }, (a) => ({ ...a, depth: a.depth + 1 }));
  }
  return null;
}

/** Area of the part of face f on one side of chord (without changing the subdivision). */
function sideArea(sub: Subdivision<FaceAttrs>, f: Face<FaceAttrs>, chord: Chord): number {
  const r = f.ring;
  const n = r.length;
  const pos = (x: Chord['ends'][number]): number => (x.vertex >= 0 ? r.indexOf(x.vertex) : r.indexOf(x.a) + x.u);
  const p0 = pos(chord.ends[0]), p1 = pos(chord.ends[1]);
  const pts: XY[] = [chord.ends[0].p];
  const target = (p1 - p0 + n) % n;
  for (let k = Math.floor(p0) + 1; ; k++) {
    const idx = k % n;
    if ((idx - p0 + n) % n >= target || k > p0 + n) break;
    pts.push(sub.xy(r[idx]));
  }
  pts.push(chord.ends[1].p, ...chord.inner.slice().reverse());
  return Math.abs(signedArea(pts));
}

/** Deterministic pseudo-random number in [0,1) from an integer (stable per face id). */
function hash01(i: number): number {
  let t = (i * 2654435761) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
