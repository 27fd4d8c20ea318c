import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { PeriodInfo, periodFromKey } from '../analysis/periods';
import { Area, Indicator, Observation, Period } from '../entities';
import { Context } from '../context';

@Resolver((_of) => Observation)
export class ObservationResolver {
  @FieldResolver((_returns) => ID, { description: 'Stable: the indicator, area and period it is for, e.g. safer-communities/total-crime-rate/E10000018/2013-04/2014-03. The same value has the same id whichever field reached it.' })
  id(@Root() observation: Observation): string {
    return `${observation.indicatorId}/${observation.areaCode}/${observation.periodKey}`;
  }

  @FieldResolver((_returns) => Area, { description: 'The area the value is for.' })
  area(@Root() observation: Observation, @Ctx() { values }: Context): Area {
    return values.area(observation.areaCode);
  }

  @FieldResolver((_returns) => Period, { description: 'The period the value is for.' })
  period(@Root() observation: Observation): PeriodInfo {
    return periodFromKey(observation.periodKey);
  }

  @FieldResolver((_returns) => Indicator, { description: 'The indicator the value belongs to.' })
  indicator(@Root() observation: Observation, @Ctx() { reference }: Context): Indicator {
    return reference.indicator(observation.indicatorId)!;
  }

  @FieldResolver((_returns) => String, { description: 'The period as the source printed it (Apr-Jun 2014), else the canonical label.' })
  periodLabel(@Root() observation: Observation): string {
    return observation.printedPeriodLabel ?? periodFromKey(observation.periodKey).label;
  }

  @FieldResolver((_returns) => String, { description: 'The value as a dashboard prints it: 47.18, 38.9%, 1,259; an empty string where there is no value.' })
  formatted(@Root() observation: Observation, @Ctx() { values }: Context): string {
    return values.formatted(observation);
  }
}
