// `--threads`: the audit split across worker threads gives byte-identical output to one thread,
// on a synthetic city large enough that every thread gets many communities of every kind.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../scripts/audit';
import { InputError } from '../../scripts/lib/inputError';
import { syntheticCity } from '../../bench/lib/syntheticCity';

const tmp = mkdtempSync(join(tmpdir(), 'lc-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeCity(n: number): string[] {
  const d = syntheticCity({ communities: n });
  const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(join(tmp, 'c.geojson'), fc(d.communities.map((c) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: c.geometry }, properties: { id: c.id, name: c.name, households: c.households, setting: c.setting } }))));
  writeFileSync(join(tmp, 'f.geojson'), fc(d.facilities.map((f) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: f.position }, properties: { id: f.id, category: f.category, floorArea: f.floorArea } }))));
  writeFileSync(join(tmp, 'g.geojson'), fc(d.green.map((g) => ({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: g.geometry }, properties: { id: g.id, kind: g.kind } }))));
  return ['--communities', join(tmp, 'c.geojson'), '--facilities', join(tmp, 'f.geojson'), '--green', join(tmp, 'g.geojson')];
}

describe('audit --threads', { timeout: 300_000 }, () => {
  it('three threads write the same JSON as one', async () => {
    const args = writeCity(120);
    const one = await runAuditCommand([...args, '--threads', '1']);
    const three = await runAuditCommand([...args, '--threads', '3']);
    expect(one.result.communities).toHaveLength(120);
    expect(one.result.summary.failing).toBeGreaterThan(0);
    expect(three.output).toBe(one.output);
  });

  it('refuses a thread count that is not a whole number from 1', async () => {
    const args = writeCity(3);
    await expect(runAuditCommand([...args, '--threads', '0'])).rejects.toThrow(InputError);
    await expect(runAuditCommand([...args, '--threads', 'many'])).rejects.toThrow(/--threads/);
  });
});
