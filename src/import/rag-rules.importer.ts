/**
 * RAG rules (targets) in the tidy CSV style: `indicator, area_code, target, target_min,
 * target_max, tolerance, note`. `area_code` empty: every area. Either `target` (a value met on its
 * good side by polarity) or `target_min`/`target_max` (a range). `tolerance` is a percentage
 * (5 for 5%), default 5. All or nothing; each problem names line and column.
 */
import { basename } from 'node:path';
import { EntityManager, In } from 'typeorm';
import { bumpDataVersion } from '../db/data-version';
import { ALL_AREAS, Area, Indicator, Polarity, RagRuleRow } from '../entities';
import { readCsvTable } from './csv-table';
import { ChangeCounts, upsertRows } from './upsert';

export function readRagRules(file: string): RagRuleRow[] {
  const table = readCsvTable(file, ['indicator', 'area_code', 'target', 'target_min', 'target_max', 'tolerance'], ['note']);
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const indicatorId = table.required(row, 'indicator');
    const scope = table.optional(row, 'area_code') ?? ALL_AREAS;
    const key = `${indicatorId}|${scope}`;
    if (seen.has(key)) table.fail(row, 'indicator', `a second rule for ${indicatorId} in ${scope === ALL_AREAS ? 'every area' : scope} (the first is on line ${seen.get(key)})`);
    seen.set(key, row.line);
    const targetValue = table.optionalNumber(row, 'target');
    const targetMin = table.optionalNumber(row, 'target_min');
    const targetMax = table.optionalNumber(row, 'target_max');
    if (targetValue === null && targetMin === null && targetMax === null) table.fail(row, 'target', 'give a target, or a range as target_min and/or target_max');
    if (targetValue !== null && (targetMin !== null || targetMax !== null)) table.fail(row, 'target', 'give a target or a range, not both');
    if (targetMin !== null && targetMax !== null && targetMin > targetMax) table.fail(row, 'target_max', `${targetMax} is below target_min ${targetMin}`);
    const tolerance = table.optionalNumber(row, 'tolerance');
    if (tolerance !== null && (tolerance < 0 || tolerance > 100)) table.fail(row, 'tolerance', `${tolerance} is not a percentage from 0 to 100`);
    return Object.assign(new RagRuleRow(), {
      indicatorId, scope, targetValue, targetMin, targetMax,
      tolerance: tolerance === null ? null : tolerance / 100,
      note: table.optional(row, 'note'),
      source: `${basename(file)}:${row.line}`,
    });
  });
}

export async function writeRagRules(manager: EntityManager, rules: RagRuleRow[]): Promise<ChangeCounts> {
  await bumpDataVersion(manager);
  const indicatorIds = [...new Set(rules.map((r) => r.indicatorId))];
  const indicators = new Map((await manager.findBy(Indicator, { id: In(indicatorIds) })).map((i) => [i.id, i]));
  const areas = new Set((await manager.findBy(Area, { code: In(rules.map((r) => r.scope).filter((s) => s !== ALL_AREAS)) })).map((a) => a.code));
  for (const rule of rules) {
    const indicator = indicators.get(rule.indicatorId);
    if (!indicator) throw new Error(`${rule.source}: "${rule.indicatorId}" is not a known indicator id`);
    if (rule.scope !== ALL_AREAS && !areas.has(rule.scope)) throw new Error(`${rule.source}: ${rule.scope} is not a known area`);
    if (rule.targetValue !== null && indicator.polarity === Polarity.NO_JUDGEMENT) {
      throw new Error(`${rule.source}: "${indicator.name}" has no polarity, so a target value has no good side; give a range (target_min, target_max)`);
    }
  }
  return upsertRows(manager, RagRuleRow, rules);
}
