import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RateLimiter, rateLimitKey, TokenBuckets } from '../src/rate-limit';

/** A request as far as the limiter reads one: its headers and the address it came from. */
function requestFrom(address: string, headers: Record<string, string> = {}): IncomingMessage {
  return { headers, socket: { remoteAddress: address } } as unknown as IncomingMessage;
}

/** A clock the test moves by hand, in milliseconds. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('rateLimitKey', () => {
  test('a bearer token is the caller, hashed; without one, the remote address', () => {
    const sha = createHash('sha256').update('secret-key').digest('hex');
    assert.equal(rateLimitKey(requestFrom('10.0.0.1', { authorization: 'Bearer secret-key' })), `key:${sha}`);
    assert.equal(rateLimitKey(requestFrom('10.0.0.2', { authorization: 'bearer  secret-key ' })), `key:${sha}`, 'the scheme in any case, spaces around the token');
    assert.equal(rateLimitKey(requestFrom('10.0.0.1')), 'ip:10.0.0.1');
    assert.equal(rateLimitKey(requestFrom('::1', { authorization: 'Basic dXNlcjpwdw==' })), 'ip:::1', 'another scheme is no key');
    assert.equal(rateLimitKey(requestFrom('::1', { authorization: 'Bearer ' })), 'ip:::1', 'an empty token is no key');
  });
});

describe('TokenBuckets', () => {
  test('a burst of a minute\'s allowance, then one request each time a token is refilled', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(60, clock.now);
    for (let i = 0; i < 60; i++) assert.equal(buckets.take('a'), 0, `request ${i + 1} of the burst`);
    assert.equal(buckets.take('a'), 1, 'the 61st waits for the next token, a second away');
    clock.advance(999);
    assert.equal(buckets.take('a'), 1, 'a refused request takes nothing: still under a token');
    clock.advance(1);
    assert.equal(buckets.take('a'), 0);
    assert.equal(buckets.take('b'), 0, 'another caller has its own bucket');
  });

  test('Retry-After is whole seconds, rounded up, and at least 1', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(6, clock.now);
    for (let i = 0; i < 6; i++) buckets.take('a');
    assert.equal(buckets.take('a'), 10, 'six a minute: one every 10 s');
    clock.advance(9_500);
    assert.equal(buckets.take('a'), 1, 'half a second away is 1 s');
  });

  test('an idle caller gets no more than a full bucket back', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(3, clock.now);
    clock.advance(3_600_000);
    for (let i = 0; i < 3; i++) assert.equal(buckets.take('a'), 0);
    assert.ok(buckets.take('a') > 0);
  });

  test('a limit must be above 0', () => {
    assert.throws(() => new TokenBuckets(0), /a rate limit must be above 0 a minute \(got 0\)/);
  });
});

describe('RateLimiter', () => {
  test('keys and anonymous addresses have their own limits; 0 is none', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ anonymous: 1, key: 2 }, clock.now);
    const anonymous = requestFrom('10.0.0.1');
    const keyed = requestFrom('10.0.0.1', { authorization: 'Bearer k' });
    assert.equal(limiter.check(anonymous), null);
    assert.deepEqual(limiter.check(anonymous), { retryAfter: 60, perMinute: 1, caller: 'address' });
    assert.equal(limiter.check(keyed), null, 'a key from the same address is counted apart');
    assert.equal(limiter.check(keyed), null);
    assert.deepEqual(limiter.check(keyed), { retryAfter: 30, perMinute: 2, caller: 'key' });

    const keysOnly = new RateLimiter({ anonymous: 0, key: 1 }, clock.now);
    for (let i = 0; i < 1000; i++) assert.equal(keysOnly.check(anonymous), null);
    assert.equal(keysOnly.check(keyed), null);
    assert.notEqual(keysOnly.check(keyed), null);
  });

  test('refused keys count against their address: a new made-up key each time does not escape the limit', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ anonymous: 3, key: 100 }, clock.now);
    for (let i = 0; i < 3; i++) {
      const forged = requestFrom('10.0.0.9', { authorization: `Bearer forged-${i}` });
      assert.equal(limiter.check(forged), null, `attempt ${i + 1}`);
      limiter.refused(forged);
    }
    assert.deepEqual(limiter.check(requestFrom('10.0.0.9', { authorization: 'Bearer forged-4' })), { retryAfter: 20, perMinute: 3, caller: 'address' });
    assert.equal(limiter.check(requestFrom('10.0.0.8', { authorization: 'Bearer good' })), null, 'another address is not held up');
    clock.advance(20_000);
    assert.equal(limiter.check(requestFrom('10.0.0.9', { authorization: 'Bearer forged-5' })), null, 'a token back after 20 s');
  });
});
