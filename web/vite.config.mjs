// Vite builds the console to web/dist (scripts/build.mjs runs it). No React plugin (not
// installed): Vite's own Oxc transform compiles TSX with the automatic JSX runtime; fast refresh
// is the only thing lost, and only in `vite dev`.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    assetsDir: 'assets',
    rollupOptions: {
      // react-router marks its module "use client" (for React Server Components): meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // `npx vite web` for development against a running gateway (npm start).
  server: { proxy: { '/api': { target: process.env.CRM_GATEWAY_URL ?? 'http://127.0.0.1:3000', ws: true } } },
});
