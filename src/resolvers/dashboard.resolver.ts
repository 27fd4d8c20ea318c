import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Area, Dashboard, Observation, Outcome, Period } from '../entities';
import { Context } from '../context';
import { badInput } from './errors';
import { valueAt } from '../services/indicator-values';

@Resolver((_of) => Dashboard)
export class DashboardResolver {
  @FieldResolver((_returns) => ID, { description: 'The dashboard\'s stable id: its slug.' })
  id(@Root() dashboard: Dashboard): string {
    return dashboard.slug;
  }

  @FieldResolver((_returns) => Area, { description: 'The area the dashboard reports on, e.g. Leicestershire.' })
  async area(@Root() dashboard: Dashboard, @Ctx() { loaders }: Context): Promise<Area> {
    return (await loaders.area.load(dashboard.areaCode))!;
  }

  @FieldResolver((_returns) => Period, { description: 'The reporting period, e.g. Q2 2014-15.' })
  period(@Root() dashboard: Dashboard): Period {
    return Period.fromKey(dashboard.periodKey);
  }

  @FieldResolver((_returns) => Period, { nullable: true, description: 'The period of the Previous Year column, e.g. 2013-14.' })
  previousPeriod(@Root() dashboard: Dashboard): Period | null {
    return dashboard.previousPeriodKey ? Period.fromKey(dashboard.previousPeriodKey) : null;
  }

  @FieldResolver((_returns) => Period, { nullable: true, description: 'The default period of the Latest Data column, e.g. 12 months to Sep 2014.' })
  latestPeriod(@Root() dashboard: Dashboard): Period | null {
    return dashboard.latestPeriodKey ? Period.fromKey(dashboard.latestPeriodKey) : null;
  }

  @FieldResolver((_returns) => [Outcome], { description: 'The outcomes in the order printed.' })
  outcomes(@Root() dashboard: Dashboard, @Ctx() { loaders }: Context): Promise<Outcome[]> {
    return loaders.outcomesOf.load(dashboard.slug);
  }

  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The previous-year value of an indicator as the dashboard shows it; null where it shows none. An indicator not on the dashboard is an error.' })
  previousValue(
    @Root() dashboard: Dashboard,
    @Arg('indicator', (_type) => ID, { description: 'An indicator id on this dashboard, e.g. safer-communities/total-crime-rate.' }) indicator: string,
    @Ctx() context: Context,
  ): Promise<Observation | null> {
    return shownValue(dashboard, indicator, 'previous', context);
  }

  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The latest value of an indicator as the dashboard shows it, with its own period (0.33 for Apr-Jun 2014); null where it shows none, never zero.' })
  latestValue(
    @Root() dashboard: Dashboard,
    @Arg('indicator', (_type) => ID, { description: 'An indicator id on this dashboard, e.g. safer-communities/total-crime-rate.' }) indicator: string,
    @Ctx() context: Context,
  ): Promise<Observation | null> {
    return shownValue(dashboard, indicator, 'latest', context);
  }
}

async function shownValue(dashboard: Dashboard, indicatorId: string, column: 'previous' | 'latest', { loaders }: Context): Promise<Observation | null> {
  const link = await loaders.dashboardLink.load(loaders.dashboardLinkKey(dashboard.slug, indicatorId));
  if (!link) throw badInput('indicator', `"${indicatorId}" is not on dashboard "${dashboard.slug}"`);
  const periodKey = column === 'previous' ? link.previousPeriodKey : link.latestPeriodKey;
  return periodKey ? valueAt((await loaders.indicator.load(indicatorId))!, dashboard.areaCode, periodKey, loaders) : null;
}
