// Static map drawing for the report: lon/lat geometries through the audit's local transverse
// Mercator (true metres, north up) into an SVG viewBox, with a scale bar and a north arrow.
// Vertices closer than a fraction of a drawing unit are dropped, so a city-wide map stays small.
import type { MultiPolygonCoords, Position } from '../engine/types';
import type { LocalProjection } from '../engine/geo/localProjection';
import { escapeHtml, trusted, type Html } from './html';

export type BBox = [number, number, number, number];

export interface MapFrame {
  width: number;
  height: number;
  /** Height of the strip at the bottom that holds the scale bar and the north arrow. */
  band: number;
  /** Drawing units per metre. */
  scale: number;
  /** What the whole drawing shows, in metres (a feature outside it need not be drawn). */
  visible: BBox;
  /** lon/lat → [x, y] in drawing units (y down). */
  toSvg(p: Position): [number, number];
}

/** Bounding box (metres) of some lon/lat positions in the projection. */
export function metricBounds(projection: LocalProjection, positions: Iterable<Position>): BBox | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of positions) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const [x, y] = projection.forward(p);
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

export function* outerPositions(geometries: Iterable<MultiPolygonCoords>): Iterable<Position> {
  for (const g of geometries) for (const poly of g) for (const p of poly[0] ?? []) yield p;
}

export interface FrameLayout {
  width: number;
  minHeight: number;
  maxHeight: number;
  /** Margin around the data, drawing units. */
  pad: number;
  /** Strip below the data for the scale bar and the north arrow, drawing units. */
  band: number;
}

/** A frame fitting `bounds` (metres) into `layout.width` units with `pad` around and the band
 *  below; its height follows the bounds' aspect within [minHeight, maxHeight] (data centred). */
export function mapFrame(projection: LocalProjection, bounds: BBox, layout: FrameLayout): MapFrame {
  const { width, minHeight, maxHeight, pad, band } = layout;
  const bw = Math.max(bounds[2] - bounds[0], 1);
  const bh = Math.max(bounds[3] - bounds[1], 1);
  const height = Math.min(maxHeight, Math.max(minHeight, ((width - 2 * pad) * bh) / bw + 2 * pad + band));
  const scale = Math.min((width - 2 * pad) / bw, (height - 2 * pad - band) / bh);
  const cx = (bounds[0] + bounds[2]) / 2, cy = (bounds[1] + bounds[3]) / 2;
  const midY = (height - band) / 2;
  return {
    width,
    height,
    band,
    scale,
    visible: [cx - width / 2 / scale, cy - (height - midY) / scale, cx + width / 2 / scale, cy + midY / scale],
    toSvg: (p) => {
      const [x, y] = projection.forward(p);
      return [width / 2 + (x - cx) * scale, midY - (y - cy) * scale];
    },
  };
}

const num = (v: number): string => (Math.round(v * 10) / 10).toString();

/** SVG path data of polygons (outer rings and holes; draw with fill-rule evenodd). */
export function polygonPath(frame: MapFrame, geometry: MultiPolygonCoords, minStep = 0.4): string {
  let d = '';
  for (const poly of geometry)
    for (const ring of poly) {
      const pts: [number, number][] = [];
      for (const p of ring) {
        if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
        const q = frame.toSvg(p);
        const last = pts[pts.length - 1];
        if (last && Math.abs(q[0] - last[0]) < minStep && Math.abs(q[1] - last[1]) < minStep) continue;
        pts.push(q);
      }
      if (pts.length < 3) continue;
      d += `M${pts.map((q) => `${num(q[0])} ${num(q[1])}`).join('L')}Z`;
    }
  return d;
}

/** SVG path data of lines. */
export function linePath(frame: MapFrame, lines: Iterable<Position[]>, minStep = 0.4): string {
  let d = '';
  for (const line of lines) {
    const pts: [number, number][] = [];
    for (const p of line) {
      const q = frame.toSvg(p);
      const last = pts[pts.length - 1];
      if (last && Math.abs(q[0] - last[0]) < minStep && Math.abs(q[1] - last[1]) < minStep) continue;
      pts.push(q);
    }
    if (pts.length >= 2) d += `M${pts.map((q) => `${num(q[0])} ${num(q[1])}`).join('L')}`;
  }
  return d;
}

/** Points as zero-length round-capped segments of one path: a dot per point, drawn with
 *  stroke-width = diameter and stroke-linecap round (one element for thousands of points). */
