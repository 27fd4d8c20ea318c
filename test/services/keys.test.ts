/** API keys in the database: created once and shown once, stored as a hash, verified, revoked. */
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { formatKey, newKeyId, parseKey } from '../../src/auth/key-text';
import { readDataVersion } from '../../src/db/data-version';
import { seedGeography } from '../../src/db/seed';
import { ApiKey } from '../../src/entities';
import { createKey, KeyProblem, KeyVerifier, listKeys, revokeKey } from '../../src/services/keys';
import { CountingLogger, openTestDatabase, OpenTestDatabase, testDatabaseKind } from '../support/database';

describe(`API keys on ${testDatabaseKind()}`, () => {
  let db: OpenTestDatabase;
  const logger = new CountingLogger();
  before(async () => {
    db = await openTestDatabase({ seed: false, logger });
    await seedGeography(db.dataSource);
  });
  after(() => db.close());

  test('a new key is shown once and stored only as a salted scrypt hash; it verifies as its holder', async () => {
    const before = await readDataVersion(db.dataSource);
    const { key, token } = await createKey(db.dataSource, { name: 'Blaby District Council', role: 'editor', areas: [' e07000129 ', 'E07000129'] });
    assert.deepEqual([key.name, key.role, key.areas, key.lastUsedAt, key.revokedAt], ['Blaby District Council', 'EDITOR', ['E07000129'], null, null]);
    assert.equal(parseKey(token)?.id, key.id);
    assert.equal(await readDataVersion(db.dataSource), before + 1, 'creating a key raises the data version');

    const row = await db.dataSource.getRepository(ApiKey).findOneByOrFail({ id: key.id });
    const secret = parseKey(token)!.secret;
    for (const stored of Object.values(row)) assert.ok(!String(stored).includes(secret), 'the secret is stored nowhere');
    assert.equal(Buffer.from(row.hash, 'base64url').length, 32);
    assert.deepEqual(crypto.scryptSync(secret, row.salt, 32), Buffer.from(row.hash, 'base64url'));

    const verified = await new KeyVerifier(db.dataSource).verify(token, before + 1);
    assert.deepEqual(verified, { ok: true, caller: { kind: 'key', id: key.id, name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] } });
  });

  test('keys are refused with a sentence: an unknown area, an EDITOR without areas, an ADMIN with areas, a taken name, an unknown role', async () => {
    const cases: Array<[Parameters<typeof createKey>[1], RegExp]> = [
      [{ name: 'Somewhere', role: 'EDITOR', areas: ['E07999999'] }, /E07999999 is not a known area: give ONS codes such as E07000129/],
      [{ name: 'Somewhere', role: 'EDITOR', areas: [] }, /An EDITOR key writes only within its areas: give at least one ONS code/],
      [{ name: 'Somewhere', role: 'ADMIN', areas: ['E10000018'] }, /An ADMIN key writes everywhere, so it takes no areas/],
      [{ name: 'blaby district council ', role: 'VIEWER', areas: [] }, /A key named "Blaby District Council" already exists/],
      [{ name: 'Somewhere', role: 'OWNER', areas: [] }, /The role must be one of VIEWER, EDITOR, ADMIN \(got "OWNER"\)/],
      [{ name: '  ', role: 'VIEWER', areas: [] }, /A key needs a name/],
    ];
    const count = (await listKeys(db.dataSource)).length;
    for (const [input, message] of cases) await assert.rejects(createKey(db.dataSource, input), (error: Error) => error instanceof KeyProblem && message.test(error.message));
    assert.equal((await listKeys(db.dataSource)).length, count, 'nothing was written');
  });

  test('a VIEWER may have areas (what it may read of theirs) or none; an ADMIN has none', async () => {
    const viewer = await createKey(db.dataSource, { name: 'Leicestershire Police analysts', role: 'VIEWER', areas: ['E23000021'] });
    assert.deepEqual(viewer.key.areas, ['E23000021']);
    const admin = await createKey(db.dataSource, { name: 'County data team', role: 'ADMIN', areas: [] });
    assert.deepEqual(admin.key.areas, []);
    const verified = await new KeyVerifier(db.dataSource).verify(admin.token, 0);
    assert.ok(verified.ok && verified.caller.role === 'ADMIN' && verified.caller.areas.length === 0);
  });

  test('a wrong secret, a forged id, a truncated key and a revoked key are each refused', async () => {
    const { key, token } = await createKey(db.dataSource, { name: 'Charnwood Borough Council', role: 'EDITOR', areas: ['E07000130'] });
    const other = await createKey(db.dataSource, { name: 'Melton Borough Council', role: 'EDITOR', areas: ['E07000133'] });
    const verifier = new KeyVerifier(db.dataSource);
    const { id, secret } = parseKey(token)!;
    const version = await readDataVersion(db.dataSource);
    assert.deepEqual(await verifier.verify(formatKey({ id, secret: parseKey(other.token)!.secret }), version), { ok: false, reason: 'wrong-secret' });
    assert.deepEqual(await verifier.verify(formatKey({ id, secret: `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}` }), version), { ok: false, reason: 'wrong-secret' });
    assert.deepEqual(await verifier.verify(formatKey({ id: newKeyId(), secret }), version), { ok: false, reason: 'unknown' });
    assert.deepEqual(await verifier.verify(token.slice(0, -1), version), { ok: false, reason: 'malformed' });
    assert.equal((await verifier.verify(token, version)).ok, true);

    const revoked = await revokeKey(db.dataSource, key.id);
    assert.equal(revoked.alreadyRevoked, false);
    const after = await readDataVersion(db.dataSource);
    assert.equal(after, version + 1, 'revoking raises the data version');
    assert.deepEqual(await verifier.verify(token, after), { ok: false, reason: 'revoked' }, 'the request after the revoke is refused, though the key was verified before');
    assert.deepEqual(await verifier.verify(formatKey({ id, secret: parseKey(other.token)!.secret }), after), { ok: false, reason: 'wrong-secret' }, 'only the right secret learns the key was revoked');
  });

  test('the hashes are compared in constant time', async () => {
    const { token } = await createKey(db.dataSource, { name: 'Harborough District Council', role: 'EDITOR', areas: ['E07000131'] });
    const compare = mock.method(crypto, 'timingSafeEqual');
    try {
      const other = formatKey({ id: parseKey(token)!.id, secret: 'x'.repeat(43) });
      assert.equal((await new KeyVerifier(db.dataSource).verify(other, 1)).ok, false);
      assert.equal((await new KeyVerifier(db.dataSource).verify(token, 1)).ok, true);
      assert.equal(compare.mock.callCount(), 2);
      assert.deepEqual(compare.mock.calls.map((call) => call.result), [false, true]);
    } finally {
      compare.mock.restore();
    }
  });

  test('a verified key is remembered for its data version: the next request with it reads nothing', async () => {
    const { token } = await createKey(db.dataSource, { name: 'Hinckley and Bosworth Borough Council', role: 'EDITOR', areas: ['E07000132'] });
    const verifier = new KeyVerifier(db.dataSource, { recordUseEveryMs: Infinity });
    const version = await readDataVersion(db.dataSource);
    await verifier.verify(token, version);
    await verifier.settle();
    logger.reset();
    assert.equal((await verifier.verify(token, version)).ok, true);
    assert.deepEqual(logger.statements, []);
    assert.equal((await verifier.verify(token, version + 1)).ok, true);
    assert.equal(logger.statements.filter((sql) => /FROM "api_key"/.test(sql)).length, 1, 'another version reads the key again');
    logger.reset();
    const together = await Promise.all(Array.from({ length: 5 }, () => verifier.verify(token, version + 2)));
    assert.ok(together.every((verification) => verification.ok));
    assert.equal(logger.statements.filter((sql) => /FROM "api_key"/.test(sql)).length, 1, 'requests arriving together share one check');
  });

  test('use is recorded at most once a minute per key, and a failed write does not fail the request', async () => {
    const { key, token } = await createKey(db.dataSource, { name: 'North West Leicestershire District Council', role: 'EDITOR', areas: ['E07000134'] });
    let now = new Date('2026-12-01T10:00:00.000Z');
    const verifier = new KeyVerifier(db.dataSource, { now: () => now });
    const lastUsed = async (): Promise<string | null> => {
      await verifier.settle();
      return (await db.dataSource.getRepository(ApiKey).findOneByOrFail({ id: key.id })).lastUsedAt;
    };
    await verifier.verify(token, 1);
    assert.equal(await lastUsed(), '2026-12-01T10:00:00.000Z');
    now = new Date('2026-12-01T10:00:59.000Z');
    await verifier.verify(token, 1);
    assert.equal(await lastUsed(), '2026-12-01T10:00:00.000Z', 'not written again within the minute');
    now = new Date('2026-12-01T10:01:00.000Z');
    await verifier.verify(token, 1);
    assert.equal(await lastUsed(), '2026-12-01T10:01:00.000Z');

    const update = mock.method(db.dataSource.getRepository(ApiKey), 'update', async () => {
      throw new Error('disk full');
    });
    const warn = mock.method(console, 'warn', () => undefined);
    try {
      now = new Date('2026-12-01T10:05:00.000Z');
      assert.equal((await verifier.verify(token, 1)).ok, true);
      await verifier.settle();
      assert.equal(update.mock.callCount(), 1);
      assert.match(String(warn.mock.calls[0]?.arguments[0]), new RegExp(`Could not record when API key ${key.id} was last used: disk full`));
    } finally {
      update.mock.restore();
      warn.mock.restore();
    }
  });

  test('revoking by name or id, once; an unknown key is a clear error', async () => {
    const { key } = await createKey(db.dataSource, { name: 'Oadby and Wigston Borough Council', role: 'EDITOR', areas: ['E07000135'] });
    const first = await revokeKey(db.dataSource, 'oadby and wigston borough council', new Date('2026-12-02T09:00:00.000Z'));
    assert.deepEqual([first.key.id, first.key.revokedAt, first.alreadyRevoked], [key.id, '2026-12-02T09:00:00.000Z', false]);
    const version = await readDataVersion(db.dataSource);
    const again = await revokeKey(db.dataSource, key.id);
    assert.deepEqual([again.key.revokedAt, again.alreadyRevoked], ['2026-12-02T09:00:00.000Z', true]);
    assert.equal(await readDataVersion(db.dataSource), version, 'revoking a revoked key changes nothing');
    await assert.rejects(revokeKey(db.dataSource, 'nobody'), /No key has the id or name "nobody"; npm run keys -- list shows them/);
  });

  test('the list shows each key without its hash or salt', async () => {
    const keys = await listKeys(db.dataSource);
    assert.ok(keys.length >= 5);
    for (const key of keys) assert.deepEqual(Object.keys(key).sort(), ['areas', 'createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'role']);
  });
});
