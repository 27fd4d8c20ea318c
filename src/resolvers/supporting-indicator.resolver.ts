/** A dashboard's row: its values and the dashboard's judgements, for the dashboard's area and periods. */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Observation, PeriodType } from '../entities';
import { Context } from '../context';
import { DashboardRow } from '../services/dashboards';
import { DirectionResult, FlagAssessmentResult, GroupComparisonResult, RagResult, TrendResult } from '../services/judgements';
import { DirectionOfTravel, FlagAssessment, GroupComparison, RagRating, RecentTrend } from './analysis.types';
import { COST } from './cost';
import { SupportingIndicator } from './types';

@Resolver((_of) => SupportingIndicator)
export class SupportingIndicatorResolver {
  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The Previous Year value as printed, e.g. 47.18 for 2013-14; null where none is shown.' })
  previousValue(@Root() row: DashboardRow, @Ctx() { values }: Context): Promise<Observation | null> | null {
    return row.previousPeriodKey ? values.valueAt(row.indicator, row.areaCode, row.previousPeriodKey) : null;
  }

  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The Latest Data value with its own period, e.g. 0.33 for Apr-Jun 2014; null where none is shown (never zero).' })
  latestValue(@Root() row: DashboardRow, @Ctx() { values }: Context): Promise<Observation | null> | null {
    return row.latestPeriodKey ? values.valueAt(row.indicator, row.areaCode, row.latestPeriodKey) : null;
  }

  @FieldResolver((_returns) => DirectionOfTravel, { nullable: true, complexity: COST.judgement, description: 'The Latest Data value against the Previous Year value, for the dashboard\'s area, judged by polarity, with a significance test where counts allow.' })
  directionOfTravel(@Root() row: DashboardRow, @Ctx() { judgements }: Context): Promise<DirectionResult> {
    return judgements.rowDirection(row);
  }

  @FieldResolver((_returns) => RagRating, { nullable: true, complexity: COST.judgement, description: 'The Latest Data value against the indicator\'s target for the dashboard\'s area; without a target, by this row\'s direction of travel.' })
  rag(@Root() row: DashboardRow, @Ctx() { judgements }: Context): Promise<RagResult> {
    return judgements.rowRag(row);
  }

  @FieldResolver((_returns) => RecentTrend, { nullable: true, complexity: COST.judgement, description: 'The recent trend for the dashboard\'s area: the five most recent points up to the Latest Data period.' })
  recentTrend(
    @Root() row: DashboardRow,
    @Arg('type', (_type) => PeriodType, { nullable: true, description: 'The period type of the points, e.g. MONTH. Default: that of the latest value (months for police.uk data).' }) type: PeriodType | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<TrendResult> {
    return judgements.rowTrend(row, type ?? null);
  }

  @FieldResolver((_returns) => GroupComparison, { nullable: true, complexity: COST.comparison, description: 'The County/District Comparison column: each district of the dashboard\'s area against the area\'s value, for the Latest Data period (or `period`), best first.' })
  districtComparison(
    @Root() row: DashboardRow,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Period key or label. Default: the row\'s Latest Data period.' }) period: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<GroupComparisonResult> {
    return judgements.rowDistrictComparison(row, period);
  }

  @FieldResolver((_returns) => GroupComparison, { nullable: true, complexity: COST.comparison, description: 'The dashboard\'s area against its comparator group, for the Latest Data period\'s length (the latest span every member has) or `period`.' })
  countyComparison(
    @Root() row: DashboardRow,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Period key or label. Default: the latest span of the Latest Data period\'s length for which every member has values.' }) period: string | undefined,
    @Arg('group', (_type) => ID, { nullable: true, description: 'An area group id. Default: the area\'s comparator group (Leicestershire: police-uk-peer-counties).' }) group: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<GroupComparisonResult> {
    return judgements.rowCountyComparison(row, { period, group });
  }

  @FieldResolver((_returns) => FlagAssessment, { nullable: true, complexity: COST.comparison, description: 'Against the dashboard area\'s comparator (a county\'s peer group, a district\'s county) for the Latest Data period, and its own recent trend.' })
  flag(@Root() row: DashboardRow, @Ctx() { judgements }: Context): Promise<FlagAssessmentResult> {
    return judgements.rowFlag(row);
  }
}
