// The map workspace: MapLibre GL basemap + deck.gl layers interleaved through MapLibreOverlay
// (@deck.gl/maplibre; MapboxOverlay crashes on maplibre-gl 6, STACK-NOTES). Layer data is built
// once per dataset; colours change through updateTriggers only.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Map as MlMap, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import mlWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { AuditResult, Facility, Position, RulePreset } from '../../engine/types';
import type { ProjectLayers } from '../../planning/project';
import type { UiChoices } from '../state/uiChoices';
import { basemapStyle, FIRST_ROAD_LAYER } from './basemapStyle';
import { basemapCollections, buildCommunityMapData, type CommunityMapData, type PolygonPart } from './layerData';
import { CATEGORY_COLORS, PENDING, SELECTED_LINE, type RGBA } from './colors';
import { colorFor, metricScale, metricValue } from './metrics';
import type { Gap } from '../../worker/engine.worker';
import { thinPoints } from './thinSymbols';

setWorkerUrl(mlWorkerUrl);

export interface MapViewProps {
  layers: ProjectLayers;
  result: AuditResult | null;
  preset: RulePreset;
  ui: UiChoices;
  selected: number | null;
  /** Bumped when the selection comes from outside the map: the map then zooms to it. */
  zoomToken: number;
  selectedFacility: number | null;
  gaps: Gap[] | null;
  symbols: Record<string, string>;
  tooltip: (kind: 'community' | 'facility' | 'gap', index: number) => string;
  onSelectCommunity: (index: number | null) => void;
  onSelectFacility: (index: number | null) => void;
  fitToken: number;
  /** Layers from other workspace parts (walking bands, moved-facility handle), drawn on top. */
  extraLayers?: Layer[];
  /** A map click at [lon, lat]; true when it was used (e.g. placing a moved facility). */
  onMapClick?: (position: Position) => boolean;
  /** The MapLibre map, for parts that handle their own gestures. */
  onMap?: (map: MlMap | null) => void;
}

const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif';
const GAP_FILL: RGBA = [204, 0, 102, 150];
/** Versions of the fill colours (deck.gl update trigger). */
let fillsCounter = 0;

declare global {
  interface Window {
    __lifecircle?: Record<string, unknown>;
  }
}

/** A phone-sized map: the side paddings kept free for the map panels would leave no room for the data. */
const narrow = (map: MlMap) => map.getContainer().clientWidth < 600;

