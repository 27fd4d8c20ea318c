import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { PeriodInfo, periodFromKey } from '../analysis/periods';
import { Area, Dashboard, Observation, Outcome, Period } from '../entities';
import { Context } from '../context';
import { rowFor } from '../services/dashboards';
import { dashboardNarrativeCost, outcomesCost } from './cost';

@Resolver((_of) => Dashboard)
export class DashboardResolver {
  @FieldResolver((_returns) => ID, { description: 'The dashboard\'s stable id: its slug.' })
  id(@Root() dashboard: Dashboard): string {
    return dashboard.slug;
  }

  @FieldResolver((_returns) => Area, { description: 'The area the dashboard reports on, e.g. Leicestershire.' })
  area(@Root() dashboard: Dashboard, @Ctx() { values }: Context): Area {
    return values.area(dashboard.areaCode);
  }

  @FieldResolver((_returns) => Period, { description: 'The reporting period, e.g. Q2 2014-15.' })
  period(@Root() dashboard: Dashboard): PeriodInfo {
    return periodFromKey(dashboard.periodKey);
  }

  @FieldResolver((_returns) => Period, { nullable: true, description: 'The period of the Previous Year column, e.g. 2013-14.' })
  previousPeriod(@Root() dashboard: Dashboard): PeriodInfo | null {
    return dashboard.previousPeriodKey ? periodFromKey(dashboard.previousPeriodKey) : null;
  }

  @FieldResolver((_returns) => Period, { nullable: true, description: 'The default period of the Latest Data column, e.g. 12 months to Sep 2014.' })
  latestPeriod(@Root() dashboard: Dashboard): PeriodInfo | null {
    return dashboard.latestPeriodKey ? periodFromKey(dashboard.latestPeriodKey) : null;
  }

  @FieldResolver((_returns) => String, { nullable: true, complexity: dashboardNarrativeCost, description: 'The same for the whole dashboard: a paragraph a board paper can quote.' })
  narrative(@Root() dashboard: Dashboard, @Ctx() { judgements }: Context): Promise<string> {
    return judgements.dashboardNarrative(dashboard);
  }

  @FieldResolver((_returns) => [Outcome], { complexity: outcomesCost, description: 'The outcomes in the order printed.' })
  outcomes(@Root() dashboard: Dashboard, @Ctx() { reference }: Context): readonly Outcome[] {
    return reference.outcomesOf(dashboard.slug);
  }

  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The previous-year value of an indicator as the dashboard shows it; null where it shows none. An indicator not on the dashboard is an error. (Outcome.supportingIndicators gives every row in one field.)' })
  previousValue(
    @Root() dashboard: Dashboard,
    @Arg('indicator', (_type) => ID, { description: 'An indicator id on this dashboard, e.g. safer-communities/total-crime-rate.' }) indicator: string,
    @Ctx() { reference, values }: Context,
  ): Promise<Observation | null> | null {
    const row = rowFor(reference, dashboard, indicator);
    return row.previousPeriodKey ? values.valueAt(row.indicator, row.areaCode, row.previousPeriodKey) : null;
  }

  @FieldResolver((_returns) => Observation, { nullable: true, description: 'The latest value of an indicator as the dashboard shows it, with its own period (0.33 for Apr-Jun 2014); null where it shows none, never zero.' })
  latestValue(
    @Root() dashboard: Dashboard,
    @Arg('indicator', (_type) => ID, { description: 'An indicator id on this dashboard, e.g. safer-communities/total-crime-rate.' }) indicator: string,
    @Ctx() { reference, values }: Context,
  ): Promise<Observation | null> | null {
    const row = rowFor(reference, dashboard, indicator);
    return row.latestPeriodKey ? values.valueAt(row.indicator, row.areaCode, row.latestPeriodKey) : null;
  }
}
