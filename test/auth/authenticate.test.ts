import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Authenticator, credentialsOf, REFUSALS } from '../../src/auth/authenticate';
import { ANONYMOUS } from '../../src/auth/caller';
import type { KeyVerifier, Verification } from '../../src/services/keys';

/** A verifier that knows one key, for the header rules alone. */
function verifier(answer: Verification): KeyVerifier {
  return { verify: async () => answer, settle: async () => undefined } as unknown as KeyVerifier;
}

const GOOD: Verification = { ok: true, caller: { kind: 'key', id: 'k7q2mz4xw9ab', name: 'Blaby District Council', role: 'EDITOR', areas: ['E07000129'] } };

describe('credentialsOf', () => {
  test('Authorization: Bearer <key>, any case of Bearer; no header or an empty one is no credentials', () => {
    assert.deepEqual(credentialsOf({ authorization: 'Bearer sck_x' }), { kind: 'key', token: 'sck_x' });
    assert.deepEqual(credentialsOf({ authorization: 'bearer  sck_x ' }), { kind: 'key', token: 'sck_x' });
    assert.deepEqual(credentialsOf({}), { kind: 'none' });
    assert.deepEqual(credentialsOf({ authorization: '  ' }), { kind: 'none' });
  });

  test('another scheme, a Bearer without a key or an X-API-Key header is unreadable, never anonymous', () => {
    for (const headers of [{ authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }, { authorization: 'Bearer a b' }, { authorization: 'sck_x' }, { 'x-api-key': 'sck_x' }]) {
      assert.equal(credentialsOf(headers).kind, 'unreadable', JSON.stringify(headers));
    }
  });
});

describe('Authenticator', () => {
  test('no credentials: anonymous with PUBLIC_READ on, refused with it off', async () => {
    assert.deepEqual(await new Authenticator(verifier(GOOD), true).authenticate({}, 1), { ok: true, caller: ANONYMOUS });
    assert.deepEqual(await new Authenticator(verifier(GOOD), false).authenticate({}, 1), { ok: false, message: REFUSALS.needed });
  });

  test('a valid key is its caller whatever PUBLIC_READ says; a refused key is refused either way', async () => {
    for (const publicRead of [true, false]) {
      assert.deepEqual(await new Authenticator(verifier(GOOD), publicRead).authenticate({ authorization: 'Bearer sck_x' }, 1), { ok: true, caller: GOOD.caller });
      const revoked = await new Authenticator(verifier({ ok: false, reason: 'revoked' }), publicRead).authenticate({ authorization: 'Bearer sck_x' }, 1);
      assert.deepEqual(revoked, { ok: false, message: REFUSALS.revoked });
      const unreadable = await new Authenticator(verifier(GOOD), publicRead).authenticate({ authorization: 'Basic x' }, 1);
      assert.equal(unreadable.ok, false);
    }
  });
});
