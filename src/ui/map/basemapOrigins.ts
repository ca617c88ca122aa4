// The hosts of the online raster basemaps (OpenStreetMap, Tianditu): requested only when the user
// picks that basemap, and the only hosts besides the app's own origin that its
// Content-Security-Policy admits (contentSecurityPolicy.ts).
export const OSM_TILE_ORIGIN = 'https://tile.openstreetmap.org';
export const TIANDITU_ORIGIN = 'https://t0.tianditu.gov.cn';
export const ONLINE_BASEMAP_ORIGINS = [OSM_TILE_ORIGIN, TIANDITU_ORIGIN] as const;
