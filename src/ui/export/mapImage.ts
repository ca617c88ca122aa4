// The current map view as a PNG at 2× (or `ratio`×) resolution, with a title, the legend, a scale
// bar and the attribution drawn onto it. The frame is copied inside MapLibre's render event
// (before the drawing buffer is cleared); the map's layout is restored afterwards.
import type { Map as MlMap } from 'maplibre-gl';
import type { LegendContent } from '../map/legendEntries';
import { haversine, scaleBar } from './scaleBar';
import { REPORT_FONT_FAMILY } from '../../report/fonts';
import { installBundledFont } from './reportFontsBrowser';

export interface MapImageDecor {
  title: string;
  legend: LegendContent;
  /** Attribution lines (data sources, basemap). */
  attribution: string[];
}

const FONT = `'${REPORT_FONT_FAMILY}', "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif`;

function waitFor(map: MlMap, event: 'idle' | 'render', timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const h = setTimeout(resolve, timeoutMs);
    map.once(event, () => { clearTimeout(h); resolve(); });
  });
}

/** Copies the map canvas inside the next render event (its drawing buffer is still intact then). */
function captureFrame(map: MlMap, into: CanvasRenderingContext2D): Promise<void> {
  return new Promise((resolve) => {
    map.once('render', () => {
      into.drawImage(map.getCanvas(), 0, 0, into.canvas.width, into.canvas.height);
      resolve();
    });
    map.triggerRepaint();
  });
}

/** Map attributions of the current style (e.g. "© OpenStreetMap contributors"), text only. */
export function styleAttributions(map: MlMap): string[] {
  const out: string[] = [];
  const sources = map.getStyle()?.sources ?? {};
  for (const s of Object.values(sources)) {
    const a = (s as { attribution?: string }).attribution;
    if (a) out.push(a.replace(/<[^>]*>/g, '').trim());
  }
  return out;
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.moveTo(x + r, y);
  g.arcTo(x + w, y, x + w, y + h, r);
  g.arcTo(x + w, y + h, x, y + h, r);
  g.arcTo(x, y + h, x, y, r);
  g.arcTo(x, y, x + w, y, r);
  g.closePath();
}

function drawDecor(g: CanvasRenderingContext2D, map: MlMap, w: number, h: number, d: MapImageDecor): void {
  const pad = 12;
  // Title strip.
  g.font = `700 20px ${FONT}`;
  const tw = g.measureText(d.title).width;
  g.fillStyle = 'rgba(255,255,255,0.92)';
  roundRect(g, pad, pad, tw + 24, 38, 6);
  g.fill();
  g.fillStyle = '#1a1a1a';
  g.textBaseline = 'middle';
  g.fillText(d.title, pad + 12, pad + 19);

  // Legend (top right).
  g.font = `700 14px ${FONT}`;
  const rowH = 22;
  const lw = Math.max(g.measureText(d.legend.title).width, ...d.legend.entries.map((e) => { g.font = `13px ${FONT}`; return g.measureText(e.label).width + 26; })) + 24;
  const lh = 34 + d.legend.entries.length * rowH;
  const lx = w - pad - lw;
  const ly = pad;
  g.fillStyle = 'rgba(255,255,255,0.94)';
  roundRect(g, lx, ly, lw, lh, 6);
  g.fill();
  g.strokeStyle = 'rgba(0,0,0,0.15)';
  g.lineWidth = 1;
  g.stroke();
  g.fillStyle = '#1a1a1a';
  g.font = `700 14px ${FONT}`;
  g.fillText(d.legend.title, lx + 12, ly + 18);
  g.font = `13px ${FONT}`;
  d.legend.entries.forEach((e, i) => {
    const y = ly + 34 + i * rowH + rowH / 2;
    g.fillStyle = e.color;
    if (e.shape === 'dot') {
      // A candidate marker as on the map: a round dot, its rim (a white rim drawn dark enough to see on white).
      g.beginPath();
      g.arc(lx + 21, y, 6, 0, 2 * Math.PI);
      g.fill();
      g.lineWidth = 2;
      g.strokeStyle = e.outline === 'rgb(255,255,255)' ? 'rgba(0,0,0,0.45)' : e.outline ?? 'rgba(0,0,0,0.35)';
      g.stroke();
      g.lineWidth = 1;
    } else {
      g.fillRect(lx + 12, y - 7, 18, 14);
      g.strokeStyle = e.outline ?? 'rgba(0,0,0,0.35)';
      g.strokeRect(lx + 12.5, y - 6.5, 17, 13);
    }
    g.fillStyle = '#1a1a1a';
    g.fillText(e.label, lx + 38, y);
  });

  // Scale bar (bottom left), measured along the bottom edge of the view.
  const maxPx = 160;
  const y0 = h - 40;
  const a = map.unproject([pad, y0]);
  const b = map.unproject([pad + maxPx, y0]);
  const bar = scaleBar(haversine([a.lng, a.lat], [b.lng, b.lat]), maxPx);
  g.font = `700 13px ${FONT}`;
  g.fillStyle = 'rgba(255,255,255,0.9)';
  roundRect(g, pad - 6, y0 - 22, bar.px + 22 + g.measureText(bar.label).width, 32, 4);
  g.fill();
  g.strokeStyle = '#1a1a1a';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(pad, y0 - 6);
  g.lineTo(pad, y0);
  g.lineTo(pad + bar.px, y0);
  g.lineTo(pad + bar.px, y0 - 6);
  g.stroke();
  g.fillStyle = '#1a1a1a';
  g.font = `700 13px ${FONT}`;
  g.fillText(bar.label, pad + bar.px + 8, y0 - 4);

  // Attribution (bottom right).
  g.font = `12px ${FONT}`;
  const text = d.attribution.join(' · ');
  const aw = g.measureText(text).width;
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(w - aw - 16, h - 22, aw + 16, 22);
  g.fillStyle = '#333';
  g.fillText(text, w - aw - 8, h - 11);
}