export function dotsPath(frame: MapFrame, points: Iterable<Position>): string {
  let d = '';
  for (const p of points) {
    const [x, y] = frame.toSvg(p);
    if (x < -10 || y < -10 || x > frame.width + 10 || y > frame.height + 10) continue;
    d += `M${num(x)} ${num(y)}h0`;
  }
  return d;
}

/** A label point inside a polygon: the middle of the widest horizontal chord over a few scan
 *  lines of the largest part (the bbox centre can fall outside a concave community). */
export function labelPoint(frame: MapFrame, geometry: MultiPolygonCoords): [number, number] | null {
  let best: [number, number] | null = null, bestWidth = -1;
  for (const poly of geometry) {
    const rings = poly.map((r) => r.map((p) => frame.toSvg(p)));
    const outer = rings[0];
    if (!outer || outer.length < 3) continue;
    let minY = Infinity, maxY = -Infinity;
    for (const [, y] of outer) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
    for (let k = 1; k <= 7; k++) {
      const y = minY + ((maxY - minY) * k) / 8;
      const xs: number[] = [];
      for (const r of rings)
        for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
          const [x1, y1] = r[i], [x2, y2] = r[j];
          if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
        }
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) {
        const w = xs[i + 1] - xs[i];
        // Prefer the middle scan lines a little: labels near the centre read better.
        const score = w * (1 - Math.abs(k - 4) * 0.04);
        if (score > bestWidth) { bestWidth = score; best = [(xs[i] + xs[i + 1]) / 2, y]; }
      }
    }
  }
  return best;
}

/** A round length (1, 2 or 5 × 10^k metres) at most `maxMetres`. */
export function niceLength(maxMetres: number): number {
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

/** The bottom strip: white, with a rule above it (drawn over anything that reaches into it). */
export function band(frame: MapFrame): Html {
  const y = frame.height - frame.band;
  return trusted(`<rect x="0" y="${num(y)}" width="${frame.width}" height="${num(frame.band)}" fill="#fff"/><path d="M0 ${num(y)}H${frame.width}" stroke="#9aa6b3" stroke-width="1"/>`);
}

/** Scale bar in the bottom strip, at the left: two alternating segments, "0" and the length. */
export function scaleBar(frame: MapFrame, label: (metres: number) => string, fontSize: number): Html {
  const metres = niceLength(frame.width / 4 / frame.scale);
  const w = metres * frame.scale;
  const h = fontSize * 0.45;
  const x = fontSize * 1.2, y = frame.height - frame.band / 2 + fontSize * 0.15;
  const text = escapeHtml(label(metres));
  return trusted(
    `<g class="scalebar"><rect x="${num(x)}" y="${num(y)}" width="${num(w / 2)}" height="${num(h)}" fill="#222"/>` +
      `<rect x="${num(x + w / 2)}" y="${num(y)}" width="${num(w / 2)}" height="${num(h)}" fill="#fff"/>` +
      `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="none" stroke="#222" stroke-width="${num(h / 5)}"/>` +
      `<text x="${num(x)}" y="${num(y - fontSize * 0.35)}" font-size="${fontSize}" text-anchor="middle">0</text>` +
      `<text x="${num(x + w)}" y="${num(y - fontSize * 0.35)}" font-size="${fontSize}" text-anchor="middle">${text}</text></g>`,
  );
}

/** North arrow in the bottom strip, at the right (grid north of the local projection = true north
 *  at its centre; within a city the difference is a fraction of a degree). */
export function northArrow(frame: MapFrame, letter: string, fontSize: number): Html {
  const s = Math.min(fontSize * 0.9, frame.band * 0.28);
  const cx = frame.width - fontSize * 2.2, top = frame.height - frame.band / 2 - s;
  const t = escapeHtml(letter);
  return trusted(
    `<g class="north"><path d="M${num(cx)} ${num(top)}L${num(cx + s * 0.6)} ${num(top + s * 2)}L${num(cx)} ${num(top + s * 1.5)}Z" fill="#222"/>` +
      `<path d="M${num(cx)} ${num(top)}L${num(cx - s * 0.6)} ${num(top + s * 2)}L${num(cx)} ${num(top + s * 1.5)}Z" fill="#fff" stroke="#222" stroke-width="${num(s / 12)}"/>` +
      `<text x="${num(cx - s * 1.1)}" y="${num(top + s * 1.45)}" font-size="${fontSize}" font-weight="700" text-anchor="end">${t}</text></g>`,
  );
}
