/**
 * From a request's headers to its caller, or to the reason it is refused (an HTTP 401, code
 * UNAUTHENTICATED, sent by src/server.ts). No credentials: anonymous, when PUBLIC_READ is on. Any
 * credentials that are not a valid key are refused, never treated as anonymous: a client whose key
 * was mistyped, truncated or revoked learns so at once instead of quietly seeing only public data.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyVerifier, RefusalReason } from '../services/keys';
import { ANONYMOUS, Caller } from './caller';

export type Credentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'key'; readonly token: string }
  | { readonly kind: 'unreadable'; readonly message: string };

export type Authentication = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly message: string };

const NOT_VALID = 'The API key is not valid: check that it was copied whole, as it was shown when it was created (sck_ and 60 more characters).';

export const REFUSALS: Readonly<Record<RefusalReason | 'needed', string>> = {
  malformed: NOT_VALID,
  unknown: NOT_VALID,
  'wrong-secret': NOT_VALID,
  revoked: 'This API key has been revoked; ask the API\'s administrators for a new one.',
  needed: 'This server answers only requests with an API key: send the header Authorization: Bearer <key>.',
};

/** The credentials a request carries: `Authorization: Bearer <key>`; an empty header is none. */
export function credentialsOf(headers: IncomingHttpHeaders): Credentials {
  if (headers['x-api-key'] !== undefined) {
    return { kind: 'unreadable', message: 'Send the API key as the header Authorization: Bearer <key>; an X-API-Key header is not read.' };
  }
  const authorization = (headers.authorization ?? '').trim();
  if (authorization === '') return { kind: 'none' };
  const bearer = /^Bearer +(\S+)$/i.exec(authorization);
  if (!bearer) return { kind: 'unreadable', message: 'The Authorization header must be Bearer followed by the API key, e.g. Authorization: Bearer sck_...' };
  return { kind: 'key', token: bearer[1] };
}

export class Authenticator {
  constructor(private readonly keys: KeyVerifier, private readonly publicRead: boolean) {}

  /** The caller of a request that read this data version (the version keys the verified-key cache). */
  async authenticate(headers: IncomingHttpHeaders, dataVersion: number): Promise<Authentication> {
    const credentials = credentialsOf(headers);
    if (credentials.kind === 'unreadable') return { ok: false, message: credentials.message };
    if (credentials.kind === 'none') return this.publicRead ? { ok: true, caller: ANONYMOUS } : { ok: false, message: REFUSALS.needed };
    const verified = await this.keys.verify(credentials.token, dataVersion);
    return verified.ok ? { ok: true, caller: verified.caller } : { ok: false, message: REFUSALS[verified.reason] };
  }

  /** Waits for the key-use writes in flight (the server's stop). */
  settle(): Promise<void> {
    return this.keys.settle();
  }
}
