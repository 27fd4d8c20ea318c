/**
 * Scaling out: two server processes on one database (here two servers, each with its own
 * connection pool, as two processes would have) answer from their caches, a CLI import changes a
 * value, and both answer the new value on their next request, because the import raised the data
 * version that keys both the reference data and the response cache. A key revoked through one
 * server's database connection is refused by both on their next request, the same way. Runs on
 * SQLite and PostgreSQL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/data-source';
import { RunningServer, startServer } from '../../src/server';
import { createKey, revokeKey } from '../../src/services/keys';
import { openTestDatabase, OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'import-csv.js');
const QUERY = '{ indicator(id: "safer-communities/total-crime-rate") { value(area: "E10000018", period: "2013-14") { value formatted } } dashboards { id title } }';

describe('two servers on one database', () => {
  let db: OpenTestDatabase;
  const sources: DataSource[] = [];
  const servers: RunningServer[] = [];

  before(async () => {
    db = await openTestDatabase({ seed: true });
    for (let i = 0; i < 2; i++) {
      const dataSource = await openDatabase(db.database.url);
      sources.push(dataSource);
      servers.push(await startServer({ ...loadConfig({}), port: 0, responseCache: true }, dataSource));
    }
  });
  after(async () => {
    for (const server of servers) await server.stop();
    for (const dataSource of sources) await dataSource.destroy();
    await db?.close();
  });

  async function ask(server: RunningServer): Promise<{ value: number; cached: boolean }> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const body = (await response.json()) as { data: { indicator: { value: { value: number } } }; errors?: unknown };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { value: body.data.indicator.value.value, cached: response.headers.get('x-response-cache') === 'hit' };
  }

  test('a CLI import is seen by both servers on their next request, through both caches', async () => {
    for (const server of servers) {
      assert.deepEqual(await ask(server), { value: 47.18, cached: false });
      assert.deepEqual(await ask(server), { value: 47.18, cached: true }, 'the second answer comes from the response cache');
    }
    const file = join(mkdtempSync(join(tmpdir(), 'two-servers-')), 'recount.csv');
    writeFileSync(file, 'indicator,area_code,period,value,note\nsafer-communities/total-crime-rate,E10000018,2013-14,47.2,Recounted\n');
    const imported = spawnSync(process.execPath, [CLI, file], { env: { ...process.env, DATABASE_URL: db.database.url }, encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    for (const server of servers) assert.deepEqual(await ask(server), { value: 47.2, cached: false });
    for (const server of servers) assert.deepEqual(await ask(server), { value: 47.2, cached: true });
  });

  test('a key revoked through one server is refused by the other on its next request', async () => {
    const { key, token } = await createKey(sources[0], { name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] });
    const status = async (server: RunningServer): Promise<number> =>
      (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) })).status;
    // Twice each: the key is verified, then remembered, and the answer cached, on both servers.
    for (const server of servers) assert.deepEqual([await status(server), await status(server)], [200, 200]);
    await revokeKey(sources[0], key.id);
    assert.equal(await status(servers[1]), 401);
    assert.equal(await status(servers[0]), 401);
  });

  test('with RESPONSE_CACHE=off no answer is reused: the same request is computed again', async () => {
    const dataSource = await openDatabase(db.database.url);
    const server = await startServer({ ...loadConfig({ RESPONSE_CACHE: 'off' }), port: 0 }, dataSource);
    try {
      for (let i = 0; i < 3; i++) assert.equal((await ask(server)).cached, false);
    } finally {
      await server.stop();
      await dataSource.destroy();
    }
  });
});
