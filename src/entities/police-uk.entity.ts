import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from './area.entity';

/**
 * The police.uk ledger: how many rows of one crime type one force's file for one month put in
 * one district (or unitary authority). Re-importing a force's month replaces its rows; a
 * district's monthly count observation is the sum over forces, recomputed in the same transaction.
 */
@Entity('police_uk_count')
@Index('ix_police_uk_count_area_month', ['areaCode', 'month'])
export class PoliceUkCount {
  /** police.uk's force slug, e.g. leicestershire. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  force!: string;

  /** `YYYY-MM`. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @PrimaryColumn({ name: 'area_code', type: 'varchar', length: 16 })
  areaCode!: string;

  @PrimaryColumn({ name: 'crime_type', type: 'varchar', length: 80 })
  crimeType!: string;

  @Column({ type: 'integer' })
  count!: number;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;
}

/** One force's street-level file for one month, as imported: what it held and what could not be placed. */
@Entity('police_uk_file')
export class PoliceUkFile {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  force!: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  /** The police force area (ONS code) the force covers. */
  @Column({ name: 'force_area_code', type: 'varchar', length: 16 })
  forceAreaCode!: string;

  /** The file name as shipped, e.g. 2021-03/2021-03-leicestershire-street.csv. */
  @Column({ type: 'text' })
  file!: string;

  @Column({ type: 'integer' })
  rows!: number;

  /** Rows placed in a district or unitary authority. */
  @Column({ type: 'integer' })
  mapped!: number;

  @Column({ name: 'without_lsoa', type: 'integer' })
  withoutLsoa!: number;

  @Column({ name: 'unknown_lsoa', type: 'integer' })
  unknownLsoa!: number;

  /** Rows placed in districts of another force's area (counted there). */
  @Column({ name: 'outside_force', type: 'integer' })
  outsideForce!: number;
}
