/** Contract part 2 on Indicator: judgements computed from its values (src/services/analysis.ts). */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Indicator, PeriodType } from '../entities';
import { Context } from '../context';
import { compareFor, countyComparisonFor, directionFor, districtComparisonFor, ragFor, trendFor } from '../services/analysis';
import { IndicatorInContext } from '../services/indicator-values';
import { Comparison, ComparatorInput, DirectionOfTravel, GroupComparison, RagRating, RecentTrend } from './analysis.types';

/** Query complexity of the judgements: they read many values, so they count for many fields. */
export const COST = { judgement: 100, comparison: 500 } as const;

const AREA = 'ONS code. Default: the dashboard\'s area (when reached through a dashboard), else the only area with values.';
const PERIOD = 'Period key or label. Default: the dashboard\'s Latest Data period (through a dashboard), else the latest period with a value.';

@Resolver((_of) => Indicator)
export class IndicatorAnalysisResolver {
  @FieldResolver((_returns) => DirectionOfTravel, {
    complexity: COST.judgement,
    description: 'Direction of travel by polarity, with a significance test where counts allow. Through a dashboard it compares the Previous Year and Latest Data values; otherwise the period with the comparable earlier period (previous financial year, same quarter or month a year earlier, preceding 12 months).',
  })
  directionOfTravel(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('from', (_type) => ID, { nullable: true, description: 'The earlier period to compare with (key or label). Default: the comparable earlier period.' }) from: string | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<DirectionOfTravel> {
    return directionFor(indicator, { area, period, from }, loaders);
  }

  @FieldResolver((_returns) => RecentTrend, { complexity: COST.judgement, description: 'Fingertips\' recent trend of the five most recent consecutive non-overlapping points of a period type.' })
  recentTrend(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('type', (_type) => PeriodType, { nullable: true, description: 'The period type of the points, e.g. MONTH or ROLLING_12_MONTHS. Default: that of the latest value (months for police.uk data).' }) type: PeriodType | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<RecentTrend> {
    return trendFor(indicator, { area, type }, loaders);
  }

  @FieldResolver((_returns) => RagRating, { complexity: COST.judgement, description: 'RAG against the indicator\'s target for the area (a value or range with a tolerance, default 5%); without a target, by direction of travel.' })
  rag(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<RagRating> {
    return ragFor(indicator, { area, period }, loaders);
  }

  @FieldResolver((_returns) => Comparison, { complexity: COST.comparison, description: 'The area against one area (overlapping confidence intervals), a named group\'s average or an ad-hoc list\'s average (funnel limits).' })
  compare(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('against', (_type) => ComparatorInput, { description: 'Exactly one of area, group or areas.' }) against: ComparatorInput,
    @Ctx() { loaders }: Context,
  ): Promise<Comparison> {
    return compareFor(indicator, { area, period, against }, loaders);
  }

  @FieldResolver((_returns) => GroupComparison, { complexity: COST.comparison, description: 'Each district of the area (default: the dashboard\'s county) against the county\'s value, best first, with ranks and quartiles.' })
  districtComparison(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: 'The county (or CSP, force area) whose districts are compared. Default: the dashboard\'s area.' }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<GroupComparison> {
    return districtComparisonFor(indicator, { area, period }, loaders);
  }

  @FieldResolver((_returns) => GroupComparison, { complexity: COST.comparison, description: 'The county against its comparator group (default: the area\'s configured peer group): average, rank, quartile, percent from the average, and funnel (control) limits at 95% and 99.8%.' })
  countyComparison(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('group', (_type) => ID, { nullable: true, description: 'An area group id. Default: the area\'s comparator group (Leicestershire: police-uk-peer-counties).' }) group: string | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<GroupComparison> {
    return countyComparisonFor(indicator, { area, period, group }, loaders);
  }
}
