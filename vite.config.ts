import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served from any sub-path (file shares, intranet servers): relative base.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { port: 5173 },
  preview: { port: 4173 },
});