export function MapView(p: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const [styleVersion, setStyleVersion] = useState(0);
  const [zoom, setZoom] = useState(13);
  const propsRef = useRef(p);
  propsRef.current = p;

  // Community geometry (and the fit to the data) only when the communities change: a what-if edit
  // of the facilities neither rebuilds it nor moves the view. Without communities the facilities
  // give the extent.
  const extentFacilities = p.layers.communities.length === 0 ? p.layers.facilities : null;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const mapData: CommunityMapData = useMemo(() => buildCommunityMapData(p.layers), [p.layers.communities, extentFacilities]);
  // Basemap data (water, green, roads) only when those layers change: a facility edit re-sends nothing.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const collections = useMemo(() => basemapCollections(p.layers), [p.layers.water, p.layers.green, p.layers.roads]);
  // Label data once per dataset (not per zoom change): 10,000 labels re-laid out on every zoom froze the map.
  const labels = useMemo(
    () => p.layers.communities.map((c, i) => ({ name: c.name, households: c.households, position: mapData.labelPoints[i] })).filter((d) => Number.isFinite(d.position[0])),
    [p.layers.communities, mapData],
  );

  // Symbols thinned to one per screen cell below the full zoom (thinSymbols.ts), re-chosen per
  // half zoom step: larger facilities first, the selected one always; labels of the larger
  // communities (by households) first.
  const thinZoom = Math.floor(zoom * 2) / 2;
  const facilityPositions = useMemo(() => p.layers.facilities.map((f) => f.position), [p.layers.facilities]);
  const shownFacilities = useMemo(
    () => thinPoints(facilityPositions, (i) => p.layers.facilities[i].floorArea ?? 0, thinZoom, { keep: p.selectedFacility !== null ? [p.selectedFacility] : [] }),
    [facilityPositions, p.layers.facilities, thinZoom, p.selectedFacility],
  );
  const shownLabels = useMemo(() => {
    const households = labels.map((d) => d.households ?? 0);
    return thinPoints(labels.map((d) => d.position), (i) => households[i], thinZoom, { cellPx: 90, fullZoom: 16 }).map((i) => labels[i]);
  }, [labels, thinZoom]);

  // For tests and measurements: how many facility symbols the current zoom draws.
  useEffect(() => {
    window.__lifecircle = { ...(window.__lifecircle ?? {}), facilitySymbols: { drawn: shownFacilities.length, total: p.layers.facilities.length, zoom: thinZoom } };
  }, [shownFacilities, p.layers.facilities.length, thinZoom]);

  // Map creation, once.
  useEffect(() => {
    if (!container.current) return;
    const map = new MlMap({
      container: container.current,
      style: basemapStyle(p.ui.basemap, p.ui.tiandituKey),
      center: [118.78, 32.04],
      zoom: 12,
      attributionControl: { compact: true },
      canvasContextAttributes: { antialias: false },
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 160 }), 'bottom-left');
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    map.addControl(overlay);
    map.on('zoomend', () => setZoom(map.getZoom()));
    // Selection by click: pick synchronously on MapLibre's own click event (deck.gl's onClick in
    // interleaved mode missed the first click on an idle map in headless Chromium).
    map.on('click', (e) => {
      if (propsRef.current.onMapClick?.([e.lngLat.lng, e.lngLat.lat])) return;
      const info = overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2, layerIds: ['facilities', 'gaps', 'communities'] });
      const cb = propsRef.current;
      if (!info || !info.layer) return;
      const id = info.layer.id;
      if (id === 'facilities') cb.onSelectFacility(info.object as number);
      else cb.onSelectCommunity((info.object as PolygonPart).index);
    });
    map.on('style.load', () => setStyleVersion((v) => v + 1));
    mapRef.current = map;
    overlayRef.current = overlay;
    window.__lifecircle = { ...(window.__lifecircle ?? {}), map, overlay };
    propsRef.current.onMap?.(map);
    return () => {
      propsRef.current.onMap?.(null);
      map.remove();
      mapRef.current = null;
      overlayRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Basemap switch.
  const styleKey = `${p.ui.basemap}|${p.ui.tiandituKey}`;
  const firstStyle = useRef(styleKey);
  useEffect(() => {
    if (firstStyle.current === styleKey) return;
    firstStyle.current = '';
    mapRef.current?.setStyle(basemapStyle(p.ui.basemap, p.ui.tiandituKey));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [styleKey]);

  // Basemap data, on each style load and each dataset change.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || styleVersion === 0) return;
    for (const [id, fc] of Object.entries(collections)) (map.getSource(id) as GeoJSONSource | undefined)?.setData(fc);
    if (map.getLayer('green')) map.setLayoutProperty('green', 'visibility', p.ui.showGreen && p.ui.basemap === 'offline' ? 'visible' : 'none');
    if (map.getLayer('residential')) map.setLayoutProperty('residential', 'visibility', p.ui.showResidential ? 'visible' : 'none');
  }, [collections, styleVersion, p.ui.showGreen, p.ui.showResidential, p.ui.basemap]);

  // Fit to data on a new dataset or on request.
  useEffect(() => {
    const map = mapRef.current;
    const e = mapData.extent;
    if (!map || !e) return;
    map.fitBounds([[e[0], e[1]], [e[2], e[3]]], { padding: narrow(map) ? 16 : { top: 40, bottom: 30, left: 280, right: 50 }, animate: false });
    setZoom(map.getZoom());
  }, [mapData, p.fitToken]);

  // Zoom to a selection made outside the map (table row, search).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || p.selected === null || p.zoomToken === 0) return;
    const b = mapData.bboxes[p.selected];
    if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: narrow(map) ? 40 : 160, maxZoom: 16, duration: 600 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.zoomToken]);

  // Test hook: where to click to hit a community.
  useEffect(() => {
    window.__lifecircle = {
      ...(window.__lifecircle ?? {}),
      labelPoint: (id: string) => {
        const i = p.layers.communities.findIndex((c) => c.id === id);
        return i < 0 ? null : mapData.labelPoints[i];
      },
    };
  }, [mapData, p.layers.communities]);

  // Fill colours per community, recomputed only when results or the colouring change.
  const fills = useMemo(() => {
    const out: RGBA[] = new Array(p.layers.communities.length);
    if (!p.result || p.result.communities.length !== p.layers.communities.length) return out.fill(PENDING);
    const scale = metricScale(p.ui.colorBy, p.preset);
    p.result.communities.forEach((r, i) => { out[i] = colorFor(scale, metricValue(r, p.ui.colorBy, p.ui.tier, p.ui.category)); });
    return out;
  }, [p.result, p.layers.communities.length, p.ui.colorBy, p.ui.tier, p.ui.category, p.preset]);
  // A new fills array for every new result (an edit may move shares without changing the failing count).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fillsVersion = useMemo(() => ++fillsCounter, [fills]);
  // The fills follow the result alone: a facility edit (new layers, same communities) recolours
  // nothing until its re-audit arrives.
  const fillKey = `${p.ui.colorBy}|${p.ui.tier}|${p.ui.category}|${fillsVersion}`;
  // The gap layer's polygons, rebuilt (and re-tessellated by deck.gl) only when the gaps change,
  // not whenever another layer's input does.
  const gapParts = useMemo(() => {
    const out: PolygonPart[] = [];
    for (const g of p.gaps ?? []) for (const polygon of g.polygon) out.push({ index: g.community, polygon });
    return out;
  }, [p.gaps]);
  const selectedParts = useMemo(() => (p.selected !== null ? mapData.parts.filter((d) => d.index === p.selected) : []), [mapData, p.selected]);

  const layers = useMemo(() => {
    const offline = p.ui.basemap === 'offline';
    const beforeId = offline ? FIRST_ROAD_LAYER : undefined;
    const out: Layer[] = [];
    out.push(new PolygonLayer<PolygonPart>({
      id: 'communities',
      data: mapData.parts,
      getPolygon: (d) => d.polygon,
      getFillColor: (d) => fills[d.index] ?? PENDING,
      getLineColor: [60, 60, 60, 200],
      lineWidthMinPixels: 1,
      getLineWidth: 1,
      stroked: true,
      filled: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 70],
      updateTriggers: { getFillColor: fillKey },
      beforeId,
    } as ConstructorParameters<typeof PolygonLayer<PolygonPart>>[0]));
    if (p.ui.showNetwork && p.layers.roads.length > 0)
      out.push(new PathLayer({ id: 'network', data: p.layers.roads, getPath: (r) => r.coordinates, getColor: [40, 90, 160, 200], widthUnits: 'pixels', getWidth: 2, widthMinPixels: 1.5 }));
    if (p.ui.showGaps && p.gaps) {
      out.push(new PolygonLayer<PolygonPart>({
        id: 'gaps',
        data: gapParts,
        getPolygon: (d) => d.polygon,
        getFillColor: GAP_FILL,
        getLineColor: [120, 0, 60, 255],
        lineWidthMinPixels: 1.5,
        stroked: true,
        pickable: true,
      }));
    }
    if (p.selected !== null) {
      const sel = selectedParts;
      out.push(new PolygonLayer<PolygonPart>({ id: 'selected-halo', data: sel, getPolygon: (d) => d.polygon, filled: false, stroked: true, getLineColor: [0, 0, 0, 255], lineWidthMinPixels: 7 }));
      out.push(new PolygonLayer<PolygonPart>({ id: 'selected', data: sel, getPolygon: (d) => d.polygon, filled: false, stroked: true, getLineColor: SELECTED_LINE, lineWidthMinPixels: 4 }));
    }
    // Life circles.
    const detour = p.ui.mode === 'euclidean' ? Math.max(1, p.preset.detourFactor) : 1;
    const tiers = Object.entries(p.preset.tiers).sort((a, b) => a[1].distance_m - b[1].distance_m);
    if (p.ui.circles === 'selected' && p.selectedFacility !== null && p.layers.facilities[p.selectedFacility]) {
      const f = p.layers.facilities[p.selectedFacility];
      const rings = tiers.map(([k, t]) => ({ key: k, position: f.position, radius: t.distance_m / detour }));
      out.push(new ScatterplotLayer({
        id: 'circles-selected', data: rings, getPosition: (d) => d.position, getRadius: (d) => d.radius, radiusUnits: 'meters',
        stroked: true, filled: true, getFillColor: [...CATEGORY_COLORS[f.category].slice(0, 3), 25] as RGBA, getLineColor: [...CATEGORY_COLORS[f.category].slice(0, 3), 230] as RGBA,
        lineWidthMinPixels: 2,
      }));
      out.push(new TextLayer({
        id: 'circles-selected-labels', data: rings, getPosition: (d) => offsetNorth(d.position, d.radius), getText: (d) => `${d.key} min`,
        getSize: 14, getColor: [30, 30, 30, 255], fontFamily: FONT, getPixelOffset: [0, -8], background: true, getBackgroundColor: [255, 255, 255, 220],
      }));
    } else if (p.ui.circles === 'category') {
      const t = p.preset.tiers[p.ui.tier];
      const cat = p.layers.facilities.filter((f) => f.category === p.ui.category);
      if (t)
        out.push(new ScatterplotLayer<Facility>({
          id: 'circles-category', data: cat, getPosition: (f) => f.position, getRadius: t.distance_m / detour, radiusUnits: 'meters',
          stroked: true, filled: true, getFillColor: [...CATEGORY_COLORS[p.ui.category].slice(0, 3), 30] as RGBA, getLineColor: [...CATEGORY_COLORS[p.ui.category].slice(0, 3), 200] as RGBA,
          lineWidthMinPixels: 1.5, updateTriggers: { getRadius: t.distance_m / detour },
        }));
    }
    if (p.ui.showFacilities && p.layers.facilities.length > 0) {
      const fs = p.layers.facilities;
      // Data are facility indices (thinned below the full zoom), so picks name the facility itself.
      out.push(new ScatterplotLayer<number>({
        id: 'facilities',
        data: shownFacilities,
        getPosition: (i) => fs[i].position,
        // Size by floor area (√area, so area reads as disc area), small enough that the community
        // colours stay readable at district scale; larger when zoomed in.
        getRadius: (i) => 2.5 + Math.min(5, Math.sqrt(Math.max(0, fs[i].floorArea ?? 200)) / 25),
        radiusUnits: 'pixels',
        radiusScale: zoom >= 15 ? 2.2 : zoom >= 14 ? 1.3 : 1,
        getFillColor: (i) => CATEGORY_COLORS[fs[i].category] ?? [0, 0, 0, 255],
        // Proposed (planned) facilities: a dark ring, so they stand out from existing ones.
        getLineColor: (i) => (fs[i].proposed ? [20, 20, 20, 255] : [255, 255, 255, 255]),
        getLineWidth: (i) => (fs[i].proposed ? 2.5 : 1),
        lineWidthUnits: 'pixels',
        lineWidthMinPixels: 1,
        stroked: true,
        pickable: true,
      }));
      // A symbol on each drawn disc (not on every facility: an edit then re-lays out only those).
      if (zoom >= 15)
        out.push(new TextLayer<number>({
          id: 'facility-symbols',
          data: shownFacilities,
          getPosition: (i) => fs[i].position,
          getText: (i) => p.symbols[fs[i].category] ?? '?',
          getSize: 11,
          getColor: [255, 255, 255, 255],
          fontFamily: FONT,
          fontWeight: 700,
          characterSet: 'auto',
          updateTriggers: { getText: p.symbols },
        }));
    }
    if (p.ui.showLabels && zoom >= 12.8)
      out.push(new TextLayer<{ name: string; position: Position }>({
        id: 'labels',
        data: shownLabels,
        getPosition: (d) => d.position,
        getText: (d) => d.name,
        getSize: zoom >= 14.5 ? 16 : 13,
        getColor: [20, 20, 20, 255],
        outlineWidth: 4,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        fontFamily: FONT,
        characterSet: 'auto',
        updateTriggers: { getSize: zoom >= 14.5 },
      }));
    if (p.extraLayers) out.push(...p.extraLayers);
    return out;
  }, [mapData, fills, fillKey, p.ui, p.gaps, gapParts, p.selected, selectedParts, p.selectedFacility, p.layers, p.preset, p.symbols, zoom, shownFacilities, shownLabels, p.extraLayers]);

  useEffect(() => {
    overlayRef.current?.setProps({
      layers,
      getTooltip: (info: PickingInfo) => {
        if (!info.picked || !info.layer) return null;
        const cb = propsRef.current;
        const id = info.layer.id;
        const text = id === 'facilities' ? cb.tooltip('facility', info.object as number) : id === 'communities' ? cb.tooltip('community', (info.object as PolygonPart).index) : id === 'gaps' ? cb.tooltip('gap', (info.object as PolygonPart).index) : null;
        return text ? { text, style: { fontSize: '15px', lineHeight: '1.45', whiteSpace: 'pre-line', background: 'rgba(20,20,20,0.88)', color: '#fff', borderRadius: '6px', padding: '8px 10px', maxWidth: '360px' } } : null;
      },
    });
  }, [layers]);

  return <div ref={container} className="map" data-testid="map" />;
}

/** A point `d` metres north of `p` (circle label anchor). */
function offsetNorth(p: Position, d: number): Position {
  return [p[0], p[1] + d / 110574];
}
