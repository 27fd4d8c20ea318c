import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Indicator } from './indicator.entity';

/** The value of `scope` for a rule that applies to every area. */
export const ALL_AREAS = '*';

/**
 * A RAG rule for an indicator: a target value, or a range, with a tolerance. Applies to one area
 * (`scope` = its ONS code) or to every area (`scope` = '*'); an area's own rule wins.
 */
@Entity('rag_rule')
export class RagRuleRow {
  @PrimaryColumn({ name: 'indicator_id', type: 'varchar', length: 120 })
  indicatorId!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  scope!: string;

  /** Met on its good side by polarity. */
  @Column({ name: 'target_value', type: 'double precision', nullable: true })
  targetValue!: number | null;

  /** Range targets: met inside [min, max]. */
  @Column({ name: 'target_min', type: 'double precision', nullable: true })
  targetMin!: number | null;

  @Column({ name: 'target_max', type: 'double precision', nullable: true })
  targetMax!: number | null;

  /** A fraction: 0.05 is 5%. Null: the default 5%. */
  @Column({ type: 'double precision', nullable: true })
  tolerance!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Indicator;
}
