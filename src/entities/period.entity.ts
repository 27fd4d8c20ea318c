import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { PeriodInfo, periodFromKey } from '../analysis/periods';
import { PeriodType } from './enums';

/**
 * A span of whole months. Every column follows from the key; the table exists so that
 * observations reference a known period, and its rows are always written from `fromInfo`.
 */
@Entity('period')
@ObjectType({ description: 'A span of whole months. The key is first/last month: 2013-04/2014-03.' })
export class Period {
  @PrimaryColumn({ type: 'varchar', length: 15 })
  @Field((_type) => ID, { description: 'First and last month, YYYY-MM/YYYY-MM, e.g. 2013-04/2014-03. Stable: use it as the key.' })
  key!: string;

  @Column({ type: 'varchar', length: 60 })
  @Field((_type) => String, { description: 'Canonical label: 2013-14, Q2 2014-15, 12 months to Sep 2014, Sep 2014.' })
  label!: string;

  @Column({ type: 'varchar', length: 40 })
  @Field((_type) => PeriodType, { description: 'The kind of span, inferred from its months with an April financial year.' })
  type!: PeriodType;

  @Column({ name: 'start_date', type: 'varchar', length: 10 })
  @Field((_type) => LocalDateResolver, { description: 'The first day of the first month, e.g. 2013-04-01.' })
  start!: string;

  @Column({ name: 'end_date', type: 'varchar', length: 10 })
  @Field((_type) => LocalDateResolver, { description: 'The last day of the last month, e.g. 2014-03-31.' })
  end!: string;

  @Column({ type: 'integer' })
  @Field((_type) => Int, { description: 'How many calendar months the period spans, e.g. 12.' })
  months!: number;

  static fromInfo(info: PeriodInfo): Period {
    return Object.assign(new Period(), {
      key: info.key,
      label: info.label,
      type: info.type as PeriodType,
      start: info.start,
      end: info.end,
      months: info.months,
    });
  }

  static fromKey(key: string): Period {
    return Period.fromInfo(periodFromKey(key));
  }
}
