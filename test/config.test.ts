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

  test('stack traces only under NODE_ENV=development: the safe choice is the default', () => {
    assert.equal(loadConfig({}).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).development, false);
    assert.equal(loadConfig({ NODE_ENV: 'development' }).development, true);
  });
});
