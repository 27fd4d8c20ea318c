/**
 * The playground: GET /graphql from a browser (Accept preferring text/html) answers GraphiQL's
 * page, and its assets are served from GRAPHIQL_ASSETS_PATH, all built by
 * scripts/build-graphiql.ts into GRAPHIQL_DIR. Everything else at /graphql is Apollo's.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import Negotiator from 'negotiator';

/** build/graphiql, beside the compiled build/src/. */
export const GRAPHIQL_DIR = join(__dirname, '..', 'graphiql');
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

/** True when the request prefers an HTML page to a GraphQL answer (a browser's address bar). */
export function prefersHtml(request: Pick<IncomingMessage, 'headers'>): boolean {
  // GraphQL's media types first, so that `*/*` (curl, fetch) chooses them.
  return new Negotiator(request).mediaType(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/** The page at GET /graphql and its assets; a 404 with how to build it when it was not built. */
export function graphiqlRouter(dir = GRAPHIQL_DIR): express.Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  const page = existsSync(index) ? readFileSync(index) : undefined;
  // Asset names carry a hash of their content: a new build has new names.
  router.use(GRAPHIQL_ASSETS_PATH, express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  router.get('/graphql', (request, response, next) => {
    // One URL, two representations: caches must keep them apart.
    response.vary('Accept');
    if (!prefersHtml(request)) {
      next();
      return;
    }
    if (!page) {
      response.status(404).type('text/plain').send('GraphiQL was not built: run `npm run build` (it bundles web/graphiql into build/graphiql).\n');
      return;
    }
    response.set('cache-control', 'no-cache').type('html').send(page);
  });
  return router;
}
