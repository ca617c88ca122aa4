// The scale bar of an exported map: the longest "nice" length (1, 2 or 5 × 10^k metres) that fits
// in the given width, as MapLibre's ScaleControl chooses it, measured along the map's bottom edge.

export interface ScaleBar {
  meters: number;
  /** Length on the map in CSS pixels. */
  px: number;
  label: string;
}

/** Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m). */
export function haversine(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The largest 1/2/5 × 10^k at or below `v` (v > 0). */
export function niceLength(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  const d = v / p;
  return (d >= 5 ? 5 : d >= 2 ? 2 : 1) * p;
}

/** A bar at most `maxPx` long, given the ground distance that `maxPx` pixels span. */
export function scaleBar(metersPerMaxPx: number, maxPx: number): ScaleBar {
  const meters = niceLength(metersPerMaxPx);
  const px = (maxPx * meters) / metersPerMaxPx;
  const label = meters >= 1000 ? `${meters / 1000} km` : `${meters} m`;
  return { meters, px, label };
}
