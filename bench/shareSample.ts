// Independent check of walking shares on the demo district: a fine grid of points inside the
// community, each point's walking distance from the nearest facility of the category computed
// here, without the engine's distance, area or share code. Only the road graph (nodes and
// edges: buildRoadGraph) and the projection are shared with the engine.
//   walking distance W(p) = min over network and connector points q with |pq| ≤ M (100 m) of
//   f(q) + |pq|, f the network distance (docs/network-areas.md §3–4), here by a plain Dijkstra
//   over the nodes from each facility's join (nearest point of the nearest edge within 300 m, the
//   connector counted), with the network and connectors sampled every 0.5 m.
// Prints the share of the community's area within d and, when the community has residential land,
// the households-weighted share over it (each feature's households spread over its area).
// Run: `npx tsx bench/shareSample.ts SQ124:supermarket:500 [SQ129:green_or_park:...]` (grid step
// with SAMPLE_STEP_M, default 5).
import { generateDemo } from '../scripts/demo/generate';
import { buildRoadGraph } from '../src/engine/network/graph';
import { centerOf, createLocalProjection } from '../src/engine/geo/localProjection';
import type { XY } from '../src/engine/reach/reachProvider';

const M = 100;
const MAX_CONNECTOR = 300;
const ROAD_STEP = 0.5;

type Rings = XY[][];

/** Even-odd point in polygon over every ring of every polygon (holes subtract). */
function inside(p: XY, polys: Rings[]): boolean {
  let c = false;
  for (const rings of polys)
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i];
        const [xj, yj] = r[j];
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
      }
  return c;
}
/** Straight distance from p to a polygon set (0 inside). */
function distanceTo(p: XY, polys: Rings[]): number {
  if (inside(p, polys)) return 0;
  let best = Infinity;
  for (const rings of polys)
    for (const r of rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [ax, ay] = r[j];
        const [bx, by] = r[i];
        const L2 = (bx - ax) ** 2 + (by - ay) ** 2;
        const t = L2 > 0 ? Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / L2)) : 0;
        best = Math.min(best, Math.hypot(p[0] - ax - t * (bx - ax), p[1] - ay - t * (by - ay)));
      }
  return best;
}
const ringArea = (r: XY[]) => Math.abs(r.reduce((s, p, i) => s + p[0] * r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * p[1], 0)) / 2;

