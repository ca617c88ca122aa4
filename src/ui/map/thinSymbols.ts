// Which point symbols to draw at a zoom: at most one per screen cell (cellPx square, in Web
// Mercator pixels at that zoom, the map's own projection), the most important one of the cell
// winning, so that a district view is not a carpet of overlapping discs and labels hide nothing
// they name. From `fullZoom` on every symbol is drawn. Pure: used by the map for facility symbols
// and community labels.
import type { Position } from '../../engine/types';

export interface ThinOptions {
  /** Side of a screen cell in CSS pixels. */
  cellPx?: number;
  /** From this zoom on, everything is drawn. */
  fullZoom?: number;
  /** Indices drawn whatever their cell (the selection). */
  keep?: readonly number[];
}

export const THIN_DEFAULTS = { cellPx: 22, fullZoom: 14 } as const;

/** Web Mercator world pixel of a lon/lat at `zoom` (256-pixel tiles, as MapLibre). */
export function worldPixel([lon, lat]: Position, zoom: number): [number, number] {
  const size = 256 * 2 ** zoom;
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

/**
 * Indices (ascending) of the points to draw. `priority(i)`: larger wins its cell; ties go to the
 * lower index, so the choice is stable from one render to the next.
 */
export function thinPoints(positions: readonly Position[], priority: (i: number) => number, zoom: number, options: ThinOptions = {}): number[] {
  const { cellPx, fullZoom } = { ...THIN_DEFAULTS, ...options };
  const n = positions.length;
  if (zoom >= fullZoom) return Array.from({ length: n }, (_, i) => i);
  const best = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = positions[i];
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const [x, y] = worldPixel(p, zoom);
    const key = `${Math.floor(x / cellPx)},${Math.floor(y / cellPx)}`;
    const held = best.get(key);
    if (held === undefined || priority(i) > priority(held)) best.set(key, i);
  }
  const out = new Set(best.values());
  for (const k of options.keep ?? []) if (k >= 0 && k < n) out.add(k);
  return [...out].sort((a, b) => a - b);
}
