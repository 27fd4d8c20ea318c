/**
 * Whole responses, cached by the exact request (body: operation, variables and operation name),
 * the caller's credentials and the data version. A write anywhere (any process, any CLI) raises the
 * data version, so no entry outlives the data it was computed from; old entries simply stop being
 * asked for and age out of the LRU. `RESPONSE_CACHE=off` leaves it out entirely.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';

/** What the cache keeps of a response: its bytes as sent. */
interface CachedResponse {
  readonly body: Buffer;
}

/** Set on the request by the lookup when it missed, read by the plugin when the answer is ready. */
export interface CacheSlot {
  key: string;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxBytes = 64 * 1024 * 1024) {
    this.entries = new LRUCache<string, CachedResponse>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.body.length + 64 });
  }

  static key(version: number, request: Request, rawBody: Buffer): string {
    const hash = createHash('sha256');
    hash.update(`${version}\u0000${request.headers.authorization ?? ''}\u0000${request.headers['x-api-key'] ?? ''}\u0000`);
    hash.update(rawBody);
    return hash.digest('base64url');
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: string): void {
    this.entries.set(key, { body: Buffer.from(body, 'utf8') });
  }

  /**
   * Express middleware after the JSON body parser: answers a POST it has seen before for this data
   * version from memory, else leaves a slot on the request for the plugin to fill.
   */
  lookup(readVersion: () => Promise<number>): RequestHandler {
    return (request, response, next) => {
      const raw = (request as RequestWithCache).rawBody;
      if (request.method !== 'POST' || !raw) {
        next();
        return;
      }
      readVersion().then((version) => {
        (request as RequestWithCache).dataVersion = version;
        const key = ResponseCache.key(version, request, raw);
        const hit = this.get(key);
        if (hit) {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': hit.body.length, 'x-response-cache': 'hit' });
          response.end(hit.body);
          return;
        }
        (request as RequestWithCache).cacheSlot = { key };
        next();
      }, next);
    };
  }

  /** Keeps the answers of queries that succeeded without errors; mutations and errors are never cached. */
  plugin(): ApolloServerPlugin<{ cacheSlot?: CacheSlot }> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, operation, response }) => {
          const slot = contextValue.cacheSlot;
          if (!slot || operation?.operation !== 'query' || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors || (response.http.status ?? 200) !== 200) return;
          this.set(slot.key, `${JSON.stringify(singleResult)}\n`);
        },
      }),
    };
  }
}

/** What the server's middleware puts on a request. */
export interface RequestWithCache extends Request {
  rawBody?: Buffer;
  dataVersion?: number;
  cacheSlot?: CacheSlot;
}
