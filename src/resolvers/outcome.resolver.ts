import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Indicator, Outcome, OutcomeAssessment } from '../entities';
import { Context } from '../context';
import { inDashboardContext, valueAt } from '../services/indicator-values';
import { SupportingIndicator } from './types';

@Resolver((_of) => Outcome)
export class OutcomeResolver {
  @FieldResolver((_returns) => [Indicator], { description: 'The supporting indicators in the order printed; the first is the headline. Their `value` defaults to the dashboard\'s area.' })
  async indicators(@Root() outcome: Outcome, @Ctx() context: Context): Promise<Indicator[]> {
    return (await this.supportingIndicators(outcome, context)).map((row) => row.indicator);
  }

  @FieldResolver((_returns) => [SupportingIndicator], { description: 'The Supporting Indicators column as printed: each indicator with its Previous Year and Latest Data values, in one request.' })
  async supportingIndicators(@Root() outcome: Outcome, @Ctx() { loaders }: Context): Promise<SupportingIndicator[]> {
    const [dashboard, links] = await Promise.all([loaders.dashboard.load(outcome.dashboardSlug), loaders.linksOf.load(outcome.id)]);
    const areaCode = dashboard!.areaCode;
    return Promise.all(links.map(async (link) => {
      const indicator = (await loaders.indicator.load(link.indicatorId))!;
      const [previousValue, latestValue] = await Promise.all([
        link.previousPeriodKey ? valueAt(indicator, areaCode, link.previousPeriodKey, loaders) : null,
        link.latestPeriodKey ? valueAt(indicator, areaCode, link.latestPeriodKey, loaders) : null,
      ]);
      return { position: link.position, indicator: inDashboardContext(indicator, areaCode, link), note: link.note, previousValue, latestValue };
    }));
  }

  @FieldResolver((_returns) => OutcomeAssessment, { nullable: true, description: 'What the dashboard published for this outcome in its reporting period: RAG, progress, arrow, comment.' })
  async reported(@Root() outcome: Outcome, @Ctx() { loaders }: Context): Promise<OutcomeAssessment | null> {
    const dashboard = await loaders.dashboard.load(outcome.dashboardSlug);
    return loaders.assessment.load(loaders.assessmentKey(outcome.id, dashboard!.periodKey));
  }
}
