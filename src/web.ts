/**
 * The web view (web/app, built by vite into WEB_DIR): its pages at `/`, `/dashboards/<slug>`, `/key` and
 * `/indicators/<id>` all answer the one index.html, and the browser draws the page from the API.
 * Assets carry a hash of their content in their names, so browsers may keep them for a year.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

/** build/web, beside the compiled build/src/. */
export const WEB_DIR = join(__dirname, '..', 'web');

/** The paths that are pages of the web view (anything else is not found, as before). */
export const WEB_PAGES = ['/', '/dashboards/:slug', '/indicators/*id', '/key'] as const;

export function webRouter(dir = WEB_DIR): express.Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  const page = existsSync(index) ? readFileSync(index) : undefined;
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
  router.get([...WEB_PAGES], (_request, response) => {
    if (!page) {
      response.status(404).type('text/plain').send('The web view was not built: run `npm run build` (it bundles web/app into build/web).\n');
      return;
    }
    // The page is tiny and names the current assets: always revalidate it.
    response.set('cache-control', 'no-cache').type('html').send(page);
  });
  return router;
}
