/**
 * RAG: the value against the indicator's target for the area (src/analysis/rag.ts); without a
 * target, by the direction of travel the same path computes.
 */
import { PeriodInfo } from '../../analysis/periods';
import { ragRating, RagRule } from '../../analysis/rag';
import { Area, Indicator, RagRuleRow } from '../../entities';
import { factsOf, JudgementScope, pointOf, usable } from './common';
import { DirectionResult, RagResult } from './types';

function ruleOf(rows: readonly RagRuleRow[], areaCode: string): { rule: RagRule; row: RagRuleRow } | null {
  const row = rows.find((r) => r.scope === areaCode) ?? rows.find((r) => r.scope === '*');
  if (!row) return null;
  const target = row.targetValue !== null ? { value: row.targetValue } : { min: row.targetMin ?? undefined, max: row.targetMax ?? undefined };
  return { rule: { target, tolerance: row.tolerance ?? undefined }, row };
}

/**
 * The rating of the value for `period` (null: no value to rate). `direction` is asked for only
 * when there is no target, so a rating by target never computes a direction.
 */
export async function ragFor(
  scope: JudgementScope,
  indicator: Indicator,
  area: Area,
  period: PeriodInfo | null,
  direction: () => Promise<DirectionResult>,
): Promise<RagResult> {
  const rule = ruleOf(scope.reference.targets(indicator.id), area.code);
  const value = period ? usable(await scope.values.valueAt(indicator, area.code, period.key)) : null;
  const travel = rule ? undefined : await direction();
  const result = ragRating(factsOf(indicator), value ? pointOf(value, area) : null, rule?.rule ?? null, travel);
  return {
    status: result.status,
    rule: rule?.row.note ? `${result.rule} (${rule.row.note})` : result.rule,
    target: result.target,
    explanation: result.explanation,
  };
}
