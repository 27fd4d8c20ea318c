import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { formatValue } from '../analysis/format';
import { Area, Indicator, Observation, Period } from '../entities';
import { Context } from '../context';

@Resolver((_of) => Observation)
export class ObservationResolver {
  @FieldResolver((_returns) => Area, { description: 'The area the value is for.' })
  async area(@Root() observation: Observation, @Ctx() { loaders }: Context): Promise<Area> {
    return (await loaders.area.load(observation.areaCode))!;
  }

  @FieldResolver((_returns) => Period, { description: 'The period the value is for.' })
  period(@Root() observation: Observation): Period {
    return Period.fromKey(observation.periodKey);
  }

  @FieldResolver((_returns) => Indicator, { description: 'The indicator the value belongs to.' })
  async indicator(@Root() observation: Observation, @Ctx() { loaders }: Context): Promise<Indicator> {
    return (await loaders.indicator.load(observation.indicatorId))!;
  }

  @FieldResolver((_returns) => String, { description: 'The period as the source printed it (Apr-Jun 2014), else the canonical label.' })
  periodLabel(@Root() observation: Observation): string {
    return observation.printedPeriodLabel ?? Period.fromKey(observation.periodKey).label;
  }

  @FieldResolver((_returns) => String, { description: 'The value as a dashboard prints it: 47.18, 38.9%, 1,259; an empty string where there is no value.' })
  async formatted(@Root() observation: Observation, @Ctx() { loaders }: Context): Promise<string> {
    if (observation.value === null) return '';
    if (observation.printed !== null) return observation.printed;
    const indicator = (await loaders.indicator.load(observation.indicatorId))!;
    return formatValue(observation.value, indicator.valueType, indicator.decimals);
  }
}
