// The report's two maps (report-cli.md §3 and §5): the overview of the whole area (communities by
// pass/fail with their rank in the gap list, facilities, green) and one community's map (its
// boundary, neighbours, facilities, and the uncovered part of its worst life-circle gap). Each with
// a legend, a scale bar, a north arrow and the data attribution. No basemap: only the data drawn.
import type { CommunityResult, FacilityCategory, MultiPolygonCoords, Position } from '../engine/types';
import { categoryName, metres, tierName, type ReportContext } from './context';
import type { CommunityGap } from './gaps';
import { html, trusted, type Html } from './html';
import { band, dotsPath, labelPoint, linePath, mapFrame, metricBounds, northArrow, outerPositions, polygonPath, scaleBar, type BBox, type MapFrame } from './svgMap';

const COLOURS = {
  pass: { fill: '#e4ecf5', stroke: '#7f97b3' },
  fail: { fill: '#f6cfc8', stroke: '#c0392b' },
  green: '#d4eac6',
  park: '#a8d592',
  facility: '#3d4650',
  focusFacility: '#1d5fc1',
  road: '#c4c8cc',
  gap: '#c0392b',
};

/** Metric bounding boxes of the data, computed once per report (maps filter by them). */
interface MapIndex {
  communities: BBox[];
  green: BBox[];
  facilities: ([number, number] | null)[];
  roads: BBox[];
}

const indexes = new WeakMap<ReportContext, MapIndex>();

function mapIndex(ctx: ReportContext): MapIndex {
  let ix = indexes.get(ctx);
  if (!ix) {
    const d = ctx.input.dataset, p = ctx.projection;
    const none: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    ix = {
      communities: d.communities.map((c) => metricBounds(p, outerPositions([c.geometry])) ?? none),
      green: d.green.map((g) => metricBounds(p, outerPositions([g.geometry])) ?? none),
      facilities: d.facilities.map((f) => (Number.isFinite(f.position?.[0]) && Number.isFinite(f.position?.[1]) ? p.forward(f.position) as [number, number] : null)),
      roads: (d.roads ?? []).map((r) => metricBounds(p, r.coordinates) ?? none),
    };
    indexes.set(ctx, ix);
  }
  return ix;
}

const overlaps = (a: BBox, b: BBox): boolean => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const inside = (xy: [number, number] | null, b: BBox): boolean => xy !== null && xy[0] >= b[0] && xy[0] <= b[2] && xy[1] >= b[1] && xy[1] <= b[3];

function swatch(kind: 'fill' | 'dot' | 'line' | 'hatch', fill: string, stroke = 'none', id = ''): Html {
  if (kind === 'dot') return trusted(`<svg class="sw" viewBox="0 0 14 14"><circle cx="7" cy="7" r="3.6" fill="${fill}" stroke="#fff" stroke-width="1"/></svg>`);
  if (kind === 'line') return trusted(`<svg class="sw" viewBox="0 0 14 14"><path d="M1 7H13" stroke="${fill}" stroke-width="2"/></svg>`);
  if (kind === 'hatch') return trusted(`<svg class="sw" viewBox="0 0 14 14"><rect x="1" y="1" width="12" height="12" fill="url(#${id})" stroke="${stroke}" stroke-width="1"/></svg>`);
  return trusted(`<svg class="sw" viewBox="0 0 14 14"><rect x="1" y="1" width="12" height="12" fill="${fill}" stroke="${stroke}" stroke-width="1.2"/></svg>`);
}

function legend(items: [Html, string][]): Html {
  return html`<ul class="legend">${items.map(([sw, label]) => html`<li>${sw}<span>${label}</span></li>`)}</ul>`;
}

function caption(ctx: ReportContext): Html {
  const sources = ctx.attribution.length ? ctx.attribution.join(ctx.t('common.listSeparator')) : ctx.t('map.noAttribution');
  return html`<p class="map-caption">${ctx.t('map.attribution', { sources })} ${ctx.t('map.projection')}</p>`;
}

function svgOpen(frame: MapFrame, label: string): Html {
  return html`${trusted(`<svg class="map" viewBox="0 0 ${frame.width} ${Math.round(frame.height)}" xmlns="http://www.w3.org/2000/svg" role="img" `)}aria-label="${label}"${trusted('>')}`;
}

function greenPaths(ctx: ReportContext, frame: MapFrame, keep: (i: number) => boolean): Html {
  const d = ctx.input.dataset;
  let green = '', park = '';
  d.green.forEach((g, i) => {
    if (!keep(i)) return;
    if (g.kind === 'park') park += polygonPath(frame, g.geometry);
    else green += polygonPath(frame, g.geometry);
  });
  return trusted(`<path d="${green}" fill="${COLOURS.green}" fill-rule="evenodd"/><path d="${park}" fill="${COLOURS.park}" fill-rule="evenodd"/>`);
}

const fontSize = (frame: MapFrame): number => Math.round(frame.width / 62);

/** Rank of each failing community in the gap list (1-based), by community index. */
export type Ranks = Map<number, number>;

