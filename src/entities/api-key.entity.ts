import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Role } from '../auth/roles';

/**
 * An API key (src/services/keys.ts). Not a GraphQL type: the API shows only who is calling
 * (Query.viewer). The key itself is never stored: only an scrypt hash of its secret, with the salt.
 * Times are ISO 8601 in UTC (2026-12-01T10:32:05.123Z), the same text on SQLite and PostgreSQL.
 */
@Entity('api_key')
export class ApiKey {
  /** The public part of the key, e.g. k7q2mz4xw9ab in sck_k7q2mz4xw9ab_<secret>: how a key is found and named in `keys list`. */
  @PrimaryColumn({ type: 'varchar', length: 12 })
  id!: string;

  /** Who holds it, e.g. Blaby District Council; unique, so `keys revoke` can take a name. */
  @Index('ux_api_key_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: Role;

  /** ONS codes, comma-separated in the table: where an EDITOR may write; empty for ADMIN. */
  @Column({ type: 'simple-array' })
  areas!: string[];

  /** scrypt of the secret with the salt, base64url. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @Column({ type: 'varchar', length: 32 })
  salt!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  /** Written at most once a minute per key and server process; null until first used. */
  @Column({ name: 'last_used_at', type: 'varchar', length: 24, nullable: true })
  lastUsedAt!: string | null;

  /** Null while the key is valid; from this time every request with it is refused. */
  @Column({ name: 'revoked_at', type: 'varchar', length: 24, nullable: true })
  revokedAt!: string | null;
}
