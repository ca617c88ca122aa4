// The built app's Content-Security-Policy (CSP Level 3, https://www.w3.org/TR/CSP3/): scripts,
// workers, styles, fonts and data from the app's own origin only; images and tile requests also
// from the online basemap hosts, which the app contacts only when the user picks that basemap.
// Anything else is refused by the browser, e.g. the loader CDN URLs that deck.gl's loaders carry
// in the bundle (unpkg.com, cdn.jsdelivr.net). Served as an HTTP header by `vite preview` (the
// header also binds the workers) and as a <meta> tag in the built index.html for static hosting.
import { ONLINE_BASEMAP_ORIGINS } from './map/basemapOrigins';

export function contentSecurityPolicy(options: { meta?: boolean } = {}): string {
  const basemaps = ONLINE_BASEMAP_ORIGINS.join(' ');
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    // MapLibre may start its workers from blob: URLs.
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    // Inline style attributes are set by React and MapLibre.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `img-src 'self' data: blob: ${basemaps}`,
    `connect-src 'self' data: blob: ${basemaps}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ];
  // frame-ancestors is ignored (and warned about) in a <meta> policy.
  if (!options.meta) directives.push("frame-ancestors 'self'");
  return directives.join('; ');
}
