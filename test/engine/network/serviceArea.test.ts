import { describe, expect, it } from 'vitest';
import { buildGraph, type RoadGraph } from '../../../src/engine/network/graph';
import { networkDistances } from '../../../src/engine/network/distances';
import { joinPoints, pointOrigins } from '../../../src/engine/network/origins';
import { reachableNetwork, serviceAreaBands, serviceAreaPaths } from '../../../src/engine/network/serviceArea';
import { fromPaths, toPaths, differencePaths, ringsArea } from '../../../src/engine/network/clip';
import type { XY } from '../../../src/engine/reach/reachProvider';
import ClipperLib from 'clipper-lib';
import { insideRings, mulberry32, naiveNodeDistances, randomGridLines, sampleNetwork, shoelace } from './helpers';

function setup(lines: XY[][], facilities: XY[], maxConnector = 300) {
  const g = buildGraph(lines);
  const joined = joinPoints(g, facilities.map((xy, i) => ({ id: `f${i}`, xy })), maxConnector);
  const { origins, pieces } = pointOrigins(joined);
  const nd = networkDistances(g, origins, Infinity);
  return { g, joined, origins, pieces, nd };
}

const area = (g: RoadGraph, nd: ReturnType<typeof networkDistances>, d: number, pieces: ReturnType<typeof pointOrigins>['pieces'], M: number) =>
  fromPaths(serviceAreaPaths(g, nd, d, { maxOffset_m: M }, { pieces }));

describe('reachableNetwork', () => {
  it('joins the same stretches after a much larger band (lines hold each reached segment once, their length the network length)', () => {
    // A large band first (thousands of line ends, a larger end table), then small bands on another graph.
    const big = setup(randomGridLines(mulberry32(5), 60, 40, 1, 0), [[1200, 1200]]);
    const small = setup(randomGridLines(mulberry32(6), 8, 60), [[200, 200]]);
    const segments = (net: ReturnType<typeof reachableNetwork>) => {
      let length = 0;
      const seen = new Set<string>();
      let repeats = 0;
      for (const l of net.lines)
        for (let i = 1; i < l.length; i++) {
          length += Math.hypot(l[i][0] - l[i - 1][0], l[i][1] - l[i - 1][1]);
          const a = `${l[i - 1][0]},${l[i - 1][1]}`, b = `${l[i][0]},${l[i][1]}`;
          const k = a < b ? `${a}|${b}` : `${b}|${a}`;
          if (seen.has(k)) repeats++;
          seen.add(k);
        }
      return { length, repeats, count: seen.size };
    };
    const before = [100, 250, 400].map((d) => segments(reachableNetwork(small.g, small.nd, d)));
    const large = reachableNetwork(big.g, big.nd, 3000);
    expect(large.lines.reduce((n, l) => n + l.length, 0)).toBeGreaterThan(4000);
    for (const [i, d] of [100, 250, 400].entries()) {
      const net = reachableNetwork(small.g, small.nd, d);
      const s = segments(net);
      expect(s.repeats).toBe(0);
      expect(s.length).toBeCloseTo(net.length_m, 6);
      expect(s).toEqual(before[i]);
    }
  });


  it('cuts a dead end exactly where the distance runs out', () => {
    // Facility on the start of a 250 m dead end (connector 0): at 180 m the line ends at x = 180.
    const { g, nd } = setup([[[0, 0], [100, 0], [250, 0]]], [[0, 0]]);
    const net = reachableNetwork(g, nd, 180);
    expect(net.length_m).toBeCloseTo(180, 9);
    const xs = net.lines.flat().map((p) => p[0]);
    expect(Math.max(...xs)).toBeCloseTo(180, 9);
  });

  it('grid: reachable length by hand', () => {
    // 3×3 grid, 100 m spacing (12 edges); facility on the centre node.
    const lines: XY[][] = [];
    for (const c of [0, 100, 200]) {
      lines.push([[0, c], [100, c], [200, c]]);
      lines.push([[c, 0], [c, 100], [c, 200]]);
    }
    const { g, nd } = setup(lines, [[100, 100]]);
    // d = 120: 4 centre arms (400) + 8 perimeter half-edges reached 20 m from the mid nodes (160).
    expect(reachableNetwork(g, nd, 120).length_m).toBeCloseTo(560, 9);
    // d = 150: 400 + 8 × 50 = 800; d = 250: everything, 1200.
    expect(reachableNetwork(g, nd, 150).length_m).toBeCloseTo(800, 9);
    expect(reachableNetwork(g, nd, 250).length_m).toBeCloseTo(1200, 9);
  });

  it('lines run straight on through junctions: a street crossing a grid is one line, the same segments', () => {
    // 4 × 4 blocks of 100 m (every block side its own two-point line), facility on the centre node
    // (200, 200), d = 150, by hand: the two middle streets are reached 150 m each way (2 lines of
    // 300 m, 4 block pieces each), and the streets x, y = 100 and 300 are reached 50 m each side of
    // the middle streets (4 lines of 100 m, 2 pieces each).
    const lines: XY[][] = [];
    for (let i = 0; i <= 4; i++)
      for (let j = 0; j < 4; j++) {
        lines.push([[i * 100, j * 100], [i * 100, (j + 1) * 100]]);
        lines.push([[j * 100, i * 100], [(j + 1) * 100, i * 100]]);
      }
    const { g, nd } = setup(lines, [[200, 200]]);
    const net = reachableNetwork(g, nd, 150);
    expect(net.length_m).toBeCloseTo(2 * 300 + 8 * 50, 9);
    // Each line straight: every vertex on the line through its ends.
    for (const l of net.lines) {
      const [a, b] = [l[0], l[l.length - 1]];
      for (const p of l) expect(Math.abs((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]))).toBeLessThan(1e-6);
    }
    const lengths = net.lines.map((l) => Math.hypot(l[l.length - 1][0] - l[0][0], l[l.length - 1][1] - l[0][1])).sort((x, y) => x - y);
    expect(lengths.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([100, 100, 100, 100, 300, 300]);
    // The segments between consecutive vertices are the reached pieces of the block sides, each once.
    const segments = net.lines.flatMap((l) => l.slice(1).map((p, k) => [l[k], p])).map(([p, q]) => [p, q].map((v) => `${Math.round(v[0] * 1e6) / 1e6},${Math.round(v[1] * 1e6) / 1e6}`).sort().join(' '));
    expect(new Set(segments).size).toBe(segments.length);
    expect(segments.length).toBe(4 * 2 + 4 * 2);
  });

  it('river with one bridge: the far bank is in the network only once the bridge route allows it', () => {
    const { g, nd } = setup([[[0, 0], [500, 0], [1000, 0]], [[0, 100], [500, 100], [1000, 100]], [[500, 0], [500, 100]]], [[100, -10]]);
    // d = 600: near bank from x=0 (110 used → all 100 m west) to x = 100+590 = 690 east: 100 + 590 = 690;
    // bridge reached at 410, far bank point (500,100) at 510, then 90 m each way along the far bank.
    expect(reachableNetwork(g, nd, 600).length_m).toBeCloseTo(690 + 100 + 180, 9);
  });
});

