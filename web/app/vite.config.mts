/**
 * The web view's build (npm run build runs `vite build --config web/app/vite.config.mts`): React
 * pages in web/app/src bundled into build/web, served by the API server at / (src/web.ts).
 * `npm run web:dev` serves the same pages with hot reload on :5173 and sends /graphql to the API
 * on :4000, which is how a front-end team works on its own view.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Written against React's API and types; built with Preact's compatible runtime, a tenth of
  // React's size, so the dashboard page's script is small and quick to start on a slow machine.
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
    ],
  },
  // Nothing is fetched from elsewhere at run time: no CDN, no fonts, no telemetry.
  build: {
    outDir: fileURLToPath(new URL('../../build/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: true,
    // The charts (Observable Plot and the d3 modules it uses) load only on an indicator page.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