function main(): void {
  const demo = generateDemo();
  const ds = demo.dataset;
  const proj = createLocalProjection(centerOf(ds.communities.flatMap((c) => c.geometry.flat(2))));
  const toM = (mp: [number, number][][][]): Rings[] => mp.map((poly) => poly.map((ring) => ring.map((p) => proj.forward(p))));
  const g = buildRoadGraph(ds.roads!, proj);
  const step = Number(process.env.SAMPLE_STEP_M ?? 5);
  for (const arg of process.argv.slice(2)) {
    const [cid, cat, dStr] = arg.split(':');
    const d = Number(dStr);
    const community = ds.communities.find((c) => c.id === cid)!;
    const cpoly = toM(community.geometry as [number, number][][][]);
    // 'green' is every green space, 'park' the parks (polygon sources); otherwise a facility category.
    const polygonal = cat === 'green' || cat === 'park';
    const facs = polygonal ? [] : ds.facilities.filter((f) => f.category === cat).map((f) => proj.forward(f.position));
    const greens = polygonal ? ds.green.filter((gs) => cat === 'green' || gs.kind === 'park').map((gs) => toM(gs.geometry as [number, number][][][])) : [];
    const dist = new Float64Array(g.nodeCount).fill(Infinity);
    // A polygon starts the network at every node within 50 m of it (its distance the cost), else at
    // its nearest node within 300 m (docs/network-areas.md §2).
    for (const poly of greens) {
      const cost = Array.from({ length: g.nodeCount }, (_, n) => distanceTo([g.nodeX[n], g.nodeY[n]], poly));
      const near = cost.map((c, n) => [c, n]).filter(([c]) => c <= 50);
      if (!near.length) {
        const m = Math.min(...cost);
        if (m <= MAX_CONNECTOR) near.push([m, cost.indexOf(m)]);
      }
      for (const [c, n] of near) dist[n] = Math.min(dist[n], c);
    }
    // Facility joins.
    const joins: { e: number; s: number; conn: number; f: XY; q: XY }[] = [];
    for (const f of facs) {
      let best = { e: -1, s: 0, conn: Infinity, q: [0, 0] as XY };
      for (let e = 0; e < g.edgeCount; e++) {
        const a = g.edgeFrom[e], b = g.edgeTo[e];
        const ax = g.nodeX[a], ay = g.nodeY[a], bx = g.nodeX[b], by = g.nodeY[b];
        const L = g.edgeLength[e];
        const t = L > 0 ? Math.max(0, Math.min(1, ((f[0] - ax) * (bx - ax) + (f[1] - ay) * (by - ay)) / (L * L))) : 0;
        const q: XY = [ax + t * (bx - ax), ay + t * (by - ay)];
        const c = Math.hypot(f[0] - q[0], f[1] - q[1]);
        if (c < best.conn) best = { e, s: t * L, conn: c, q };
      }
      if (best.conn > MAX_CONNECTOR) {
        joins.push({ e: -1, s: 0, conn: 0, f, q: f });
        continue;
      }
      joins.push({ ...best, f });
      const e = best.e;
      dist[g.edgeFrom[e]] = Math.min(dist[g.edgeFrom[e]], best.conn + best.s);
      dist[g.edgeTo[e]] = Math.min(dist[g.edgeTo[e]], best.conn + g.edgeLength[e] - best.s);
    }
    // Plain Dijkstra (linear scan over a frontier list: the demo graph is small).
    const done = new Uint8Array(g.nodeCount);
    const frontier = new Set<number>();
    for (let n = 0; n < g.nodeCount; n++) if (dist[n] < Infinity) frontier.add(n);
    while (frontier.size) {
      let u = -1;
      for (const n of frontier) if (u < 0 || dist[n] < dist[u]) u = n;
      frontier.delete(u);
      done[u] = 1;
      if (dist[u] > d) break;
      for (let k = g.adjStart[u]; k < g.adjStart[u + 1]; k++) {
        const e = g.adjEdge[k];
        const v = g.edgeFrom[e] === u ? g.edgeTo[e] : g.edgeFrom[e];
        if (done[v]) continue;
        const nd = dist[u] + g.edgeLength[e];
        if (nd < dist[v]) {
          dist[v] = nd;
          frontier.add(v);
        }
      }
    }
    // Reached network and connector points with their f, bucketed on a 100 m grid.
    const buckets = new Map<string, number[]>();
    const put = (x: number, y: number, f: number) => {
      const k = `${Math.floor(x / M)},${Math.floor(y / M)}`;
      let b = buckets.get(k);
      if (!b) buckets.set(k, (b = []));
      b.push(x, y, f);
    };
    const onEdge = new Map<number, typeof joins>();
    for (const j of joins) {
      if (j.e >= 0) onEdge.set(j.e, [...(onEdge.get(j.e) ?? []), j]);
      const n = Math.max(1, Math.ceil(j.conn / ROAD_STEP));
      for (let i = 0; i <= n; i++) put(j.f[0] + ((j.q[0] - j.f[0]) * i) / n, j.f[1] + ((j.q[1] - j.f[1]) * i) / n, (j.conn * i) / n);
    }
    for (let e = 0; e < g.edgeCount; e++) {
      const a = g.edgeFrom[e], b = g.edgeTo[e];
      const L = g.edgeLength[e];
      const js = onEdge.get(e) ?? [];
      if (Math.min(dist[a], dist[b]) > d && !js.length) continue;
      const n = Math.max(1, Math.ceil(L / ROAD_STEP));
      for (let i = 0; i <= n; i++) {
        const s = (L * i) / n;
        let f = Math.min(dist[a] + s, dist[b] + L - s);
        for (const j of js) f = Math.min(f, j.conn + Math.abs(s - j.s));
        if (f <= d) put(g.nodeX[a] + ((g.nodeX[b] - g.nodeX[a]) * i) / n, g.nodeY[a] + ((g.nodeY[b] - g.nodeY[a]) * i) / n, f);
      }
    }
    const cb = cpoly.flat(2);
    const [x0, y0, x1, y1] = [Math.min(...cb.map((q) => q[0])), Math.min(...cb.map((q) => q[1])), Math.max(...cb.map((q) => q[0])), Math.max(...cb.map((q) => q[1]))];
    const nearGreens = greens.filter((poly) => {
      const q = poly.flat(2);
      return Math.min(...q.map((v) => v[0])) <= x1 + M && Math.max(...q.map((v) => v[0])) >= x0 - M && Math.min(...q.map((v) => v[1])) <= y1 + M && Math.max(...q.map((v) => v[1])) >= y0 - M;
    });
    const W = (p: XY): number => {
      let w = Infinity;
      // Straight from a polygon source, up to min(M, d).
      for (const poly of nearGreens) {
        const r = distanceTo(p, poly);
        if (r <= Math.min(M, d)) w = Math.min(w, r);
      }
      const cx = Math.floor(p[0] / M), cy = Math.floor(p[1] / M);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          const b = buckets.get(`${cx + dx},${cy + dy}`);
          if (!b) continue;
          for (let i = 0; i < b.length; i += 3) {
            const r = Math.hypot(p[0] - b[i], p[1] - b[i + 1]);
            if (r <= M) w = Math.min(w, b[i + 2] + r);
          }
        }
      return w;
    };
    // Grid over the community (cell centres).
    const all = cpoly.flat(2);
    const xs = all.map((p) => p[0]), ys = all.map((p) => p[1]);
    const res = (ds.residential ?? []).map((r) => {
      const polys = toM(r.geometry as [number, number][][][]);
      const area = polys.reduce((s, rings) => s + ringArea(rings[0]) - rings.slice(1).reduce((t, h) => t + ringArea(h), 0), 0);
      return { polys, w: typeof r.households === 'number' ? r.households / area : NaN };
    });
    let n = 0, hit = 0, wAll = 0, wHit = 0, resPoints = 0;
    for (let x = Math.min(...xs) + step / 2; x < Math.max(...xs); x += step)
      for (let y = Math.min(...ys) + step / 2; y < Math.max(...ys); y += step) {
        const p: XY = [x, y];
        if (!inside(p, cpoly)) continue;
        const ok = W(p) <= d;
        n++;
        if (ok) hit++;
        for (const r of res)
          if (inside(p, r.polys)) {
            resPoints++;
            wAll += r.w;
            if (ok) wHit += r.w;
          }
      }
    console.log(
      `${cid} ${cat} d=${d}: ${polygonal ? `${greens.length} polygons` : `${facs.length} facilities`}, ${joins.filter((j) => j.e < 0).length} off network; ${n} points at ${step} m: ` +
        `area share ${(hit / n).toFixed(4)}; residential points ${resPoints}, households share ${resPoints ? (wHit / wAll).toFixed(4) : '-'}`,
    );
  }
}

main();