describe('serviceAreaPaths', () => {
  it('a straight road: a capsule of half-width M, tapering to the cut points', () => {
    // Road x ∈ [-1000, 1000], facility on it at 0; d = 300, M = 50.
    // Area = rectangle 2·250 × 100 plus two tapered ends (triangles from radius 50 to 0 over 50 m,
    // hull of the end disk and the tip: between 2·(50·50) = 5000 (triangles) and the true set's
    // ends; the true union of disks with r = 300 − |x| is the hull of disk(250, 50) and point (300,0)
    // = triangle-like region: area = 50·50 (two kite halves) + half disk? Check instead the body.
    const { g, nd, pieces } = setup([[[-1000, 0], [0, 0], [1000, 0]]], [[0, 0]]);
    const rings = area(g, nd, 300, pieces, 50);
    expect(rings.length).toBe(1);
    // Points: on the road at 299 inside, 301 outside; 49 m off the road at x = 200 inside, 51 outside.
    expect(insideRings(299, 0, rings)).toBe(true);
    expect(insideRings(301, 0, rings)).toBe(false);
    expect(insideRings(200, 49, rings)).toBe(true);
    expect(insideRings(200, 51, rings)).toBe(false);
    // The tip: r(x) = 300 − x touches the disk of radius 50 at x = 250 from inside, so the true
    // set ends in the half disk around (250, 0): (295, 20) is 49.2 m from it (walk 250 + 49.2),
    // (290, 35) is 53.2 m away (best walk: x' = 290 − √(50² − 35²) = 254.3, plus 50 = 304.3 > 300).
    expect(insideRings(295, 20, rings)).toBe(true);
    expect(insideRings(290, 35, rings)).toBe(false);
    // Area = body 500 × 100 + two half disks of radius 50 = 50 000 + π·50² ≈ 57 854, from below
    // (inscribed polygons, sagitta ≤ 0.5 m over a perimeter of ≈ 1300 m).
    const a = shoelace(rings);
    expect(a).toBeLessThanOrEqual(50_000 + Math.PI * 2500);
    expect(a).toBeGreaterThan(50_000 + Math.PI * 2500 - 0.5 * 1300);
  });

  it('river with one bridge: unreachable bank road is cut out of the area even within the lateral offset', () => {
    const { g, nd, pieces } = setup([[[0, 0], [500, 0], [1000, 0]], [[0, 100], [500, 100], [1000, 100]], [[500, 0], [500, 100]]], [[100, -10]]);
    const rings = area(g, nd, 300, pieces, 150);
    // (100, 50): 50 m off the near bank where dist = 10 → walking 60 ≤ 300: inside.
    expect(insideRings(100, 50, rings)).toBe(true);
    // (100, 100) is a far-bank network point at 910 m: never inside although 100 m from a reached point.
    expect(insideRings(100, 100, rings)).toBe(false);
    expect(insideRings(300, 100, rings)).toBe(false);
    // Off-network points beyond the far bank road stay reachable by the lateral rule only if ≤ M.
    expect(insideRings(100, 140, rings)).toBe(true); // 140 ≤ 150 from (100,0), walking 150 ≤ 300
  });

  it('keeps holes where the walk cannot reach (a square loop)', () => {
    // Loop 400 × 400 m, facility on a corner, d = 2000 reaches the whole loop; M = 50.
    const { g, nd, pieces } = setup([[[0, 0], [400, 0], [400, 400], [0, 400], [0, 0]]], [[0, 0]]);
    const rings = area(g, nd, 2000, pieces, 50);
    expect(rings.length).toBe(2);
    expect(insideRings(200, 200, rings)).toBe(false);
    expect(insideRings(200, 40, rings)).toBe(true);
    // Area ≈ 500² − 300² with rounded outer corners: outer square minus 4·(1 − π/4)·50² at most.
    const a = shoelace(rings);
    expect(a).toBeLessThanOrEqual(500 * 500 - 300 * 300 + 1);
    expect(a).toBeGreaterThan(500 * 500 - 300 * 300 - 4 * (1 - Math.PI / 4) * 2500 - 500);
    expect(ringsArea(rings)).toBeCloseTo(a, 6);
  });

  it('keeps disconnected pieces (two components, one facility each)', () => {
    const { g, nd, pieces } = setup([[[0, 0], [100, 0]], [[1000, 0], [1100, 0]]], [[50, 0], [1050, 0]]);
    const rings = area(g, nd, 300, pieces, 50);
    expect(rings.filter((r) => shoelace([r]) > 0).length).toBe(2);
  });

  it('off-network facility: its own disk only', () => {
    const { g, nd, pieces, joined } = setup([[[0, 0], [100, 0]]], [[50, 500]]);
    expect(joined[0].join).toBeNull();
    expect(reachableNetwork(g, nd, 300).length_m).toBe(0);
    const rings = area(g, nd, 300, pieces, 50);
    expect(insideRings(50, 460, rings)).toBe(true);
    expect(insideRings(50, 0, rings)).toBe(false);
    // Inscribed polygon of radius 50 with sagitta ≤ 1 m (default tolerance): between π·49² and π·50².
    const a = shoelace(rings);
    expect(a).toBeLessThan(Math.PI * 2500);
    expect(a).toBeGreaterThan(Math.PI * 49 * 49);
  });
});

