/**
 * Outcome.history: what was published for an outcome on each dashboard of its series (the same
 * outcome quarter by quarter), oldest first; drafts are left out. From the reference data and the
 * request's assessment loader, so the history of every outcome on a page is one statement.
 */
import { periodFromKey } from '../../analysis/periods';
import { Outcome, OutcomeAssessment } from '../../entities';
import { Loaders } from '../../loaders';
import { ReferenceData } from '../reference-data';

export async function outcomeHistory(reference: ReferenceData, loaders: Loaders, outcome: Outcome): Promise<OutcomeAssessment[]> {
  const published = reference.outcomeSeries(outcome.seriesId).flatMap((member) => {
    const dashboard = reference.dashboard(member.dashboardSlug);
    return dashboard?.status === 'PUBLISHED' ? [{ member, periodKey: dashboard.periodKey }] : [];
  });
  const assessments = await Promise.all(published.map(({ member, periodKey }) => loaders.assessment(member.id, periodKey)));
  return assessments
    .filter((assessment): assessment is OutcomeAssessment => assessment !== null)
    .sort((a, b) => periodFromKey(a.periodKey).startMonth - periodFromKey(b.periodKey).startMonth);
}
