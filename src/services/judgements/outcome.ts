/**
 * An outcome's computed RAG and direction, rolled up from its rows (src/analysis/rag.ts), beside
 * what the dashboard published for it.
 */
import { OutcomeItem, rollUpOutcome } from '../../analysis/rag';
import { Outcome, Rag } from '../../entities';
import { DashboardRow } from '../dashboards';
import { JudgementScope } from './common';
import { DirectionResult, OutcomeRollUpResult, RagResult } from './types';

export async function rollUp(
  scope: JudgementScope,
  outcome: Outcome,
  rows: DashboardRow[],
  areaCode: string,
  dashboard: { areaCode: string; periodKey: string },
  row: { direction(row: DashboardRow, areaCode: string): Promise<DirectionResult>; rag(row: DashboardRow, areaCode: string): Promise<RagResult> },
): Promise<OutcomeRollUpResult> {
  scope.values.area(areaCode);
  const items: OutcomeItem[] = await Promise.all(rows.map(async (r) => {
    const [direction, rag] = await Promise.all([row.direction(r, areaCode), row.rag(r, areaCode)]);
    return { indicatorName: r.indicator.name, rag, direction };
  }));
  const reported = areaCode === dashboard.areaCode ? await scope.loaders.assessment(outcome.id, dashboard.periodKey) : null;
  // A published GREY is "not rated": there is no rating to agree or disagree with.
  const publishedRag = reported?.rag && reported.rag !== Rag.GREY ? reported.rag : null;
  const result = rollUpOutcome(items, reported ? { rag: publishedRag, direction: reported.direction } : null);
  return {
    rag: { status: result.rag, rule: result.rule, target: null, explanation: result.explanation },
    direction: {
      direction: result.direction, arrow: result.arrow, from: null, to: null, change: null, percentChange: null,
      comparable: result.direction !== 'NOT_COMPARABLE' && result.direction !== 'NO_DATA',
      significant: null, pValue: null, method: result.rule, explanation: result.explanation,
    },
    agreesWithReported: result.agreesWithReported,
  };
}
