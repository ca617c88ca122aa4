// Test helper: fixture paths → InputFiles (a .shp brings its sidecars), as the CLI adapter does.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { InputFile } from '../../src/io/import/types';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'io');

export function fixtureFiles(rel: string): InputFile[] {
  const path = join(FIXTURES, rel);
  if (extname(path) !== '.shp') return [{ name: path, bytes: new Uint8Array(readFileSync(path)) }];
  const stem = basename(path, '.shp');
  return readdirSync(dirname(path))
    .filter((f) => basename(f, extname(f)) === stem)
    .map((f) => ({ name: join(dirname(path), f), bytes: new Uint8Array(readFileSync(join(dirname(path), f))) }));
}

/** Great-circle distance in metres (haversine, R = 6371008.8 m): a second method, independent of proj4. */
export function haversine(a: number[], b: number[]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
