import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Field, Float, ObjectType } from 'type-graphql';
import { Area } from './area.entity';
import { Indicator } from './indicator.entity';
import { Period } from './period.entity';

/**
 * One value of an indicator for an area and a period. The natural key (indicator, area,
 * period) is unique, so a value cannot be stored twice; the integer id is internal only.
 */
@Entity('observation')
@Unique('uq_observation_indicator_area_period', ['indicatorId', 'areaCode', 'periodKey'])
@Index('ix_observation_area_period', ['areaCode', 'periodKey'])
// Holds the values (and the embargo every read filters on) too: sums of monthly counts read the index alone (src/services/derived-values.ts).
@Index('ix_observation_values', ['indicatorId', 'areaCode', 'periodKey', 'value', 'embargo'])
// Only the values waiting for a draft: publishing finds them without reading the table.
@Index('ix_observation_embargo', ['embargo'], { where: 'embargo IS NOT NULL' })
@ObjectType({ description: 'One published or derived value of an indicator for an area and a period.' })
export class Observation {
  @PrimaryGeneratedColumn({ name: 'id', type: 'integer' })
  internalId!: number;

  @Column({ name: 'indicator_id', type: 'varchar', length: 120 })
  indicatorId!: string;

  @Column({ name: 'area_code', type: 'varchar', length: 16 })
  areaCode!: string;

  @Column({ name: 'period_key', type: 'varchar', length: 15 })
  periodKey!: string;

  @Column({ type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'The value; null where the source gives none (never zero for missing).' })
  value!: number | null;

  /** The value exactly as the source printed it (1,259; 38.9%), where it came from a printed table. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  printed!: string | null;

  /** The period as the source printed it (Apr-Jun 2014), where it differs from nothing printed. */
  @Column({ name: 'period_label', type: 'varchar', length: 100, nullable: true })
  printedPeriodLabel!: string | null;

  @Column({ type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'Events counted, for rates and percentages, e.g. 31,412 crimes.' })
  numerator!: number | null;

  @Column({ type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'The population or cohort, e.g. 684,500 residents.' })
  denominator!: number | null;

  @Column({ name: 'lower_ci95', type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'Lower 95% confidence limit, where published or computable.' })
  lowerCI95!: number | null;

  @Column({ name: 'upper_ci95', type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'Upper 95% confidence limit, where published or computable.' })
  upperCI95!: number | null;

  @Column({ name: 'lower_ci998', type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'Lower 99.8% confidence limit, where published or computable.' })
  lowerCI998!: number | null;

  @Column({ name: 'upper_ci998', type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'Upper 99.8% confidence limit, where published or computable.' })
  upperCI998!: number | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'A caveat about this value, e.g. a conflict in the source and how it was resolved.' })
  note!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'Where the value came from: the file and line, or the derivation.' })
  source!: string | null;

  /**
   * The DRAFT dashboard this value was supplied for (src/services/publishing/cells.ts says which
   * values those are), until that dashboard is published: meanwhile only keys that read the
   * value's area see it, on every path (src/db/observations.ts seenBy). Null for a public value.
   */
  @Column({ type: 'varchar', length: 120, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'While a value supplied for a DRAFT dashboard is unpublished, that dashboard\'s slug: until it is published only API keys that read the value\'s area see the value. Null for every public value.' })
  embargo!: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Indicator;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;

  @ManyToOne(() => Period, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_key' })
  period?: Period;
}
