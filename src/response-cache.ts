/**
 * Whole responses, cached by the exact request (body: operation, variables and operation name),
 * the caller's credentials and the data version. A write anywhere (any process, any CLI) raises the
 * data version, so no entry outlives the data it was computed from; old entries simply stop being
 * asked for and age out of the LRU. `RESPONSE_CACHE=off` leaves it out entirely.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

/** What the cache keeps of a response: its bytes, and each compressed form once it has been asked for. */
interface CachedResponse {
  readonly body: Buffer;
  /** As Apollo chose it for the request's Accept header (which is part of the key). */
  readonly contentType: string;
  br?: Buffer;
  gzip?: Buffer;
}

/** Brotli at a middling quality: close to the best ratio for JSON, at a fraction of quality 11's time. */
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } };

/** Set on the request by the lookup when it missed, read by the plugin when the answer is ready. */
export interface CacheSlot {
  key: string;
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse>;

  constructor(maxBytes = 64 * 1024 * 1024) {
    // Sized by the plain bytes twice over: room for the compressed forms added later.
    this.entries = new LRUCache<string, CachedResponse>({ maxSize: maxBytes, sizeCalculation: (entry) => entry.body.length * 2 + 64 });
  }

  static key(version: number, request: IncomingMessage, rawBody: Buffer): string {
    const hash = createHash('sha256');
    // Credentials change who may see what; Accept changes the media type Apollo answers with.
    const { authorization, accept } = request.headers;
    hash.update(JSON.stringify([version, authorization ?? '', request.headers['x-api-key'] ?? '', accept ?? '']));
    hash.update(rawBody);
    return hash.digest('base64url');
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: string, contentType: string): void {
    this.entries.set(key, { body: Buffer.from(body, 'utf8'), contentType });
  }

  /**
   * Answers a request seen before for this data version from memory, before Express and Apollo
   * run; otherwise leaves a slot on the request for the plugin to fill. Returns whether it answered.
   */
  answer(request: RequestWithCache, response: ServerResponse, raw: Buffer, version: number): boolean {
    const key = ResponseCache.key(version, request, raw);
    const hit = this.get(key);
    if (hit) {
      // Compressed as the client accepts, each form made once and kept with the entry.
      const encoding = new Negotiator(request).encoding(['br', 'gzip', 'identity']);
      let bytes = hit.body;
      if (encoding === 'br') bytes = hit.br ??= zlib.brotliCompressSync(hit.body, BROTLI);
      else if (encoding === 'gzip') bytes = hit.gzip ??= zlib.gzipSync(hit.body);
      response.writeHead(200, {
        'content-type': hit.contentType,
        'content-length': bytes.length,
        vary: 'Accept, Accept-Encoding',
        'x-response-cache': 'hit',
        ...(bytes !== hit.body ? { 'content-encoding': encoding } : {}),
      });
      response.end(bytes);
      return true;
    }
    request.cacheSlot = { key };
    return false;
  }

  /** Keeps the answers of queries that succeeded without errors; mutations and errors are never cached. */
  plugin(): ApolloServerPlugin<{ cacheSlot?: CacheSlot }> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async ({ contextValue, operation, response, request }) => {
          const slot = contextValue.cacheSlot;
          if (!slot || operation?.operation !== 'query' || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          if (singleResult.errors || (response.http.status ?? 200) !== 200) return;
          const contentType = contentTypeFor(request.http?.headers.get('accept'));
          if (contentType) this.set(slot.key, `${JSON.stringify(singleResult)}\n`, contentType);
        },
      }),
    };
  }
}

const MEDIA_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];

/**
 * The media type Apollo answers a single result with for an Accept header (its own rule, which it
 * applies only after the plugins run); null when Apollo would refuse it (406): then nothing is kept.
 */
export function contentTypeFor(accept: string | undefined): string | null {
  if (!accept) return MEDIA_TYPES[0];
  return new Negotiator({ headers: { accept } }).mediaType(MEDIA_TYPES) ?? null;
}

/** What the server's request handler puts on a request. */
export interface RequestWithCache extends IncomingMessage {
  body?: unknown;
  dataVersion?: number;
  cacheSlot?: CacheSlot;
}
