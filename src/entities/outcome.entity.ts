import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Dashboard } from './dashboard.entity';
import { Indicator } from './indicator.entity';
import { Period } from './period.entity';
import { Direction, Rag } from './enums';

@Entity('outcome')
@Unique('uq_outcome_dashboard_position', ['dashboardSlug', 'position'])
@ObjectType({ description: 'An outcome a dashboard reports on, with its supporting indicators and what was published about it.' })
export class Outcome {
  @PrimaryColumn({ type: 'varchar', length: 160 })
  @Field((_type) => ID, { description: 'Stable: the dashboard slug and the outcome\'s position, e.g. safer-communities-2014-15-q2/outcomes/1.' })
  id!: string;

  @Column({ name: 'dashboard_slug', type: 'varchar', length: 120 })
  dashboardSlug!: string;

  @Column({ type: 'integer' })
  @Field((_type) => Int, { description: 'The row number on the dashboard, from 1.' })
  position!: number;

  @Column({ type: 'text' })
  @Field((_type) => String, { description: 'The outcome as printed, without its benefit statement.' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The \'This will mean ...\' statement, where the dashboard gives one.' })
  benefit!: string | null;

  /**
   * The same outcome on every quarter's dashboard is one series: the id of the outcome it was
   * first drafted from (its own id for an imported dashboard). Outcome.history follows it.
   */
  @Index('ix_outcome_series')
  @Column({ name: 'series_id', type: 'varchar', length: 160 })
  seriesId!: string;

  @ManyToOne(() => Dashboard, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dashboard_slug' })
  dashboard?: Dashboard;
}

/** The ordered link from an outcome to its supporting indicators, with the periods the dashboard shows them for. */
@Entity('outcome_indicator')
@Unique('uq_outcome_indicator', ['outcomeId', 'indicatorId'])
export class OutcomeIndicator {
  @PrimaryColumn({ name: 'outcome_id', type: 'varchar', length: 160 })
  outcomeId!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Index()
  @Column({ name: 'indicator_id', type: 'varchar', length: 120 })
  indicatorId!: string;

  /** The period of the value in the Previous Year column. */
  @Column({ name: 'previous_period_key', type: 'varchar', length: 15, nullable: true })
  previousPeriodKey!: string | null;

  /** The period of the value in the Latest Data column: the column's default or the value's own. */
  @Column({ name: 'latest_period_key', type: 'varchar', length: 15, nullable: true })
  latestPeriodKey!: string | null;

  /** A caveat about this indicator on this dashboard, e.g. how its definition differs from the original. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @ManyToOne(() => Outcome, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: Outcome;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id' })
  indicator?: Indicator;

  @ManyToOne(() => Period, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_period_key' })
  previousPeriod?: Period | null;

  @ManyToOne(() => Period, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'latest_period_key' })
  latestPeriod?: Period | null;
}

@Entity('outcome_assessment')
@ObjectType({ description: 'What the dashboard published for an outcome in a period.' })
export class OutcomeAssessment {
  @PrimaryColumn({ name: 'outcome_id', type: 'varchar', length: 160 })
  outcomeId!: string;

  @PrimaryColumn({ name: 'period_key', type: 'varchar', length: 15 })
  periodKey!: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @Field((_type) => Rag, { nullable: true, description: 'The Overall Progress RAG as published; null when none was (GREY is a published rating).' })
  rag!: Rag | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @Field((_type) => Rag, { nullable: true, description: 'The Progress column\'s RAG as published.' })
  progress!: Rag | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @Field((_type) => Direction, { nullable: true, description: 'The published arrow read as a direction: ↑ IMPROVING, ↓ WORSENING, → NO_CHANGE.' })
  direction!: Direction | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The arrow as published: ↑ or ↓.' })
  arrow!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The Overall Comment as published.' })
  comment!: string | null;

  @ManyToOne(() => Outcome, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'outcome_id' })
  outcome?: Outcome;

  @ManyToOne(() => Period, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'period_key' })
  period?: Period;
}
