import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (id 1): a number every writer increases in the same transaction as its write. Caches
 * (reference data per process, whole responses) are keyed by it, so every server process on the
 * database sees a write on its next request, whichever process or CLI made it.
 */
@Entity('data_version')
export class DataVersion {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  version!: number;
}
