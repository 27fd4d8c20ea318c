import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Polarity, ValueType } from './enums';

@Entity('indicator')
@ObjectType({ description: 'A measure published for areas and periods, e.g. Total crime rate per 1,000 population.' })
export class Indicator {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  @Field((_type) => ID, { description: 'A stable slug from the indicator\'s natural key, e.g. safer-communities/total-crime-rate. Safe to hard-code.' })
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  @Field((_type) => String, { description: 'The name as the source prints it.' })
  name!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'e.g. per 1,000 population, %; null for plain counts.' })
  unit!: string | null;

  @Column({ name: 'value_type', type: 'varchar', length: 20 })
  @Field((_type) => ValueType, { description: 'What kind of number the values are.' })
  valueType!: ValueType;

  @Column({ type: 'varchar', length: 20 })
  @Field((_type) => Polarity, { description: 'Which way is better.' })
  polarity!: Polarity;

  @Column({ name: 'polarity_reason', type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'Why the polarity is what it is, in one sentence.' })
  polarityReason!: string | null;

  @Column({ type: 'integer' })
  @Field((_type) => Int, { description: 'Decimal places the values are published with, e.g. 2 for 47.18.' })
  decimals!: number;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'What is counted and how, where known.' })
  definition!: string | null;

  /** What value = numerator / denominator is multiplied by: 1000 for per 1,000, 100 for %; null where not a quotient. */
  @Column({ type: 'double precision', nullable: true })
  @Field((_type) => Float, { nullable: true, description: 'What numerator / denominator is multiplied by: 1000 for a rate per 1,000, 100 for a percentage; null for counts.' })
  multiplier!: number | null;

  /**
   * How values for areas and periods not stored are derived: SUM_OF_MONTHLY_COUNTS adds
   * stored monthly district counts; RATE_OF_COUNTS divides the derived count of
   * `baseIndicatorId` by the population. Null: only stored values.
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  derivation!: string | null;

  @Column({ name: 'base_indicator_id', type: 'varchar', length: 120, nullable: true })
  baseIndicatorId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'Who publishes the data, e.g. police.uk.' })
  publisher!: string | null;
}
