/**
 * Contract parts 2 and 4 on Indicator: judgements computed from its values (src/services/judgements).
 * Defaults depend only on the indicator, so a normalised client cache never mixes two answers.
 */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { OverdispersionMethod } from '../analysis/types';
import { Indicator, PeriodType } from '../entities';
import { Context } from '../context';
import { ComparisonResult, DirectionResult, FlagAssessmentResult, GroupComparisonResult, RagResult, TrendResult } from '../services/judgements';
import { Comparison, ComparatorInput, DirectionOfTravel, FlagAssessment, GroupComparison, RagRating, RecentTrend } from './analysis.types';
import { COST } from './cost';

const AREA = 'ONS code. Default: the indicator\'s home area (the area of the dashboard that publishes it), else the only area with values.';
const PERIOD = 'Period key or label. Default: the latest period with a value for the area.';
const GROUP = 'An area group id. Default: the area\'s comparator group (Leicestershire: police-uk-peer-counties).';

@Resolver((_of) => Indicator)
export class IndicatorAnalysisResolver {
  @FieldResolver((_returns) => DirectionOfTravel, {
    nullable: true,
    complexity: COST.judgement,
    description: 'Direction of travel by polarity, with a significance test where counts allow: the period (default the latest with a value) against the comparable earlier period (previous financial year, same quarter or month a year earlier, preceding 12 months) or `from`. A dashboard\'s Previous Year against Latest Data is SupportingIndicator.directionOfTravel.',
  })
  directionOfTravel(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('from', (_type) => ID, { nullable: true, description: 'The earlier period to compare with (key or label). Default: the comparable earlier period.' }) from: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<DirectionResult> {
    return judgements.direction(indicator, { area, period, from });
  }

  @FieldResolver((_returns) => RecentTrend, { nullable: true, complexity: COST.judgement, description: 'Fingertips\' recent trend of the five most recent consecutive non-overlapping points of a period type, up to `to`.' })
  recentTrend(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('type', (_type) => PeriodType, { nullable: true, description: 'The period type of the points, e.g. MONTH or ROLLING_12_MONTHS. Default: that of the latest value (months for police.uk data).' }) type: PeriodType | undefined,
    @Arg('to', (_type) => ID, { nullable: true, description: 'The last period the five points may reach (key or label), e.g. 2021-22 for the trend as it stood then. Default: the latest.' }) to: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<TrendResult> {
    return judgements.trend(indicator, { area, type, to });
  }

  @FieldResolver((_returns) => RagRating, { nullable: true, complexity: COST.judgement, description: 'RAG against the indicator\'s target for the area (a value or range with a tolerance, default 5%); without a target, by direction of travel.' })
  rag(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<RagResult> {
    return judgements.rag(indicator, { area, period });
  }

  @FieldResolver((_returns) => Comparison, { nullable: true, complexity: COST.comparison, description: 'The area against one area (overlapping confidence intervals), a named group\'s average or an ad-hoc list\'s average (funnel limits).' })
  compare(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('against', (_type) => ComparatorInput, { description: 'Exactly one of area, group or areas.' }) against: ComparatorInput,
    @Ctx() { judgements }: Context,
  ): Promise<ComparisonResult> {
    return judgements.compare(indicator, { area, period, against });
  }

  @FieldResolver((_returns) => FlagAssessment, { nullable: true, complexity: COST.comparison, description: 'The area against `against` (default: a district against its county, another area against its comparator group) and its own recent trend: RED_RED when significantly worse and significantly getting worse.' })
  flag(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('against', (_type) => ComparatorInput, { nullable: true, description: 'Exactly one of area, group or areas. Default: a district\'s county, else the area\'s comparator group.' }) against: ComparatorInput | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<FlagAssessmentResult> {
    return judgements.flag(indicator, { area, period, against });
  }

  @FieldResolver((_returns) => GroupComparison, { nullable: true, complexity: COST.comparison, description: 'Each district and unitary authority within the area (a county\'s districts; England\'s 300 or so) against the area\'s value, best first, with ranks and quartiles.' })
  districtComparison(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: 'The area whose districts are compared: a county, CSP, police force area, region or country. Default: the indicator\'s home area.' }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<GroupComparisonResult> {
    return judgements.districtComparison(indicator, { area, period });
  }

  @FieldResolver((_returns) => GroupComparison, { nullable: true, complexity: COST.comparison, description: 'The area against its comparator group (default: the area\'s configured peer group): average, rank, quartile, percent from the average, and funnel (control) limits at 95% and 99.8%. Without a period: the latest span, as long as the area\'s latest period, for which every member has values.' })
  countyComparison(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('group', (_type) => ID, { nullable: true, description: GROUP }) group: string | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<GroupComparisonResult> {
    return judgements.countyComparison(indicator, { area, period, group });
  }

  @FieldResolver((_returns) => GroupComparison, {
    nullable: true,
    complexity: COST.comparison,
    description: 'The group comparison with an explicit overdispersion method (countyComparison uses AUTO: ADDITIVE when overdispersed, else NONE). Without `overdispersion` it is countyComparison; NONE gives the chance-only funnel Fingertips draws.',
  })
  funnel(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: PERIOD }) period: string | undefined,
    @Arg('group', (_type) => ID, { nullable: true, description: GROUP }) group: string | undefined,
    @Arg('overdispersion', (_type) => OverdispersionMethod, {
      nullable: true,
      description: 'How the limits allow for spread between areas beyond chance: NONE, MULTIPLICATIVE or ADDITIVE (widened only when the group is overdispersed). Default: as countyComparison (ADDITIVE when overdispersed, else NONE).',
    }) overdispersion: OverdispersionMethod | undefined,
    @Ctx() { judgements }: Context,
  ): Promise<GroupComparisonResult> {
    return judgements.countyComparison(indicator, { area, period, group, overdispersion });
  }
}
