// The basemap as a MapLibre style. Offline by default: no tile server, drawn from the loaded
// layers (background, water, green/parks, roads by class with zoom-dependent widths). Online raster
// basemaps (OpenStreetMap, Tianditu with the user's key) are options. No glyphs are needed:
// community labels are drawn by deck.gl's TextLayer.
import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import type { Basemap } from '../state/uiChoices';
import { OSM_TILE_ORIGIN, TIANDITU_ORIGIN } from './basemapOrigins';

export const BASEMAP_SOURCES = ['water', 'green', 'roads', 'residential'] as const;

const emptyFc = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** Road classes (demo: main/street/lane/path/bridge; OSM highway values map onto them). */
const ROAD_WIDTH: [string, number, number][] = [
  ['main', 2.5, 14],
  ['street', 1.6, 9],
  ['bridge', 1.6, 9],
  ['lane', 0.8, 5],
  ['path', 0.6, 3],
];
const OSM_CLASS: Record<string, string> = {
  motorway: 'main', trunk: 'main', primary: 'main', secondary: 'main',
  tertiary: 'street', residential: 'street', unclassified: 'street', living_street: 'street',
  service: 'lane', footway: 'path', pedestrian: 'path', path: 'path', steps: 'path', cycleway: 'path', track: 'path',
};
export const roadClass = (kind: string | undefined): string => (kind ? (OSM_CLASS[kind] ?? (ROAD_WIDTH.some((r) => r[0] === kind) ? kind : 'street')) : 'street');

function rasterLayer(basemap: Basemap, key: string): { sources: StyleSpecification['sources']; layers: LayerSpecification[] } {
  if (basemap === 'osm')
    return {
      sources: { raster: { type: 'raster', tiles: [`${OSM_TILE_ORIGIN}/{z}/{x}/{y}.png`], tileSize: 256, attribution: '© OpenStreetMap contributors', maxzoom: 19 } },
      layers: [{ id: 'raster', type: 'raster', source: 'raster' }],
    };
  if (basemap === 'tianditu' && key) {
    const url = (layer: string) => `${TIANDITU_ORIGIN}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
    return {
      sources: {
        raster: { type: 'raster', tiles: [url('vec')], tileSize: 256, attribution: '© 天地图 Tianditu' },
        rasterLabels: { type: 'raster', tiles: [url('cva')], tileSize: 256 },
      },
      layers: [{ id: 'raster', type: 'raster', source: 'raster' }, { id: 'raster-labels', type: 'raster', source: 'rasterLabels' }],
    };
  }
  return { sources: {}, layers: [] };
}

export function basemapStyle(basemap: Basemap, tiandituKey: string): StyleSpecification {
  const online = rasterLayer(basemap, tiandituKey);
  const offline = online.layers.length === 0;
  const roadLayers: LayerSpecification[] = ROAD_WIDTH.slice().reverse().flatMap(([cls, w12, w17]): LayerSpecification[] => [
    {
      id: `road-casing-${cls}`,
      type: 'line',
      source: 'roads',
      // At district scale a dense lane network would wash the map out: minor classes and casings appear when zoomed in.
      minzoom: cls === 'lane' || cls === 'path' ? 14.5 : 13.5,
      filter: ['==', ['get', 'cls'], cls],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#c9c3b8', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, w12 + 1, 17, w17 + 2] },
    },
    {
      id: `road-${cls}`,
      type: 'line',
      source: 'roads',
      minzoom: cls === 'lane' || cls === 'path' ? 14 : 0,
      filter: ['==', ['get', 'cls'], cls],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': cls === 'main' ? '#fff6d9' : '#ffffff', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 12, w12, 17, w17] },
    },
  ]);
  return {
    version: 8,
    sources: {
      ...online.sources,
      water: { type: 'geojson', data: emptyFc() },
      green: { type: 'geojson', data: emptyFc() },
      roads: { type: 'geojson', data: emptyFc() },
      residential: { type: 'geojson', data: emptyFc() },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      ...online.layers,
      { id: 'green', type: 'fill', source: 'green', layout: { visibility: offline ? 'visible' : 'none' }, paint: { 'fill-color': ['match', ['get', 'kind'], 'park', '#b5dba0', '#d3e8c4'], 'fill-outline-color': '#8fc27a' } },
      // Residential land (居住用地), drawn in every basemap: coverage is measured over it when present.
      { id: 'residential', type: 'fill', source: 'residential', paint: { 'fill-color': '#e8c9a0', 'fill-opacity': 0.55, 'fill-outline-color': '#b8895a' } },
      { id: 'water', type: 'fill', source: 'water', layout: { visibility: offline ? 'visible' : 'none' }, paint: { 'fill-color': '#a9cde8' } },
      ...(offline ? roadLayers : []),
    ],
  };
}

/** The first road layer: deck.gl community fills are inserted below it so streets stay visible. */
export const FIRST_ROAD_LAYER = `road-casing-path`;
