/**
 * The inputs of the narrative templates (src/analysis/narrative.ts), read from a request's
 * judgements: each row's direction of travel and flag, the outcome's roll-up, and what was published.
 */
import { NarrativeOutcome, NarrativeRow } from '../../analysis/narrative';
import { Dashboard, Observation, Outcome } from '../../entities';
import { DashboardRow, dashboardOf, rowsOf } from '../dashboards';
import { JudgementScope } from './common';
import { FlagAssessmentResult } from './flag';
import { DirectionResult, OutcomeRollUpResult } from './types';

export interface NarrativeSources {
  direction(row: DashboardRow): Promise<DirectionResult>;
  flag(row: DashboardRow): Promise<FlagAssessmentResult>;
  outcome(outcome: Outcome): Promise<OutcomeRollUpResult>;
}

/** A value as the dashboard prints it, or null where there is none. */
const printed = (scope: JudgementScope, observation: Observation | null): string | null => (observation ? scope.values.formatted(observation) || null : null);

export async function narrativeOutcome(scope: JudgementScope, sources: NarrativeSources, outcome: Outcome): Promise<NarrativeOutcome> {
  const dashboard: Dashboard = dashboardOf(scope.reference, outcome);
  const rows = rowsOf(scope.reference, outcome);
  const [details, rollUp, published] = await Promise.all([
    Promise.all(rows.map(async (row): Promise<NarrativeRow> => {
      const [direction, flag] = await Promise.all([sources.direction(row), sources.flag(row)]);
      const c = flag.comparison;
      return {
        indicator: row.indicator.name,
        direction: direction.direction,
        from: printed(scope, direction.from),
        to: printed(scope, direction.to),
        flag: flag.flag,
        comparison: c && c.outcome !== 'NOT_COMPARED' ? { outcome: c.outcome, against: c.benchmark.label, period: c.period.label } : null,
      };
    })),
    sources.outcome(outcome),
    scope.loaders.assessment(outcome.id, dashboard.periodKey),
  ]);
  return {
    position: outcome.position,
    title: outcome.title,
    area: scope.values.area(dashboard.areaCode).name,
    rows: details,
    published: published ? { rag: published.rag, direction: published.direction } : null,
    computed: { rag: rollUp.rag.status, direction: rollUp.direction.direction },
  };
}
