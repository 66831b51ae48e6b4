import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The admin app. Built into admin/dist and served by the server at /admin (server/app.ts);
 * `npm run dev:admin` serves it with hot reload and passes /graphql (HTTP and WebSocket) and the
 * public pages to the server on :4000 (override with TIANPING_SERVER).
 */
const server = process.env.TIANPING_SERVER ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // react-admin and MUI are one big chunk on purpose (the app is used on a LAN, cached for a year).
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/graphql': { target: server, ws: true, changeOrigin: false },
      '/public': { target: server },
    },
  },
});
