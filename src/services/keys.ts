/**
 * API keys: created, listed and revoked (npm run keys, src/cli/keys.ts), and verified on every
 * request that carries one (KeyVerifier). A key is shown once; the database keeps the scrypt hash
 * of its secret and the salt, compared in constant time. Creating and revoking a key raise the
 * data version in the same transaction, so every server process sees it on its next request.
 */
import { createHash, randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { LRUCache } from 'lru-cache';
import { ApiKey, Area } from '../entities';
import { bumpDataVersion } from '../db/data-version';
import { transaction } from '../db/transaction';
import { KeyCaller } from '../auth/caller';
import { formatKey, KeyParts, newKeyId, newSecret, parseKey } from '../auth/key-text';
import { Role } from '../auth/roles';

/** A mistake in a request to create or revoke a key, said so that whoever typed it can fix it. */
export class KeyProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyProblem';
  }
}

/** A key as `keys list` shows it: never its hash or salt. */
export interface KeySummary {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly areas: readonly string[];
  /** ISO 8601, UTC. */
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface NewKey {
  readonly name: string;
  /** VIEWER, EDITOR or ADMIN, any case. */
  readonly role: string;
  /** ONS codes: at least one for an EDITOR, optional for a VIEWER, none for an ADMIN. */
  readonly areas: readonly string[];
}

/** Node's defaults, written down: about 50 ms and 16 MB per hash, on the libuv thread pool. */
const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;
const SALT_BYTES = 16;
const MAX_NAME_LENGTH = 200;

function scryptHash(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, HASH_BYTES, SCRYPT, (error, hash) => (error ? reject(error) : resolve(hash)));
  });
}

function summary(row: ApiKey): KeySummary {
  const { id, name, role, areas, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, role, areas, createdAt, lastUsedAt, revokedAt };
}

/** The role, name and areas of a new key, checked for everything that needs no database. */
function checkNewKey(input: NewKey): { name: string; role: Role; areas: string[] } {
  const name = input.name.trim();
  if (name === '') throw new KeyProblem('A key needs a name saying who holds it, e.g. --name "Blaby District Council".');
  if (name.length > MAX_NAME_LENGTH) throw new KeyProblem(`A key's name must be at most ${MAX_NAME_LENGTH} characters (got ${name.length}).`);
  const role = input.role.trim().toUpperCase();
  if (!(role in Role)) throw new KeyProblem(`The role must be one of ${Object.keys(Role).join(', ')} (got "${input.role}").`);
  const areas = [...new Set(input.areas.map((code) => code.trim().toUpperCase()).filter((code) => code !== ''))];
  if (role === Role.EDITOR && areas.length === 0) {
    throw new KeyProblem('An EDITOR key writes only within its areas: give at least one ONS code, e.g. --areas E07000129 (or E10000018 for a county and its districts).');
  }
  if (role === Role.ADMIN && areas.length > 0) throw new KeyProblem('An ADMIN key writes everywhere, so it takes no areas: leave out --areas.');
  return { name, role: role as Role, areas };
}

/** Creates a key; the returned token is the only time its secret exists outside the caller's hands. */
export async function createKey(dataSource: DataSource, input: NewKey, now = new Date()): Promise<{ key: KeySummary; token: string }> {
  const { name, role, areas } = checkNewKey(input);
  const parts: KeyParts = { id: newKeyId(), secret: newSecret() };
  const salt = randomBytes(SALT_BYTES).toString('base64url');
  const hash = (await scryptHash(parts.secret, salt)).toString('base64url');
  const row = Object.assign(new ApiKey(), { id: parts.id, name, role, areas, hash, salt, createdAt: now.toISOString(), lastUsedAt: null, revokedAt: null });
  await transaction(dataSource, async (manager) => {
    const known = new Set((await manager.getRepository(Area).find({ select: { code: true }, where: { code: In(areas) } })).map((area) => area.code));
    const unknown = areas.filter((code) => !known.has(code));
    if (unknown.length > 0) throw new KeyProblem(`${unknown.join(', ')} ${unknown.length === 1 ? 'is not a known area' : 'are not known areas'}: give ONS codes such as E07000129 (Blaby) or E10000018 (Leicestershire).`);
    const same = await manager.getRepository(ApiKey).createQueryBuilder('key').where('LOWER(key.name) = LOWER(:name)', { name }).getOne();
    if (same) throw new KeyProblem(`A key named "${same.name}" already exists (${same.id}); choose another name, or revoke that key first and name the new one differently.`);
    await manager.getRepository(ApiKey).insert(row);
    await bumpDataVersion(manager);
  });
  return { key: summary(row), token: formatKey(parts) };
}

/** Every key, oldest first. */
export async function listKeys(dataSource: DataSource): Promise<KeySummary[]> {
  return (await dataSource.getRepository(ApiKey).find({ order: { createdAt: 'ASC', id: 'ASC' } })).map(summary);
}

