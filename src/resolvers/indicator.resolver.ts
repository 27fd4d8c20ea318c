import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Indicator, Observation, PeriodType } from '../entities';
import { Context } from '../context';
import { findSeries, findValue, IndicatorInContext } from '../services/indicator-values';

@Resolver((_of) => Indicator)
export class IndicatorResolver {
  @FieldResolver((_returns) => Observation, {
    nullable: true,
    description: 'One value. Defaults: the dashboard\'s area (when reached through a dashboard), else the only area with values; and the latest period with a value (for police.uk values, which exist for every period type: the dashboard\'s Latest Data period through a dashboard, else the latest month). Null when there is no value.',
  })
  value(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: 'ONS code, e.g. E07000130. Default: the dashboard\'s area, else the only area with values.' }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Period key (2013-04/2014-03) or label (2013-14). Default: the latest period with a value.' }) period: string | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Observation | null> {
    return findValue(indicator, area, period, loaders);
  }

  @FieldResolver((_returns) => [Observation], { description: 'Values over time, oldest first.' })
  series(
    @Root() indicator: IndicatorInContext,
    @Arg('area', (_type) => ID, { nullable: true, description: 'ONS code. Default: the dashboard\'s area, else the only area with values.' }) area: string | undefined,
    @Arg('from', (_type) => ID, { nullable: true, description: 'Only periods starting at or after this period\'s start (key or label). Default: the first.' }) from: string | undefined,
    @Arg('to', (_type) => ID, { nullable: true, description: 'Only periods ending at or before this period\'s end (key or label). Default: the last.' }) to: string | undefined,
    @Arg('type', (_type) => PeriodType, { nullable: true, description: 'Only periods of this type, e.g. QUARTER; ROLLING_12_MONTHS is every 12-month window (including financial and calendar years), YEAR_TO_DATE every span from April. Default: every stored type; months for police.uk values.' }) type: PeriodType | undefined,
    @Ctx() { loaders }: Context,
  ): Promise<Observation[]> {
    return findSeries(indicator, { area, from, to, type }, loaders);
  }
}
