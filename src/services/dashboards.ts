/**
 * Dashboards as they are printed: outcomes with their rows (supporting indicators), each row
 * with the periods of its Previous Year and Latest Data values. Everything that depends on a
 * dashboard hangs off a row, never off the shared indicator.
 */
import { Dashboard, Indicator, Outcome } from '../entities';
import { badArgument } from './errors';
import { ReferenceData } from './reference-data';

/** One supporting indicator as one dashboard shows it. */
export interface DashboardRow {
  /** Stable: the outcome (its dashboard and position) and the indicator, e.g. safer-communities-2014-15-q2/outcomes/1/safer-communities/total-crime-rate. */
  readonly id: string;
  readonly position: number;
  readonly note: string | null;
  readonly indicator: Indicator;
  readonly dashboardSlug: string;
  readonly outcomeId: string;
  /** The dashboard's area: the row's values and judgements are for it. */
  readonly areaCode: string;
  readonly previousPeriodKey: string | null;
  readonly latestPeriodKey: string | null;
}

export function dashboardOf(reference: ReferenceData, outcome: Outcome): Dashboard {
  return reference.dashboard(outcome.dashboardSlug)!;
}

export function rowsOf(reference: ReferenceData, outcome: Outcome): DashboardRow[] {
  const dashboard = dashboardOf(reference, outcome);
  return reference.rowsOf(outcome.id).map((link) => ({
    id: `${outcome.id}/${link.indicatorId}`,
    position: link.position,
    note: link.note,
    indicator: reference.indicator(link.indicatorId)!,
    dashboardSlug: dashboard.slug,
    outcomeId: outcome.id,
    areaCode: dashboard.areaCode,
    previousPeriodKey: link.previousPeriodKey,
    latestPeriodKey: link.latestPeriodKey,
  }));
}

/** The first row that shows an indicator on a dashboard; an indicator not on it is an error. */
export function rowFor(reference: ReferenceData, dashboard: Dashboard, indicatorId: string): DashboardRow {
  for (const outcome of reference.outcomesOf(dashboard.slug)) {
    const row = rowsOf(reference, outcome).find((r) => r.indicator.id === indicatorId);
    if (row) return row;
  }
  throw badArgument('indicator', `"${indicatorId}" is not on dashboard "${dashboard.slug}"`);
}
