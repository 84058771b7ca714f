import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API runs on :3000 in development; in production the server serves dist/ itself.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  preview: { port: 4173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/check-bundle.mjs reads the manifest to measure what the login route loads.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    // Phones' in-app browsers (WeChat's X5/XWeb, iOS 14–15 WebViews) and the older Chromium cores of
    // office browsers lag behind Vite's default (Chrome 111 / iOS 16.4); syntax is lowered for them.
    target: ['es2020', 'chrome87', 'edge88', 'firefox78', 'safari14', 'ios14'],
    // Two pages: the console, and the small phone pages behind the integrity codes (/r/<token>, /report).
    rolldownOptions: { input: { main: 'index.html', public: 'public.html' } },
  },
});
