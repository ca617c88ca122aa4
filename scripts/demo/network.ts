// The walking network: every road-kind edge of the subdivision, chained into lines that break at
// each junction (so lines meet only at shared vertices), plus bridges over the river and a few
// dead-end lanes inside compounds.
import type { XY } from './geometry';
import { centroid, distToRing, segmentIntersection } from './geometry';
import type { FaceAttrs, Layout } from './layout';
import type { Block, LandUse } from './landUse';
import { poleOf } from './landUse';
import type { Rng } from './prng';
import type { Subdivision } from './subdivision';
import { edgeKey } from './subdivision';

export interface RoadPlan {
  id: string;
  kind: string;
  name: string | null;
  /** Metres, local frame. */
  coords: XY[];
}

export interface ExtraLine {
  kind: string;
  name: string | null;
  /** First vertex id (on the subdivision), then free points; last vertex id or -1 for a dead end. */
  start: number;
  inner: XY[];
  end: number;
}

/** Dead-end lanes into large compounds: start at a new vertex mid-edge, stop inside. */
export function addDeadEnds(sub: Subdivision<FaceAttrs>, land: LandUse, rng: Rng, count: number): ExtraLine[] {
  const out: ExtraLine[] = [];
  const cands = rng.shuffle(land.blocks.filter((b) => b.use === 'residential' && (b.zone === 'new' || b.zone === 'mid') && b.area > 28_000));
  for (const b of cands) {
    if (out.length >= count) break;
    const line = deadEndIn(sub, b, land);
    if (line) out.push(line);
  }
  return out;
}

function deadEndIn(sub: Subdivision<FaceAttrs>, b: Block, land: LandUse): ExtraLine | null {
  const r = b.face.ring;
  let bi = -1, bl = 0;
  for (let i = 0; i < r.length; i++) {
    const l = Math.hypot(sub.xs[r[(i + 1) % r.length]] - sub.xs[r[i]], sub.ys[r[(i + 1) % r.length]] - sub.ys[r[i]]);
    if (l > bl) { bl = l; bi = i; }
  }
  const a = r[bi], c = r[(bi + 1) % r.length];
  const kind = sub.edgeInfo(a, c).kind;
  if (bl < 120 || !kind || kind === 'main') return null;
  const mid: XY = [(sub.xs[a] + sub.xs[c]) / 2, (sub.ys[a] + sub.ys[c]) / 2];
  const pole = poleOf(b, land.samples);
  const end: XY = [mid[0] + 0.6 * (pole[0] - mid[0]), mid[1] + 0.6 * (pole[1] - mid[1])];
  const ring = b.ring;
  // The lane must stay inside the block and clear of its holes.
  for (let i = 0; i < ring.length; i++) {
    const hit = segmentIntersection(mid, end, ring[i], ring[(i + 1) % ring.length]);
    if (hit && hit.t > 1e-6) return null;
  }
  if (distToRing(end, ring) < 20) return null;
  for (const ins of b.insets) if (distToRing(end, ins.ring) < 15 || distToRing(mid, ins.ring) < 15) return null;
  const v = sub.splitEdge(a, c, mid);
  b.deadEnd = true;
  return { kind: 'lane', name: '小区内部道路', start: v, inner: [end], end: -1 };
}

/**
 * Entrance paths to pocket green and small parks cut out of blocks: from the nearest point of the
 * block's edge (a new vertex there) to the green's edge, so the green is reachable on foot.
 */
