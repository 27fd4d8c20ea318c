import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKey, newKeyId, newSecret, parseKey } from '../../src/auth/key-text';

describe('key text', () => {
  const parts = { id: newKeyId(), secret: newSecret() };
  const text = formatKey(parts);

  test('reads sck_<12 base32 characters>_<43 base64url characters>, and parses back', () => {
    assert.match(text, /^sck_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    assert.equal(text.length, 60);
    assert.deepEqual(parseKey(text), parts);
  });

  test('a secret may hold _ and -: the id is found by position, not by splitting on _', () => {
    const awkward = { id: 'abcdefgh2345', secret: `_-${'A'.repeat(39)}_-` };
    assert.deepEqual(parseKey(formatKey(awkward)), awkward);
  });

  test('anything but a whole key is refused: truncated, extended, padded, another prefix, another case', () => {
    for (const bad of [text.slice(0, -1), `${text}x`, ` ${text}`, `${text}\n`, text.replace('sck_', 'sk_'), text.replace(/^sck_[a-z2-7]+/, (m) => m.toUpperCase()),
      text.slice(0, 16), 'sck__', '', `sck_${parts.id}`, `sck_${parts.id}_${parts.secret.slice(0, 20)}=`]) {
      assert.equal(parseKey(bad), null, JSON.stringify(bad));
    }
  });

  test('ids and secrets are fresh each time', () => {
    const ids = new Set(Array.from({ length: 200 }, newKeyId));
    assert.equal(ids.size, 200);
    assert.notEqual(newSecret(), newSecret());
  });
});
