/**
 * serveTestDatabase of test/support/server.ts: the server it starts answers with the settings and
 * keys asked for, stop() takes down both the server and the database, and a failure on the way up
 * leaves nothing running.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenTestDatabase } from './database';
import { serveTestDatabase } from './server';

describe('serveTestDatabase', () => {
  test('serves the seeded database with the settings and keys asked for; stop() takes both down', async () => {
    const served = await serveTestDatabase({ env: { PUBLIC_READ: 'off' }, config: { maxComplexity: 50 }, keys: { viewer: { name: 'Helper test', role: 'VIEWER', areas: [] } } });
    try {
      assert.equal(served.url, served.server.url);
      assert.equal(served.url, `${served.origin}/graphql`);
      assert.equal((await fetch(`${served.origin}/health`)).status, 200);
      const body = JSON.stringify({ query: '{ dashboards { title } }' });
      const anonymous = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(anonymous.status, 401, 'PUBLIC_READ=off came from env');
      const keyed = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${served.tokens.viewer}` }, body });
      assert.deepEqual(await keyed.json(), { data: { dashboards: [{ title: 'Safer Communities Performance Dashboard' }] }, extensions: { cost: { requested: 2, limit: 50 } } });
    } finally {
      await served.stop();
    }
    assert.equal(served.db.dataSource.isInitialized, false, 'the database is closed');
    await assert.rejects(fetch(`${served.origin}/health`), 'the server no longer accepts connections');
  });

  test('a failure before the server is up closes the database and is thrown', async () => {
    let opened: OpenTestDatabase | undefined;
    await assert.rejects(serveTestDatabase({ seed: false, prepare: async (db) => {
      opened = db;
      throw new Error('prepare failed');
    } }), /prepare failed/);
    assert.equal(opened?.dataSource.isInitialized, false);
  });
});