export function addInsetPaths(sub: Subdivision<FaceAttrs>, land: LandUse): ExtraLine[] {
  const out: ExtraLine[] = [];
  for (const b of land.blocks) {
    for (const inset of b.insets) {
      const p = centroid(inset.ring);
      const h = Math.hypot(inset.ring[0][0] - p[0], inset.ring[0][1] - p[1]) / Math.SQRT2;
      const r = b.face.ring;
      let best = { d: Infinity, i: -1, q: p as XY };
      for (let i = 0; i < r.length; i++) {
        const A = sub.xy(r[i]), B = sub.xy(r[(i + 1) % r.length]);
        const dx = B[0] - A[0], dy = B[1] - A[1];
        const t = Math.max(0, Math.min(1, ((p[0] - A[0]) * dx + (p[1] - A[1]) * dy) / (dx * dx + dy * dy)));
        const q: XY = [A[0] + t * dx, A[1] + t * dy];
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d < best.d) best = { d, i, q };
      }
      const a = r[best.i], c = r[(best.i + 1) % r.length];
      const near = [a, c].find((v) => Math.hypot(sub.xs[v] - best.q[0], sub.ys[v] - best.q[1]) < 2);
      const v = near ?? sub.splitEdge(a, c, best.q);
      const reach = h * Math.SQRT2 + 1;
      const end: XY = [p[0] + ((best.q[0] - p[0]) / best.d) * reach, p[1] + ((best.q[1] - p[1]) / best.d) * reach];
      if (best.d <= reach + 2) continue;
      out.push({ kind: 'path', name: `${inset.name}入口`, start: v, inner: [end], end: -1 });
    }
  }
  return out;
}

export function buildNetwork(sub: Subdivision<FaceAttrs>, layout: Layout, extras: ExtraLine[]): RoadPlan[] {
  const extraLines: ExtraLine[] = [
    ...layout.bridges.map((b) => ({ kind: 'bridge', name: b.name, start: b.ends[0], inner: b.inner, end: b.ends[1] })),
    ...extras,
  ];
  const inc = new Map<number, string[]>();
  const roadEdges: string[] = [];
  for (const [k, info] of sub.edges) {
    if (!info.kind) continue;
    roadEdges.push(k);
    for (const v of k.split(',').map(Number)) (inc.get(v) ?? inc.set(v, []).get(v)!).push(k);
  }
  const extraDeg = new Map<number, number>();
  for (const e of extraLines) for (const v of [e.start, e.end]) if (v >= 0) extraDeg.set(v, (extraDeg.get(v) ?? 0) + 1);
  const degree = (v: number): number => (inc.get(v)?.length ?? 0) + (extraDeg.get(v) ?? 0);
  const same = (k1: string, k2: string): boolean => {
    const a = sub.edges.get(k1)!, b = sub.edges.get(k2)!;
    return a.kind === b.kind && a.name === b.name;
  };
  const seen = new Set<string>();
  const lines: RoadPlan[] = [];
  for (const k of roadEdges) {
    if (seen.has(k)) continue;
    seen.add(k);
    const [a, b] = k.split(',').map(Number);
    const chain = [a, b];
    // Extend forward from b, then backward from a, through plain degree-2 vertices.
    for (const dir of [1, -1] as const) {
      for (;;) {
        const end = dir === 1 ? chain[chain.length - 1] : chain[0];
        const prevKey = dir === 1 ? edgeKey(chain[chain.length - 2], end) : edgeKey(chain[1], end);
        if (degree(end) !== 2) break;
        const next = inc.get(end)!.find((e) => e !== prevKey);
        if (!next || seen.has(next) || !same(k, next)) break;
        seen.add(next);
        const [p, q] = next.split(',').map(Number);
        const other = p === end ? q : p;
        if (dir === 1) chain.push(other);
        else chain.unshift(other);
        if (other === (dir === 1 ? chain[0] : chain[chain.length - 1])) break; // closed loop
      }
    }
    const info = sub.edges.get(k)!;
    lines.push({ id: '', kind: info.kind!, name: info.name, coords: chain.map((v) => sub.xy(v)) });
  }
  for (const e of extraLines) {
    const coords: XY[] = [sub.xy(e.start), ...e.inner];
    if (e.end >= 0) coords.push(sub.xy(e.end));
    lines.push({ id: '', kind: e.kind, name: e.name, coords });
  }
  lines.forEach((l, i) => (l.id = `R${String(i + 1).padStart(4, '0')}`));
  return lines;
}
