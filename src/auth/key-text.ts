/**
 * The text of an API key: `sck_<id>_<secret>`, e.g. sck_k7q2mz4xw9ab_<43 characters>. The id (12
 * characters of lower-case base32) is public: it finds the key's row, so a request runs one
 * scrypt, and it names the key in `npm run keys -- list`. The secret (32 random bytes, base64url)
 * is shown once, at creation, and stored only as a hash.
 */
import { randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'sck_';
export const KEY_ID_LENGTH = 12;
const SECRET_BYTES = 32;
/** RFC 4648 base32, lower case: no 0/O or 1/l to confuse when an id is read aloud. */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const KEY_TEXT = /^sck_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export interface KeyParts {
  readonly id: string;
  readonly secret: string;
}

/** A fresh key id: 12 characters, 60 random bits. */
export function newKeyId(): string {
  // 32 divides 256, so each byte's low five bits are uniform.
  return [...randomBytes(KEY_ID_LENGTH)].map((byte) => BASE32[byte & 31]).join('');
}

/** A fresh secret: 32 random bytes as 43 base64url characters. */
export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function formatKey(parts: KeyParts): string {
  return `${KEY_PREFIX}${parts.id}_${parts.secret}`;
}

/** The id and secret of a key's text; null for anything that is not a whole key (truncated, padded, another format). */
export function parseKey(text: string): KeyParts | null {
  const match = KEY_TEXT.exec(text);
  return match ? { id: match[1], secret: match[2] } : null;
}
