// The synthetic city's residential layer without households (the same footprints, so the audit
// takes the area-weighted basis), written once beside the layer it is made from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `<name>-no-households.geojson` beside `<name>.geojson`, `residential` (a cityFiles residential layer or one made from it). */
export function withoutHouseholds(residential: string): string {
  const out = join(dirname(residential), `${basename(residential, '.geojson')}-no-households.geojson`);
  if (!existsSync(out)) {
    const fc = JSON.parse(readFileSync(residential, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    for (const f of fc.features) delete f.properties.households;
    writeFileSync(out, JSON.stringify(fc));
  }
  return out;
}