/** PNG bytes of the current view at `ratio`× the CSS size of the map. */
export async function mapPng(map: MlMap, decor: MapImageDecor, ratio = 2): Promise<Uint8Array> {
  const el = map.getContainer();
  const w = el.clientWidth;
  const h = el.clientHeight;
  const out = document.createElement('canvas');
  out.width = Math.round(w * ratio);
  out.height = Math.round(h * ratio);
  const g = out.getContext('2d')!;
  // The map is laid out `ratio` times larger (and shown scaled back down, so nothing moves on
  // screen) one zoom level per doubling closer, and rendered at its own pixel ratio: MapLibre and
  // deck.gl (interleaved into MapLibre's context) then both draw the same view with `ratio`× the
  // pixels. Raising the map's pixel ratio alone does not work: deck.gl sizes its frame by the
  // browser's device pixel ratio and drew into a corner of the larger canvas.
  const saved = { width: el.style.width, height: el.style.height, transform: el.style.transform, transformOrigin: el.style.transformOrigin };
  const center = map.getCenter();
  const zoom = map.getZoom();
  try {
    Object.assign(el.style, { width: `${w * ratio}px`, height: `${h * ratio}px`, transform: `scale(${1 / ratio})`, transformOrigin: '0 0' });
    map.resize();
    map.jumpTo({ center, zoom: zoom + Math.log2(ratio) });
    await waitFor(map, 'idle', 15_000);
    // deck.gl learns the new canvas size from a ResizeObserver: let it run, then draw once more.
    await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    await captureFrame(map, g);
  } finally {
    Object.assign(el.style, saved);
    map.resize();
    map.jumpTo({ center, zoom });
  }
  // The bundled Noto Sans SC for the title, legend and attribution (offline; the same on every machine).
  installBundledFont();
  const text = [decor.title, decor.legend.title, ...decor.legend.entries.map((e) => e.label), ...decor.attribution].join('');
  await Promise.all([400, 700].map((wt) => document.fonts.load(`${wt} 16px '${REPORT_FONT_FAMILY}'`, text).catch(() => [])));
  g.save();
  g.scale(ratio, ratio);
  drawDecor(g, map, w, h, decor);
  g.restore();
  const blob = await new Promise<Blob | null>((r) => out.toBlob(r, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
