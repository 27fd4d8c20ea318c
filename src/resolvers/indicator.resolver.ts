import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { AreaType, Indicator, Observation, PeriodType } from '../entities';
import { Context } from '../context';

const AREA = 'ONS code, e.g. E07000130. Default: the indicator\'s home area (the area of the dashboard that publishes it), else the only area with values.';

@Resolver((_of) => Indicator)
export class IndicatorResolver {
  @FieldResolver((_returns) => Observation, {
    nullable: true,
    description: 'One value. Defaults depend only on the indicator, whichever path reached it: its home area (the area of the dashboard that publishes it, else the only area with values) and the latest period with a value there (for police.uk values, the latest month loaded). Null when there is no value. What a dashboard shows is on SupportingIndicator.',
  })
  value(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Period key (2013-04/2014-03) or label (2013-14). Default: the latest period with a value.' }) period: string | undefined,
    @Ctx() { values }: Context,
  ): Promise<Observation | null> {
    return values.value(indicator, { area, period });
  }

  @FieldResolver((_returns) => [Observation], { description: 'Values over time, oldest first.' })
  series(
    @Root() indicator: Indicator,
    @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined,
    @Arg('from', (_type) => ID, { nullable: true, description: 'Only periods starting at or after this period\'s start (key or label). Default: the first.' }) from: string | undefined,
    @Arg('to', (_type) => ID, { nullable: true, description: 'Only periods ending at or before this period\'s end (key or label). Default: the last.' }) to: string | undefined,
    @Arg('type', (_type) => PeriodType, { nullable: true, description: 'Only periods of this type, e.g. QUARTER; ROLLING_12_MONTHS is every 12-month window (including financial and calendar years), YEAR_TO_DATE every span from April. Default: every stored type; months for police.uk values.' }) type: PeriodType | undefined,
    @Ctx() { values }: Context,
  ): Promise<Observation[]> {
    return values.series(indicator, { area, from, to, type });
  }

  @FieldResolver((_returns) => [Observation], {
    description: 'One value per area for one period, in one field: the areas listed, or every area of a type within an area (values(within: "E10000018", type: DISTRICT) is Leicestershire\'s districts; England\'s run to about 300). An area without a value is listed with a null value and a note.',
  })
  values(
    @Root() indicator: Indicator,
    @Arg('areas', (_type) => [ID], { nullable: true, description: 'ONS codes, e.g. ["E07000129", "E07000130"]. Give this or within.' }) areas: string[] | undefined,
    @Arg('within', (_type) => ID, { nullable: true, description: 'An area whose parts to list, e.g. E10000018. Give this or areas.' }) within: string | undefined,
    @Arg('type', (_type) => AreaType, { nullable: true, description: 'With within: every area of this type below it, through either hierarchy. Default: its direct children.' }) type: AreaType | undefined,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Period key or label. Default: the latest period with a value for the indicator\'s home area (else the first area).' }) period: string | undefined,
    @Ctx() { values }: Context,
  ): Promise<Observation[]> {
    return values.values(indicator, { areas, within, type, period });
  }
}
