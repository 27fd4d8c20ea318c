/**
 * Rate limits per caller: a token bucket for each API key and each anonymous remote address,
 * holding a minute's allowance and refilled continuously, so a caller may send a burst of up to
 * the limit and then the limit a minute. Kept in this process's memory: each replica counts its
 * own requests.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';

/**
 * Who is asking: `key:<sha256 of the bearer token>` for a request with `Authorization: Bearer
 * <token>`, else `ip:<remote address>`. The token is not checked here (API keys are verified
 * elsewhere); a hash keeps it out of memory dumps and lets an unknown token be counted on its own.
 */
export function rateLimitKey(request: IncomingMessage): string {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token) return `key:${createHash('sha256').update(token).digest('hex')}`;
  return `ip:${request.socket.remoteAddress ?? 'unknown'}`;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last worked out, in the clock's milliseconds. */
  at: number;
}

/** Callers remembered at once; a caller forgotten (the least recently seen) starts again with a full bucket. */
const MAX_CALLERS = 100_000;
const MINUTE_MS = 60_000;

/** One token bucket per caller, each holding `perMinute` tokens and refilled at `perMinute` a minute. */
export class TokenBuckets {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly perMs: number;

  constructor(readonly perMinute: number, private readonly now: () => number = () => performance.now()) {
    if (!(perMinute > 0)) throw new Error(`a rate limit must be above 0 a minute (got ${perMinute})`);
    this.perMs = perMinute / MINUTE_MS;
    // A bucket left alone for a minute is full again, the same as a new one: it need not be kept.
    this.buckets = new LRUCache<string, Bucket>({ max: MAX_CALLERS, ttl: MINUTE_MS, updateAgeOnGet: true });
  }

  /** Takes a token for the caller: 0 when there was one, else the seconds (at least 1) until there will be. */
  take(caller: string): number {
    const bucket = this.refill(caller);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.wait(bucket);
  }

  /** Like take, without taking: 0 when the caller has a token left, else the seconds until it will. */
  peek(caller: string): number {
    const bucket = this.refill(caller);
    return bucket.tokens >= 1 ? 0 : this.wait(bucket);
  }

  private refill(caller: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(caller, bucket);
    return bucket;
  }

  private wait(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }
}

export interface RateLimited {
  /** Seconds until the caller may send again (the Retry-After header). */
  readonly retryAfter: number;
  readonly perMinute: number;
  /** Which limit: a key's, or an anonymous address's. */
  readonly caller: 'key' | 'address';
}

/**
 * The two limits of src/config.ts (0 is none): per API key and per anonymous address. Keys that
 * are refused (forged, revoked, mistyped) are also counted against their address, at the anonymous
 * limit: a new made-up key each time would otherwise escape every limit, each one costing a scrypt.
 */
export class RateLimiter {
  private readonly anonymous: TokenBuckets | null;
  private readonly keys: TokenBuckets | null;
  private readonly refusals: TokenBuckets | null;

  constructor(limits: { readonly anonymous: number; readonly key: number }, now?: () => number) {
    this.anonymous = limits.anonymous > 0 ? new TokenBuckets(limits.anonymous, now) : null;
    this.keys = limits.key > 0 ? new TokenBuckets(limits.key, now) : null;
    this.refusals = limits.anonymous > 0 ? new TokenBuckets(limits.anonymous, now) : null;
  }

  /** Counts a refused key against its address (call it after answering 401). */
  refused(request: IncomingMessage): void {
    this.refusals?.take(`ip:${request.socket.remoteAddress ?? 'unknown'}`);
  }

  /** Counts the request against its caller's limit: null when it may go on. */
  check(request: IncomingMessage): RateLimited | null {
    const caller = rateLimitKey(request);
    if (caller.startsWith('key:') && this.refusals) {
      // An address whose keys keep being refused waits like an anonymous caller over its limit.
      const waiting = this.refusals.peek(`ip:${request.socket.remoteAddress ?? 'unknown'}`);
      if (waiting > 0) return { retryAfter: waiting, perMinute: this.refusals.perMinute, caller: 'address' };
    }
    const buckets = caller.startsWith('key:') ? this.keys : this.anonymous;
    const retryAfter = buckets?.take(caller) ?? 0;
    if (retryAfter === 0) return null;
    return { retryAfter, perMinute: buckets!.perMinute, caller: buckets === this.keys ? 'key' : 'address' };
  }
}
