// Walking reach of demand points, with the audit's definition (network/serviceArea.ts,
// docs/network-areas.md): a point p is within walking distance d of a source when some network
// point q with |pq| ≤ M (the maximum lateral offset) has dist(q) + |pq| ≤ d; a source joins the
// network at the nearest point of the nearest edge (its straight connector is walkable), and a
// source beyond the connector limit reaches only the disk of radius min(M, d) around itself.
// Along one straight piece where the distance grows one metre per metre walked, the minimum of
// dist(q) + |pq| over the part of the piece within M of p lies at the piece's first point inside
// that disk (the derivative 1 − cos θ is never negative), so each piece is one closed formula.
import KDBush from 'kdbush';
import type { AuditContext } from '../../engine/audit';
import { abortError } from '../../engine/audit';
import type { FacilityCategory } from '../../engine/types';
import type { XY } from '../../engine/reach/reachProvider';
import type { RoadGraph } from '../../engine/network/graph';
import { networkDistances, type NetworkDistances } from '../../engine/network/distances';
import { DEFAULT_MAX_CONNECTOR_M, joinPoint, type NetworkJoin } from '../../engine/network/join';
import { DEFAULT_MAX_OFFSET_M } from '../../engine/network/serviceArea';
import type { Candidate } from './candidates';
import type { DemandPoints } from './demand';
import type { ReachLists } from './coverage';

export interface WalkingOptions {
  /** Maximum lateral offset M from the network (metres); the audit's default 100. */
  maxOffset_m?: number;
  /** Longest connector from a site to the network (metres); the audit's default 300. */
  maxConnector_m?: number;
}

/**
 * Least f0 + t + |p − q(t)| over t ∈ [0, len] with |p − q(t)| ≤ M, on a straight piece starting at
 * distance f0 whose points are q(t) (t metres along it); p projects to `tf` along the piece's line
 * at perpendicular distance h. Infinity when no point of the piece is within M of p.
 */
export function pieceWalk(f0: number, len: number, tf: number, h: number, M: number): number {
  if (!(f0 < Infinity) || h > M) return Infinity;
  const w = Math.sqrt(M * M - h * h);
  const lo = Math.max(0, tf - w);
  if (lo > Math.min(len, tf + w)) return Infinity;
  const dt = tf - lo;
  return f0 + lo + Math.sqrt(h * h + dt * dt);
}

/** Foot position along a→b (from a, unclamped) and perpendicular distance of p. */
function foot(px: number, py: number, ax: number, ay: number, bx: number, by: number): { t: number; h: number; len: number } {
  const dx = bx - ax, dy = by - ay;
  const len = Math.hypot(dx, dy);
  if (len === 0) return { t: 0, h: Math.hypot(px - ax, py - ay), len: 0 };
  const t = ((px - ax) * dx + (py - ay) * dy) / len;
  const h = Math.abs((px - ax) * dy - (py - ay) * dx) / len;
  return { t, h, len };
}

/** Walking distance to p through edge e, given the node distances and the seeds on e. */
function edgeWalk(g: RoadGraph, nd: NetworkDistances, e: number, s: number, h: number, M: number): number {
  const L = g.edgeLength[e];
  let v = Math.min(pieceWalk(nd.dist[g.edgeFrom[e]], L, s, h, M), pieceWalk(nd.dist[g.edgeTo[e]], L, L - s, h, M));
  const seeds = nd.edgeSeeds.get(e);
  if (seeds) for (const sd of seeds) v = Math.min(v, pieceWalk(sd.cost, L - sd.s, s - sd.s, h, M), pieceWalk(sd.cost, sd.s, sd.s - s, h, M));
  return v;
}

interface JoinedSite { xy: XY; join: NetworkJoin | null }

/** Walking distance to p along the site's own connector (site → join point), or to the site itself when off network. */
function connectorWalk(site: JoinedSite, px: number, py: number, M: number): number {
  const [x, y] = site.xy;
  if (!site.join) return pieceWalk(0, 0, 0, Math.hypot(px - x, py - y), M);
  const f = foot(px, py, x, y, site.join.at[0], site.join.at[1]);
  return pieceWalk(0, f.len, f.t, f.h, M);
}