describe('properties on random graphs (seeded)', () => {
  const M = 60;
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: bands nest, and nothing inside is farther than d (brute force)`, () => {
      const rand = mulberry32(seed);
      const lines = randomGridLines(rand, 8, 90, 0.75, 2);
      const g = buildGraph(lines);
      const facilities = [0, 1].map((i) => ({ id: `f${i}`, xy: [rand() * 630, rand() * 630] as XY }));
      const joined = joinPoints(g, facilities, 300);
      const { origins, pieces } = pointOrigins(joined);
      const nd = networkDistances(g, origins, 500);
      const bands = serviceAreaBands(g, nd, [300, 500], { maxOffset_m: M }, () => ({ pieces }));
      // Nesting: area(300) − area(500) is empty (up to cm rounding).
      const diff = fromPaths(differencePaths(toPaths(bands[0].area), toPaths(bands[1].area)));
      // Union output rounds intersection vertices to 1 cm, so allow slivers thinner than 1 cm:
      // shrinking the difference by 1 cm must leave nothing.
      const co = new ClipperLib.ClipperOffset();
      co.AddPaths(toPaths(diff), ClipperLib.JoinType.jtMiter, ClipperLib.EndType.etClosedPolygon);
      const shrunk: ClipperLib.Paths = [];
      co.Execute(shrunk, -1);
      expect(shrunk.length).toBe(0);

      // Second method: node distances by a naive Dijkstra from the join points' end nodes.
      const seeds = joined.flatMap((j) =>
        j.join ? [{ node: g.edgeFrom[j.join.edge], cost: j.join.connector + j.join.s }, { node: g.edgeTo[j.join.edge], cost: j.join.connector + g.edgeLength[j.join.edge] - j.join.s }] : [],
      );
      const nodeDist = naiveNodeDistances(g, seeds);
      const edgeSeeds = joined.flatMap((j) => (j.join ? [{ edge: j.join.edge, s: j.join.s, cost: j.join.connector }] : []));
      const samples = sampleNetwork(g, nodeDist, edgeSeeds, 0.5);
      // Connector samples (walkable, distance = position along the connector).
      for (const p of pieces) {
        const L = Math.hypot(p.x1 - p.x0, p.y1 - p.y0);
        const k = Math.max(1, Math.ceil(L / 0.5));
        for (let i = 0; i <= k; i++) samples.push({ x: p.x0 + ((p.x1 - p.x0) * i) / k, y: p.y0 + ((p.y1 - p.y0) * i) / k, f: p.f0 + ((p.f1 - p.f0) * i) / k });
      }
      const walking = (x: number, y: number) => {
        let best = Infinity;
        for (const q of samples) {
          const r = Math.hypot(q.x - x, q.y - y);
          if (r <= M && q.f + r < best) best = q.f + r;
        }
        return best;
      };
      for (const [bi, d] of [[0, 300], [1, 500]] as const) {
        const rings = bands[bi].area;
        let inside = 0;
        for (let k = 0; k < 400; k++) {
          const x = -100 + rand() * 830;
          const y = -100 + rand() * 830;
          if (!insideRings(x, y, rings)) continue;
          inside++;
          // Samples every 0.5 m: the brute force overestimates by at most 0.25 m.
          expect(walking(x, y)).toBeLessThanOrEqual(d + 1);
          if (bi === 0) expect(insideRings(x, y, bands[1].area)).toBe(true);
        }
        expect(inside).toBeGreaterThan(10);
        // No network point farther than d (by more than the sampling step) is inside.
        for (const q of samples) if (q.f > d + 1 && q.f < Infinity) expect(insideRings(q.x, q.y, rings)).toBe(false);
        for (const q of samples) if (q.f === Infinity) expect(insideRings(q.x, q.y, rings)).toBe(false);
      }
    });
  }
});

describe('tile grid off whole centimetres', () => {
  it('a tile side of 12.34 m (some sides at fractional centimetres): the band rings do not overlap', () => {
    // 12.34 × 100 is whole, but not every multiple of it: clipping widens such a side to whole
    // centimetres differently on its two tiles. The rings must still describe the set once: the
    // sum of their signed areas equals the area of their union (clipper).
    expect(Number.isInteger(12.34 * 100)).toBe(true);
    expect(Array.from({ length: 100 }, (_, i) => i * 12.34 * 100).every(Number.isInteger)).toBe(false);
    const rand = mulberry32(5);
    const g = buildGraph(randomGridLines(rand, 30, 40, 0.9, 0));
    const [joined] = joinPoints(g, [{ id: 'f', xy: [600, 600] }], 300);
    const { origins, pieces } = pointOrigins([joined]);
    const nd = networkDistances(g, origins, 800);
    const bands = serviceAreaBands(g, nd, [400, 800], { tile_m: 12.34 }, () => ({ pieces }));
    for (const b of bands) {
      const c = new ClipperLib.Clipper();
      c.AddPaths(toPaths(b.area), ClipperLib.PolyType.ptSubject, true);
      const u: ClipperLib.Paths = [];
      c.Execute(ClipperLib.ClipType.ctUnion, u, ClipperLib.PolyFillType.pftNonZero, ClipperLib.PolyFillType.pftNonZero);
      expect(ringsArea(b.area)).toBeCloseTo(ringsArea(fromPaths(u)), 2);
    }
  });
});
