/**
 * API keys over HTTP: Query.viewer for anonymous callers and keys; an HTTP 401 (code
 * UNAUTHENTICATED, a GraphQL-shaped JSON body) for a key that is not valid, on every path a request
 * can take, for a key revoked while the server runs (with the response cache on: never a cached
 * answer), and for anonymous requests when PUBLIC_READ=off; and when a key was last used.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { join } from 'node:path';
import { formatKey, newKeyId, parseKey } from '../../src/auth/key-text';
import { ApiKey, AuditEvent } from '../../src/entities';
import { createKey, revokeKey } from '../../src/services/keys';
import type { RunningServer } from '../../src/server';
import type { OpenTestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';
import { serveTestDatabase } from '../support/server';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'keys.js');
const VIEWER = '{ viewer { keyName role areas { id name } } }';
const TITLE = '{ dashboard(slug: "safer-communities-2014-15-q2") { title } }';

interface Answer {
  status: number;
  cached: boolean;
  challenge: string | null;
  body: { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function ask(server: RunningServer, query: string, key?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }), ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, cached: response.headers.get('x-response-cache') === 'hit', challenge: response.headers.get('www-authenticate'), body: await response.json() as Answer['body'] };
}

function assertUnauthenticated(answer: Answer, message: RegExp): void {
  assert.equal(answer.status, 401, JSON.stringify(answer.body));
  assert.equal(answer.challenge, 'Bearer');
  assert.equal(answer.body.data, undefined);
  assert.equal(answer.body.errors?.length, 1);
  assert.equal(answer.body.errors![0].extensions?.code, 'UNAUTHENTICATED');
  assert.match(answer.body.errors![0].message, message);
}

describe('API keys over HTTP', () => {
  let db: OpenTestDatabase;
  let server: RunningServer;
  let stop: () => Promise<void>;
  let editor: string;
  let admin: string;
  before(async () => {
    ({ db, server, stop, tokens: { editor, admin } } = await serveTestDatabase({
      config: { responseCache: true },
      keys: {
        editor: { name: 'Leicestershire County Council', role: 'EDITOR', areas: ['E10000018'] },
        admin: { name: 'County data team', role: 'ADMIN', areas: [] },
      },
    }));
  });
  after(() => stop?.());

  test('viewer: null fields and no areas without a key; the name, role and areas of a key', async () => {
    assert.deepEqual((await ask(server, VIEWER)).body.data, { viewer: { keyName: null, role: null, areas: [] } });
    assert.deepEqual((await ask(server, VIEWER, editor)).body.data, {
      viewer: { keyName: 'Leicestershire County Council', role: 'EDITOR', areas: [{ id: 'E10000018', name: 'Leicestershire' }] },
    });
    assert.deepEqual((await ask(server, VIEWER, admin)).body.data, { viewer: { keyName: 'County data team', role: 'ADMIN', areas: [] } });
  });

  test('a key that is not valid is a 401 on any request, never an anonymous answer', async () => {
    const { id, secret } = parseKey(editor)!;
    const bad: Array<[string, RegExp]> = [
      [editor.slice(0, -3), /The API key is not valid: check that it was copied whole/],
      [formatKey({ id: newKeyId(), secret }), /The API key is not valid/],
      [formatKey({ id, secret: parseKey(admin)!.secret }), /The API key is not valid/],
      ['partner-key', /The API key is not valid/],
    ];
    for (const [key, message] of bad) {
      assertUnauthenticated(await ask(server, VIEWER, key), message);
      assertUnauthenticated(await ask(server, TITLE, key), message);
    }
    assertUnauthenticated(await ask(server, TITLE, undefined, { authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` }), /The Authorization header must be Bearer followed by the API key/);
    assertUnauthenticated(await ask(server, TITLE, undefined, { 'x-api-key': editor }), /Send the API key as the header Authorization: Bearer <key>/);
  });

  test('requests that reach Apollo another way (GET, a compressed body) get the same 401', async () => {
    const get = await fetch(`${server.url}?query=${encodeURIComponent(VIEWER)}`, { headers: { authorization: 'Bearer sck_nothing', 'apollo-require-preflight': 'true' } });
    assertUnauthenticated({ status: get.status, cached: false, challenge: get.headers.get('www-authenticate'), body: await get.json() as Answer['body'] }, /The API key is not valid/);
    const gzipped = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: 'Bearer sck_nothing' },
      body: zlib.gzipSync(JSON.stringify({ query: VIEWER })),
    });
    assert.equal(gzipped.status, 401);
    const good = await fetch(`${server.url}?query=${encodeURIComponent(VIEWER)}`, { headers: { authorization: `Bearer ${editor}`, 'apollo-require-preflight': 'true' } });
    assert.equal(((await good.json()) as { data: { viewer: { role: string } } }).data.viewer.role, 'EDITOR');
  });

  test('a key revoked while the server runs is refused on the next request, though its answer was cached', async () => {
    const { key, token } = await createKey(db.dataSource, { name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] });
    assert.deepEqual([(await ask(server, TITLE, token)).cached, (await ask(server, TITLE, token)).cached], [false, true]);
    const revoked = spawnSync(process.execPath, [CLI, 'revoke', key.id], { env: { ...process.env, DATABASE_URL: db.database.url }, encoding: 'utf8' });
    assert.equal(revoked.status, 0, revoked.stderr);
    assertUnauthenticated(await ask(server, TITLE, token), /This API key has been revoked/);
    assertUnauthenticated(await ask(server, VIEWER, token), /This API key has been revoked/);
    assert.equal((await ask(server, TITLE, editor)).status, 200, 'other keys go on working');
  });

  test('revoked through the service as well: the first request after it is refused', async () => {
    const { key, token } = await createKey(db.dataSource, { name: 'Charnwood Borough Council', role: 'VIEWER', areas: [] });
    assert.equal((await ask(server, VIEWER, token)).status, 200);
    await revokeKey(db.dataSource, key.name);
    assertUnauthenticated(await ask(server, VIEWER, token), /revoked/);
  });

  test('an operation with a field its key\'s role does not allow is refused before any of it runs: 403, nothing written', async () => {
    const events = async () => db.dataSource.getRepository(AuditEvent).count();
    const before = await events();
    const write = '{ indicator: "safer-communities/asb-victims", area: "E10000018", period: "Q3 2014-15", value: 12 }';
    for (const query of [
      `mutation { setValues(values: [${write}]) { problems { path } } publishDashboard(slug: "safer-communities-2014-15-q2") { problems { path } } }`,
      `mutation { setValues(values: [${write}]) { problems { path } } ...Publish } fragment Publish on Mutation { publishDashboard(slug: "x") { problems { path } } }`,
    ]) {
      const answer = await ask(server, query, editor);
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      assert.equal(answer.body.data, undefined, 'nothing ran');
      assert.deepEqual(answer.body.errors?.map((e) => [e.extensions?.code, e.message]), [['FORBIDDEN', 'publishDashboard needs the role ADMIN or above; the key "Leicestershire County Council" is EDITOR.']]);
    }
    assert.equal(await events(), before, 'the allowed setValues beside it wrote nothing');
    // Skipped, the forbidden field asks for nothing; without a key, writing is a 401 with the challenge.
    const skipped = await ask(server, `mutation { setValues(values: [${write}]) { problems { path } } publishDashboard(slug: "x") @skip(if: true) { problems { path } } }`, editor);
    assert.deepEqual(skipped.body.data, { setValues: { problems: [] } });
    const anonymous = await ask(server, `mutation { setValues(values: [${write}]) { problems { path } } }`);
    assertUnauthenticated(anonymous, /setValues needs an API key \(Authorization: Bearer <key>\) whose role is EDITOR or above/);
    const reader = await ask(server, '{ dashboards { slug } auditEvents { totalCount } }');
    assertUnauthenticated(reader, /Reading the audit trail needs an API key/);
  });

  test('when a key was last used is recorded', async () => {
    const { key, token } = await createKey(db.dataSource, { name: 'Melton Borough Council', role: 'EDITOR', areas: ['E07000133'] });
    const started = new Date().toISOString();
    assert.equal((await ask(server, VIEWER, token)).status, 200);
    let lastUsed: string | null = null;
    for (let tries = 0; tries < 50 && lastUsed === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lastUsed = (await db.dataSource.getRepository(ApiKey).findOneByOrFail({ id: key.id })).lastUsedAt;
    }
    assert.ok(lastUsed !== null && lastUsed >= started, `last used ${lastUsed}, request at ${started}`);
  });
});

describe('with PUBLIC_READ=off', () => {
  let server: RunningServer;
  let stop: () => Promise<void>;
  let viewer: string;
  before(async () => {
    ({ server, stop, tokens: { viewer } } = await serveTestDatabase({
      env: { PUBLIC_READ: 'off' },
      keys: { viewer: { name: 'Leicestershire Police analysts', role: 'VIEWER', areas: [] } },
    }));
  });
  after(() => stop?.());

  test('a request without a key is a 401 saying a key is needed; with one it is answered', async () => {
    for (let i = 0; i < 2; i++) assertUnauthenticated(await ask(server, TITLE), /This server answers only requests with an API key: send the header Authorization: Bearer <key>/);
    assertUnauthenticated(await ask(server, TITLE, undefined, { authorization: '' }), /needs|only requests with an API key/);
    const answer = await ask(server, TITLE, viewer);
    assert.equal(answer.status, 200);
    assert.match(JSON.stringify(answer.body), /Safer Communities Performance Dashboard/);
  });

  test('the health check and the playground page still load without a key', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    assert.equal((await fetch(`${base}/health`)).status, 200);
    // The page (200), or the note that it was not built (404) when only tsc ran: either way not a 401.
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    assert.ok([200, 404].includes(page.status), String(page.status));
    assert.match(page.headers.get('content-type') ?? '', /^text\/(html|plain)/);
  });
});