export function overviewMap(ctx: ReportContext, ranks: Ranks): Html {
  const d = ctx.input.dataset;
  const results = ctx.result.communities;
  const bounds = metricBounds(ctx.projection, outerPositions(d.communities.map((c) => c.geometry)));
  if (!bounds) return html``;
  const frame = mapFrame(ctx.projection, bounds, { width: 1000, minHeight: 620, maxHeight: 1180, pad: 18, band: 56 });
  let pass = '', fail = '';
  d.communities.forEach((c, i) => {
    if (results[i]?.status === 'fail') fail += polygonPath(frame, c.geometry);
    else pass += polygonPath(frame, c.geometry);
  });
  const facilities = dotsPath(frame, d.facilities.map((f) => f.position).filter((p) => Number.isFinite(p?.[0]) && Number.isFinite(p?.[1])));
  const fs = fontSize(frame);
  // Rank badges, unless there are so many that they would cover the map.
  let labels = '';
  if (ranks.size <= 150) {
    for (const [i, rank] of ranks) {
      const at = labelPoint(frame, d.communities[i].geometry);
      if (!at) continue;
      const r = fs * (rank >= 100 ? 0.95 : 0.8);
      labels += `<circle cx="${at[0].toFixed(1)}" cy="${at[1].toFixed(1)}" r="${r.toFixed(1)}" fill="#fff" stroke="${COLOURS.fail.stroke}" stroke-width="1.2"/>` +
        `<text x="${at[0].toFixed(1)}" y="${(at[1] + fs * 0.34).toFixed(1)}" font-size="${(fs * (rank >= 100 ? 0.75 : 0.9)).toFixed(1)}" text-anchor="middle" fill="${COLOURS.fail.stroke}" font-weight="700">${rank}</text>`;
    }
  }
  const svg = html`${svgOpen(frame, ctx.t('map.overviewTitle'))}${trusted(`<rect width="100%" height="100%" fill="#fbfbf8"/>`)}${greenPaths(ctx, frame, () => true)}${trusted(
    `<path d="${pass}" fill="${COLOURS.pass.fill}" fill-opacity="0.8" stroke="${COLOURS.pass.stroke}" stroke-width="0.8" fill-rule="evenodd"/>` +
    `<path d="${fail}" fill="${COLOURS.fail.fill}" fill-opacity="0.85" stroke="${COLOURS.fail.stroke}" stroke-width="1.1" fill-rule="evenodd"/>` +
    `<path d="${facilities}" stroke="${COLOURS.facility}" stroke-width="3.4" stroke-linecap="round" opacity="0.75"/>` +
    labels,
  )}${band(frame)}${scaleBar(frame, (m) => metres(ctx, m), fs)}${northArrow(frame, ctx.t('map.north'), fs)}${trusted('</svg>')}`;
  return html`<figure class="map-figure">${svg}
${legend([
    [swatch('fill', COLOURS.pass.fill, COLOURS.pass.stroke), ctx.t('map.pass')],
    [swatch('fill', COLOURS.fail.fill, COLOURS.fail.stroke), ranks.size <= 150 ? ctx.t('map.failRanked') : ctx.t('map.fail')],
    [swatch('dot', COLOURS.facility), ctx.t('map.facilities')],
    [swatch('fill', COLOURS.park), ctx.t('category.park')],
    [swatch('fill', COLOURS.green), ctx.t('map.otherGreen')],
  ])}
${caption(ctx)}</figure>
${ranks.size && ranks.size <= 150 ? rankIndex(ctx, ranks) : ''}`;
}

/** The key to the numbers on the overview map: rank → community name. */
function rankIndex(ctx: ReportContext, ranks: Ranks): Html {
  const byRank = [...ranks].sort((a, b) => a[1] - b[1]);
  // A short key moves to the next page whole rather than leave a few names behind.
  return html`<div class="${byRank.length <= 60 ? 'keep' : ''}"><h3>${ctx.t('map.rankIndex')}</h3><ol class="rank-index">${byRank.map(([i, rank]) => html`<li><span class="rank">${rank}</span>${ctx.result.communities[i].name}</li>`)}</ol></div>`;
}

/** The map of community `index`: its boundary over its neighbours, green, roads and facilities,
 *  with the uncovered part of its worst life-circle gap hatched. */
