/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './scripts/vite-csp.ts';

export default defineConfig({
  // Relative base: the built site works under any path (GitHub Pages' /<repo>/, a sub-folder of
  // any static server, a file share); docs/DEPLOY.md.
  base: './',
  plugins: [
    react(),
    // Offline after the first visit: a Workbox service worker precaches the built files. Only
    // the build registers it (devOptions off), from an external script (the CSP allows no
    // inline one). autoUpdate: a new build replaces the old cache on the next visit.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
      devOptions: { enabled: false },
    }),
    cspPlugin(),
  ],
  worker: { format: 'es' },
  // The Worker's dependencies are found only when it starts; listing them avoids a dev-server
  // reload on first visit.
  optimizeDeps: { include: ['zod', 'comlink', 'fflate', 'd3', 'react', 'react-dom/client', 'zustand'] },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