export function walkingReachOf(ctx: AuditContext, demand: DemandPoints, candidates: Candidate[], category: FacilityCategory, d: number, options: WalkingOptions = {}): ReachLists {
  const g = (ctx.reach as { graph?: RoadGraph }).graph;
  if (!g) throw new Error('walking-mode proposals need the audit\'s walking-network reach (its road graph)');
  const M = options.maxOffset_m ?? DEFAULT_MAX_OFFSET_M;
  const maxConnector = options.maxConnector_m ?? DEFAULT_MAX_CONNECTOR_M;
  const R = Math.min(M, d);
  const n = demand.x.length;

  // Edges within R of each demand point (point-major CSR): edge, foot along it, perpendicular.
  const pStart = new Int32Array(n + 1);
  const pEdge: number[] = [], pS: number[] = [], pH: number[] = [];
  for (let p = 0; p < n; p++) {
    const px = demand.x[p], py = demand.y[p];
    for (const e of g.edgeIndex.search(px - R, py - R, px + R, py + R)) {
      const a = g.edgeFrom[e], b = g.edgeTo[e];
      const f = foot(px, py, g.nodeX[a], g.nodeY[a], g.nodeX[b], g.nodeY[b]);
      const along = f.t < 0 ? -f.t : f.t > f.len ? f.t - f.len : 0;
      if (Math.hypot(along, f.h) > R) continue;
      pEdge.push(e); pS.push(f.t); pH.push(f.h);
    }
    pStart[p + 1] = pEdge.length;
  }
  const demandIndex = new KDBush(Math.max(1, n));
  for (let p = 0; p < n; p++) demandIndex.add(demand.x[p], demand.y[p]);
  if (!n) demandIndex.add(Infinity, Infinity);
  demandIndex.finish();
  const near = (site: JoinedSite): number[] => {
    if (!n) return [];
    const [x, y] = site.xy;
    const [jx, jy] = site.join ? site.join.at : site.xy;
    return demandIndex.range(Math.min(x, jx) - R, Math.min(y, jy) - R, Math.max(x, jx) + R, Math.max(y, jy) + R);
  };

  // Existing facilities of the category: one multi-source run.
  const existing: JoinedSite[] = [];
  for (const f of ctx.facilities) {
    if (f.category !== category || !Number.isFinite(f.xy[0]) || !Number.isFinite(f.xy[1])) continue;
    existing.push({ xy: f.xy, join: joinPoint(g, f.xy, maxConnector) });
  }
  const coveredBefore = new Uint8Array(n);
  if (existing.length) {
    const nd = networkDistances(g, { nodes: [], edges: existing.filter((s) => s.join).map((s) => ({ edge: s.join!.edge, s: s.join!.s, cost: s.join!.connector })) }, d);
    for (let p = 0; p < n; p++) {
      for (let i = pStart[p]; i < pStart[p + 1]; i++) {
        if (edgeWalk(g, nd, pEdge[i], pS[i], pH[i], M) <= d) { coveredBefore[p] = 1; break; }
      }
    }
    for (const s of existing) for (const p of near(s)) if (!coveredBefore[p] && connectorWalk(s, demand.x[p], demand.y[p], M) <= d) coveredBefore[p] = 1;
  }

  return {
    coveredBefore,
    lists(opts, keep) {
      // Edge-major CSR of the points still to reach.
      const eCount = new Int32Array(g.edgeCount + 1);
      for (let p = 0; p < n; p++) if (keep[p]) for (let i = pStart[p]; i < pStart[p + 1]; i++) eCount[pEdge[i] + 1]++;
      for (let e = 0; e < g.edgeCount; e++) eCount[e + 1] += eCount[e];
      const eStart = eCount.slice();
      const fill = eCount.slice(0, g.edgeCount);
      const ePoint = new Int32Array(eStart[g.edgeCount]), eS = new Float64Array(ePoint.length), eH = new Float64Array(ePoint.length);
      for (let p = 0; p < n; p++) {
        if (!keep[p]) continue;
        for (let i = pStart[p]; i < pStart[p + 1]; i++) {
          const k = fill[pEdge[i]]++;
          ePoint[k] = p; eS[k] = pS[i]; eH[k] = pH[i];
        }
      }
      const edgeStamp = new Int32Array(g.edgeCount);
      const pointStamp = new Int32Array(n);
      return candidates.map((c, k) => {
        if (opts.signal?.aborted) throw abortError();
        if (k % 64 === 0) opts.onProgress?.(k, candidates.length);
        const stamp = k + 1;
        const out: number[] = [];
        const site: JoinedSite = { xy: c.xy, join: joinPoint(g, c.xy, maxConnector) };
        const reach = (p: number) => { if (pointStamp[p] !== stamp) { pointStamp[p] = stamp; out.push(p); } };
        if (site.join) {
          const nd = networkDistances(g, { nodes: [], edges: [{ edge: site.join.edge, s: site.join.s, cost: site.join.connector }] }, d);
          const visit = (e: number) => {
            if (edgeStamp[e] === stamp) return;
            edgeStamp[e] = stamp;
            for (let i = eStart[e]; i < eStart[e + 1]; i++) {
              const p = ePoint[i];
              if (pointStamp[p] !== stamp && edgeWalk(g, nd, e, eS[i], eH[i], M) <= d) reach(p);
            }
          };
          visit(site.join.edge);
          for (const node of nd.settled) for (let a = g.adjStart[node]; a < g.adjStart[node + 1]; a++) visit(g.adjEdge[a]);
        }
        for (const p of near(site)) if (keep[p] && pointStamp[p] !== stamp && connectorWalk(site, demand.x[p], demand.y[p], M) <= d) reach(p);
        return Int32Array.from(out).sort();
      });
    },
  };
}