/**
 * Revokes a key by id or name (any case); from the next request on, every server refuses it.
 * Revoking a revoked key changes nothing and says so.
 */
export async function revokeKey(dataSource: DataSource, idOrName: string, now = new Date()): Promise<{ key: KeySummary; alreadyRevoked: boolean }> {
  const wanted = idOrName.trim();
  return transaction(dataSource, async (manager) => {
    const keys = manager.getRepository(ApiKey);
    const row = (await keys.findOneBy({ id: wanted }))
      ?? (await keys.createQueryBuilder('key').where('LOWER(key.name) = LOWER(:name)', { name: wanted }).getOne());
    if (!row) throw new KeyProblem(`No key has the id or name "${wanted}"; npm run keys -- list shows them.`);
    if (row.revokedAt) return { key: summary(row), alreadyRevoked: true };
    row.revokedAt = now.toISOString();
    await keys.update({ id: row.id }, { revokedAt: row.revokedAt });
    await bumpDataVersion(manager);
    return { key: summary(row), alreadyRevoked: false };
  });
}

/** Why a key was refused: not a key's shape, no such id, the wrong secret for the id, or revoked. */
export type RefusalReason = 'malformed' | 'unknown' | 'wrong-secret' | 'revoked';
export type Verification = { readonly ok: true; readonly caller: KeyCaller } | { readonly ok: false; readonly reason: RefusalReason };

/** Hashed in place of a missing key's salt, so an unknown id costs what a wrong secret does. */
const ABSENT_SALT = 'no-such-key-salt';

export interface KeyVerifierOptions {
  /** Record a key's use at most this often per process. @default 60000 (a minute) */
  readonly recordUseEveryMs?: number;
  readonly now?: () => Date;
}

/**
 * Verifies keys for one server process. A verified key is remembered for the data version the
 * request read (scrypt costs about 50 ms), by the SHA-256 of the whole key; revoking raises the
 * version, so the next request checks the database again. Requests that arrive together with the
 * same key share one check; refusals are not remembered once said.
 */
export class KeyVerifier {
  private readonly verified = new LRUCache<string, Promise<Verification>>({ max: 1000 });
  private readonly lastRecorded = new Map<string, number>();
  private readonly writes = new Set<Promise<void>>();
  private readonly recordUseEveryMs: number;
  private readonly now: () => Date;

  constructor(private readonly dataSource: DataSource, options: KeyVerifierOptions = {}) {
    this.recordUseEveryMs = options.recordUseEveryMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  async verify(token: string, dataVersion: number): Promise<Verification> {
    const parts = parseKey(token);
    if (!parts) return { ok: false, reason: 'malformed' };
    const remembered = `${dataVersion}:${createHash('sha256').update(token).digest('base64url')}`;
    let checking = this.verified.get(remembered);
    if (!checking) {
      checking = this.check(parts);
      this.verified.set(remembered, checking);
      const forget = (): void => {
        if (this.verified.peek(remembered) === checking) this.verified.delete(remembered);
      };
      checking.then((verification) => verification.ok || forget(), forget);
    }
    const verification = await checking;
    if (verification.ok) this.recordUse(verification.caller.id);
    return verification;
  }

  /** Waits for the last-used writes in flight, e.g. before the database is closed. */
  async settle(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  private async check(parts: KeyParts): Promise<Verification> {
    const row = await this.dataSource.getRepository(ApiKey).findOneBy({ id: parts.id });
    const hash = await scryptHash(parts.secret, row?.salt ?? ABSENT_SALT);
    if (!row) return { ok: false, reason: 'unknown' };
    const stored = Buffer.from(row.hash, 'base64url');
    if (stored.length !== hash.length || !timingSafeEqual(stored, hash)) return { ok: false, reason: 'wrong-secret' };
    // Said only to the holder of the right secret: nobody else learns that the id was ever valid.
    if (row.revokedAt) return { ok: false, reason: 'revoked' };
    return { ok: true, caller: { kind: 'key', id: row.id, name: row.name, role: row.role, areas: row.areas } };
  }

  /**
   * Writes when the key was last used, at most once a period per key and process, without making
   * the request wait or fail: a write that fails is reported on stderr and the request goes on.
   * It does not raise the data version (nothing an answer shows depends on it).
   */
  private recordUse(id: string): void {
    const now = this.now();
    const last = this.lastRecorded.get(id);
    if (last !== undefined && now.getTime() - last < this.recordUseEveryMs) return;
    this.lastRecorded.set(id, now.getTime());
    const write = Promise.resolve()
      .then(() => this.dataSource.getRepository(ApiKey).update({ id }, { lastUsedAt: now.toISOString() }))
      .then(
        () => undefined,
        (error: unknown) => console.warn(`Could not record when API key ${id} was last used: ${error instanceof Error ? error.message : error}`),
      );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }
}
