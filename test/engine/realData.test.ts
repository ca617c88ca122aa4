// The audit on real OpenStreetMap districts (/work/shared/data/real, see its README), imported by
// io/osm. Skipped with a message when the folder is absent. Checks consistency of the results and,
// as a second method, the reach shares against a Monte-Carlo sample on the real (non-convex,
// many-vertex) compound outlines.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readOsm } from '../../src/io/osm';
import { facilitySources, prepareAudit, runAudit } from '../../src/engine/audit';
import { defaultPreset } from '../../src/engine/presets';
import type { MetricRings, XY } from '../../src/engine/reach/reachProvider';
import type { Dataset } from '../../src/engine/types';

const REAL = new URL('../../../shared/data/real/', import.meta.url);
const here = existsSync(REAL);
if (!here) console.log(`engine real-data tests skipped: ${REAL.pathname} is absent`);

function inside(p: XY, rings: MetricRings): boolean {
  let c = false;
  for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    if ((r[i][1] > p[1]) !== (r[j][1] > p[1]) && p[0] < ((r[j][0] - r[i][0]) * (p[1] - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) c = !c;
  }
  return c;
}

describe.skipIf(!here)('audit on real OSM districts', () => {
  for (const file of ['beijing-haidian/haidian.osm', 'nanjing-xuanwu/xuanwu.osm']) {
    it(`${file}: consistent results and reach shares matching a point sample`, async () => {
      const layers = await readOsm(new Uint8Array(readFileSync(new URL(file, REAL))), file.split('/')[1]);
      const data: Dataset = { communities: layers.communities, facilities: layers.facilities, green: layers.green };
      expect(data.communities.length).toBeGreaterThan(5);
      const ctx = prepareAudit(data, defaultPreset());
      const result = runAudit(ctx);
      expect(result.communities).toHaveLength(data.communities.length);
      let failing = 0;
      const assigned = new Set<string>();
      for (const c of result.communities) {
        if (c.status === 'fail') failing++;
        expect(c.failures.length > 0).toBe(c.status === 'fail');
        for (const s of [c.greenCoverage, c.parkCoverage, ...Object.values(c.lifeCircles).flatMap((t) => Object.values(t))]) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        for (const id of c.facilityIds) { expect(assigned.has(id)).toBe(false); assigned.add(id); }
      }
      expect(result.summary.failing).toBe(failing);

      // Second method: 5-minute kindergarten and 10-minute supermarket shares vs a point sample.
      let rand = 12345;
      const next = () => ((rand = (rand * 1103515245 + 12345) % 2147483648) / 2147483648);
      let compared = 0;
      for (const [tier, cat] of [['5', 'kindergarten'], ['10', 'supermarket']] as const) {
        const d = ctx.tierDistances[tier];
        result.communities.forEach((r, i) => {
          const c = ctx.communities[i];
          if (!c.rings.length || c.area_m2 < 1000) return;
          const pts = facilitySources(ctx, c, [cat], d).map((s) => (s.kind === 'point' ? s.xy : [NaN, NaN]) as XY);
          const N = 1500;
          let hit = 0, n = 0;
          const [x0, y0, x1, y1] = c.bbox;
          while (n < N) {
            const p: XY = [x0 + next() * (x1 - x0), y0 + next() * (y1 - y0)];
            if (!inside(p, c.rings)) continue;
            n++;
            if (pts.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) <= d)) hit++;
          }
          const est = hit / N;
          const share = r.lifeCircles[tier][cat]!;
          const sigma = Math.sqrt(Math.max(est * (1 - est), 1e-4) / N);
          expect(Math.abs(share - est), `${r.id} ${tier} ${cat}: engine ${share}, sample ${est}`).toBeLessThan(4.5 * sigma + 0.002);
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(5);
    }, 120_000);
  }
});
