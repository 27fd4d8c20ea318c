import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Indicator, Outcome, OutcomeAssessment } from '../entities';
import { Context } from '../context';
import { dashboardOf, DashboardRow, rowsOf } from '../services/dashboards';
import { rowsCost } from './cost';
import { SupportingIndicator } from './types';

@Resolver((_of) => Outcome)
export class OutcomeResolver {
  @FieldResolver((_returns) => [Indicator], { complexity: rowsCost, description: 'The supporting indicators in the order printed; the first is the headline. What the dashboard shows for each (values, judgements) is on supportingIndicators.' })
  indicators(@Root() outcome: Outcome, @Ctx() { reference }: Context): Indicator[] {
    return rowsOf(reference, outcome).map((row) => row.indicator);
  }

  @FieldResolver((_returns) => [SupportingIndicator], { complexity: rowsCost, description: 'The Supporting Indicators column as printed: each indicator with its Previous Year and Latest Data values and the judgements of the dashboard, in one request.' })
  supportingIndicators(@Root() outcome: Outcome, @Ctx() { reference }: Context): DashboardRow[] {
    return rowsOf(reference, outcome);
  }

  @FieldResolver((_returns) => OutcomeAssessment, { nullable: true, description: 'What the dashboard published for this outcome in its reporting period: RAG, progress, arrow, comment.' })
  reported(@Root() outcome: Outcome, @Ctx() { reference, loaders }: Context): Promise<OutcomeAssessment | null> {
    return loaders.assessment(outcome.id, dashboardOf(reference, outcome).periodKey);
  }
}
