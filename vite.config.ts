import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './src/ui/contentSecurityPolicy';

/** The built index.html declares the Content-Security-Policy (the dev server, with its inline
 *  HMR client, does not). */
function cspMeta(): Plugin {
  return {
    name: 'lifecircle-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' }],
  };
}

// The app is served from any sub-path (file shares, intranet servers): relative base.
export default defineConfig({
  base: './',
  plugins: [react(), cspMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { port: 5173 },
  preview: { port: 4173, headers: { 'Content-Security-Policy': contentSecurityPolicy() } },
});
