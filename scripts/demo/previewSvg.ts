// A quick SVG picture of the generated district (for eyeballing the layout while tuning):
// `tsx scripts/demo/previewSvg.ts out.svg [seed]`, then screenshot it with headless Chromium.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Position } from '../../src/engine/types';
import type { DemoDistrict } from './generate';
import { generateDemo } from './generate';
import { toLocal } from './project';

const ZONE_FILL = ['#f6d2b0', '#f7e7b0', '#d5e4f5', '#e2efcf', '#f1c9d6', '#d9d2ee'];

export function previewSvg(d: DemoDistrict, failing: Set<string> = new Set()): string {
  const s = 0.2;
  const P = (p: Position): string => {
    const [x, y] = toLocal(p);
    return `${((x + 4000) * s).toFixed(1)},${((3000 - y) * s).toFixed(1)}`;
  };
  const path = (rings: Position[][]): string => rings.map((r) => `M${r.map(P).join('L')}Z`).join('');
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200"><rect width="100%" height="100%" fill="#fff"/>`;
  d.dataset.communities.forEach((c, i) => {
    const fill = c.setting === 'rural' ? '#e2efcf' : ZONE_FILL[i % ZONE_FILL.length];
    const stroke = failing.has(c.id) ? '#d00' : '#666';
    for (const poly of c.geometry) out += `<path d="${path(poly)}" fill="${fill}" fill-rule="evenodd" stroke="${stroke}" stroke-width="${failing.has(c.id) ? 2 : 0.6}"/>`;
  });
  for (const g of d.dataset.green) for (const poly of g.geometry) out += `<path d="${path(poly)}" fill="${g.kind === 'park' ? '#5fae5f' : '#a6d99a'}" fill-rule="evenodd"/>`;
  for (const w of d.water) for (const poly of w.geometry) out += `<path d="${path(poly)}" fill="#7fb3e6"/>`;
  const width: Record<string, number> = { main: 2.6, street: 1.4, lane: 0.7, path: 0.6, bridge: 4 };
  const colour: Record<string, string> = { main: '#c0392b', street: '#444', lane: '#888', path: '#4a4', bridge: '#000' };
  for (const r of d.dataset.roads) out += `<polyline points="${r.coordinates.map(P).join(' ')}" fill="none" stroke="${colour[r.kind ?? 'lane']}" stroke-width="${width[r.kind ?? 'lane']}"/>`;
  for (const f of d.dataset.facilities) if (f.category === 'community_service') out += `<circle cx="${P(f.position).split(',')[0]}" cy="${P(f.position).split(',')[1]}" r="2.5" fill="#7b2cbf"/>`;
  for (const c of d.dataset.communities) {
    const [x, y] = c.geometry[0][0].reduce((a, p) => [a[0] + p[0] / c.geometry[0][0].length, a[1] + p[1] / c.geometry[0][0].length], [0, 0]);
    const [px, py] = P([x, y]).split(',');
    out += `<text x="${px}" y="${py}" font-size="8" text-anchor="middle" font-family="sans-serif">${c.id}</text>`;
  }
  return out + '</svg>';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(process.argv[2] ?? 'demo-preview.svg', previewSvg(generateDemo(process.argv[3] ? Number(process.argv[3]) : undefined)));
}