export function communityMap(ctx: ReportContext, index: number, gap: CommunityGap | undefined, maxHeight = 560): Html {
  const d = ctx.input.dataset;
  const community = d.communities[index];
  const result: CommunityResult = ctx.result.communities[index];
  const ix = mapIndex(ctx);
  const own = ix.communities[index];
  if (!Number.isFinite(own[0])) return html`<p class="note">${ctx.t('map.noGeometry')}</p>`;
  const size = Math.max(own[2] - own[0], own[3] - own[1]);
  const margin = Math.max(size * 0.22, 150);
  const extent: BBox = [own[0] - margin, own[1] - margin, own[2] + margin, own[3] + margin];
  const frame = mapFrame(ctx.projection, extent, { width: 1000, minHeight: Math.min(400, maxHeight), maxHeight, pad: 0, band: 46 });
  const view = frame.visible;

  let neighbours = '';
  d.communities.forEach((c, i) => { if (i !== index && overlaps(ix.communities[i], view)) neighbours += polygonPath(frame, c.geometry); });
  const roads = linePath(frame, (d.roads ?? []).filter((_, i) => overlaps(ix.roads[i], view)).map((r) => r.coordinates));
  // Highlighted: the category of the mapped gap, else the community service facilities when a
  // floor-area rule fails (where the missing floor area would go).
  const floorFails = result.failures.some((f) => f.rule === 'areaPer100Households' || f.rule === 'stationMinArea');
  const focusCat: FacilityCategory | undefined = gap && 'category' in gap ? gap.category : floorFails ? 'community_service' : undefined;
  const focus: Position[] = [], other: Position[] = [];
  d.facilities.forEach((f, i) => {
    if (!inside(ix.facilities[i], view)) return;
    (f.category === focusCat ? focus : other).push(f.position);
  });
  const hatch = `hatch-${index}`;
  const status = result.status === 'fail' ? COLOURS.fail : COLOURS.pass;
  const fs = fontSize(frame);
  const gapPath = gap ? polygonPath(frame, gap.uncovered as MultiPolygonCoords, 0.2) : '';
  const svg = html`${svgOpen(frame, ctx.t('map.communityTitle', { name: result.name }))}${trusted(
    `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(45)"><rect width="9" height="9" fill="${COLOURS.gap}" fill-opacity="0.16"/><line x1="0" y1="0" x2="0" y2="9" stroke="${COLOURS.gap}" stroke-width="2.6" stroke-opacity="0.7"/></pattern></defs>` +
    `<rect width="100%" height="100%" fill="#fbfbf8"/>`,
  )}${greenPaths(ctx, frame, (i) => overlaps(ix.green[i], view))}${trusted(
    `<path d="${roads}" fill="none" stroke="${COLOURS.road}" stroke-width="1.6" stroke-linejoin="round"/>` +
    `<path d="${neighbours}" fill="none" stroke="#9aa6b3" stroke-width="1.2" stroke-dasharray="5 3" fill-rule="evenodd"/>` +
    `<path d="${polygonPath(frame, community.geometry)}" fill="${status.fill}" fill-opacity="0.55" stroke="none" fill-rule="evenodd"/>` +
    (gapPath ? `<path d="${gapPath}" fill="url(#${hatch})" stroke="${COLOURS.gap}" stroke-width="1" fill-rule="evenodd"/>` : '') +
    `<path d="${polygonPath(frame, community.geometry)}" fill="none" stroke="#1c2430" stroke-width="3" stroke-linejoin="round" fill-rule="evenodd"/>` +
    `<path d="${dotsPath(frame, other)}" stroke="${COLOURS.facility}" stroke-width="7" stroke-linecap="round" opacity="0.7"/>` +
    `<path d="${dotsPath(frame, focus)}" stroke="#fff" stroke-width="15" stroke-linecap="round"/>` +
    `<path d="${dotsPath(frame, focus)}" stroke="${COLOURS.focusFacility}" stroke-width="11" stroke-linecap="round"/>`,
  )}${band(frame)}${scaleBar(frame, (m) => metres(ctx, m), fs)}${northArrow(frame, ctx.t('map.north'), fs)}${trusted('</svg>')}`;
  const items: [Html, string][] = [
    [swatch('fill', status.fill, '#1c2430'), ctx.t('map.thisCommunity')],
    [trusted(`<svg class="sw" viewBox="0 0 14 14"><path d="M1 7H13" stroke="#9aa6b3" stroke-width="1.5" stroke-dasharray="3 2"/></svg>`), ctx.t('map.neighbours')],
  ];
  if (gap) {
    const label = 'green' in gap
      ? ctx.t('map.uncoveredGreen', { what: ctx.t(`standard.${gap.green}`), distance: metres(ctx, gap.green === 'park' ? ctx.result.parameters.parkDistance_m : ctx.result.parameters.greenDistance_m) })
      : ctx.t('map.uncovered', { tier: tierName(ctx, gap.tier), category: categoryName(ctx, gap.category), distance: metres(ctx, ctx.result.parameters.tiers[gap.tier] ?? 0) });
    items.push([swatch('hatch', '', COLOURS.gap, hatch), label]);
  }
  if (focusCat) {
    items.push([swatch('dot', COLOURS.focusFacility), categoryName(ctx, focusCat)]);
    items.push([swatch('dot', COLOURS.facility), ctx.t('map.otherFacilities')]);
  } else items.push([swatch('dot', COLOURS.facility), ctx.t('map.facilities')]);
  items.push([swatch('fill', COLOURS.park), ctx.t('category.park')], [swatch('fill', COLOURS.green), ctx.t('map.otherGreen')]);
  if (roads) items.push([swatch('line', COLOURS.road), ctx.t('map.roads')]);
  return html`<figure class="map-figure">${svg}${legend(items)}${caption(ctx)}</figure>`;
}
