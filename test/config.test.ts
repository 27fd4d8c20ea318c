import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  test('the response cache is on unless RESPONSE_CACHE says off', () => {
    assert.equal(loadConfig({}).responseCache, true);
    assert.equal(loadConfig({ RESPONSE_CACHE: 'off' }).responseCache, false);
    assert.equal(loadConfig({ RESPONSE_CACHE: 'ON' }).responseCache, true);
    assert.throws(() => loadConfig({ RESPONSE_CACHE: 'sometimes' }), /RESPONSE_CACHE must be on or off \(got "sometimes"\)/);
  });

  test('defaults give a working server on SQLite', () => {
    const config = loadConfig({});
    assert.deepEqual([config.port, config.databaseUrl, config.maxPageSize], [4000, 'sqlite:data/dashboard.sqlite', 100]);
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be a whole number from 0 to 65535/);
  });

  test('anonymous reads are allowed unless PUBLIC_READ says off', () => {
    assert.equal(loadConfig({}).publicRead, true);
    assert.equal(loadConfig({ PUBLIC_READ: 'off' }).publicRead, false);
    assert.throws(() => loadConfig({ PUBLIC_READ: 'keys-only' }), /PUBLIC_READ must be on or off \(got "keys-only"\)/);
  });

  test('stack traces only under NODE_ENV=development: the safe choice is the default', () => {
    assert.equal(loadConfig({}).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'development' }).development, true);
  });

  test('rate limits: generous by default, a number a minute, off or 0 for none', () => {
    assert.deepEqual(loadConfig({}).rateLimit, { anonymous: 600, key: 3000 });
    assert.deepEqual(loadConfig({ RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_PER_MINUTE_WITH_KEY: 'off' }).rateLimit, { anonymous: 60, key: 0 });
    assert.deepEqual(loadConfig({ RATE_LIMIT_PER_MINUTE: 'OFF', RATE_LIMIT_PER_MINUTE_WITH_KEY: '0' }).rateLimit, { anonymous: 0, key: 0 });
    assert.throws(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' }), /RATE_LIMIT_PER_MINUTE must be off or a whole number from 0 to 1000000 \(got "lots"\)/);
  });
});
