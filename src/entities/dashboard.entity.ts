import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { Area } from './area.entity';
import { Period } from './period.entity';
import { DashboardStatus } from './enums';

@Entity('dashboard')
@ObjectType({ description: 'A published performance dashboard: outcomes, their supporting indicators and the published judgements.' })
export class Dashboard {
  /** The slug is the natural key and the GraphQL id. */
  @PrimaryColumn({ type: 'varchar', length: 120 })
  @Field((_type) => String, { description: 'A stable, readable key, e.g. safer-communities-2014-15-q2.' })
  slug!: string;

  @Column({ type: 'varchar', length: 300 })
  @Field((_type) => String, { description: 'The dashboard\'s name, e.g. Safer Communities Performance Dashboard.' })
  title!: string;

  @Column({ type: 'varchar', length: 400 })
  @Field((_type) => String, { description: 'The heading exactly as published, e.g. Appendix - Safer Communities Performance Dashboard 2014/15 Q2.' })
  heading!: string;

  @Column({ name: 'area_code', type: 'varchar', length: 16 })
  areaCode!: string;

  @Column({ name: 'period_key', type: 'varchar', length: 15 })
  periodKey!: string;

  @Column({ name: 'previous_period_key', type: 'varchar', length: 15, nullable: true })
  previousPeriodKey!: string | null;

  @Column({ name: 'latest_period_key', type: 'varchar', length: 15, nullable: true })
  latestPeriodKey!: string | null;

  @Column({ name: 'previous_period_label', type: 'varchar', length: 100, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The Previous Year column\'s period as printed in its header, e.g. 2013-14.' })
  previousPeriodLabel!: string | null;

  @Column({ name: 'latest_period_label', type: 'varchar', length: 100, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The Latest Data column\'s default period as printed in its header, e.g. 12 months to Sept 2014.' })
  latestPeriodLabel!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The file the dashboard was imported from.' })
  source!: string | null;

  /** DRAFT while it is being filled; PUBLISHED (imported dashboards are) freezes it. */
  @Column({ type: 'varchar', length: 10, default: DashboardStatus.PUBLISHED })
  @Field((_type) => DashboardStatus, { description: 'DRAFT while it is being filled; PUBLISHED once frozen (dashboards imported from a printed table are published).' })
  status!: DashboardStatus;

  /** When publishDashboard froze it (ISO 8601, UTC); null for a draft and for an imported dashboard. */
  @Column({ name: 'published_at', type: 'varchar', length: 30, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'When publishDashboard froze it, ISO 8601 in UTC; null for a draft and for a dashboard imported as published.' })
  publishedAt!: string | null;

  /** The dashboard this one was drafted from (the quarter before), if any. */
  @Column({ name: 'previous_slug', type: 'varchar', length: 120, nullable: true })
  previousSlug!: string | null;

  @ManyToOne(() => Dashboard, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_slug' })
  previous?: Dashboard | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;

  @ManyToOne(() => Period, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_key' })
  period?: Period;

  @ManyToOne(() => Period, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_period_key' })
  previousPeriod?: Period | null;

  @ManyToOne(() => Period, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'latest_period_key' })
  latestPeriod?: Period | null;
}
