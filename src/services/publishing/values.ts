/**
 * setValues and correctValue: values for indicators, areas and periods, checked by the one rule
 * set of the tidy CSV import (src/analysis/value-rules.ts), then by who may write what: the key's
 * areas, and whether a published dashboard shows the value (then only a correction, with a
 * reason, may change it). Every problem of every item is reported and nothing is written; else
 * all items are written in one transaction with one audit event each, and the data version rises.
 */
import { DataSource, EntityManager, In } from 'typeorm';
import { CheckedValue, checkValue, givenNumber, ValueField, ValueRuleReference } from '../../analysis/value-rules';
import { bumpDataVersion } from '../../db/data-version';
import { SERIALIZABLE, transaction } from '../../db/transaction';
import { Area, Indicator, Observation, Period } from '../../entities';
import { outsideAreas, requireRole, WriteAccess } from './access';
import { cellKey, embargoes, publishedCells } from './cells';
import { recordAudit } from './audit';
import { InputProblem } from './problems';

/** One item of setValues, as the API takes it. */
export interface ValueItem {
  readonly indicator: string;
  readonly area: string;
  readonly period: string;
  readonly value?: number | null;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
  readonly lowerCI95?: number | null;
  readonly upperCI95?: number | null;
  readonly lowerCI998?: number | null;
  readonly upperCI998?: number | null;
  readonly note?: string | null;
}

export interface ValuesResult {
  /** As stored, in input order; empty when anything was refused. */
  readonly values: Observation[];
  readonly problems: InputProblem[];
}

/** Items in one setValues call: more is a bulk load, for npm run import:csv. */
export const MAX_VALUES_PER_CALL = 1000;

/** The longest reason for a correction: a sentence or two for the audit trail. */
export const MAX_REASON_LENGTH = 1000;

const count = (n: number): string => n.toLocaleString('en-GB');

/** The API's name of each field the rules name. */
const FIELD_NAME: Partial<Record<ValueField, string>> = { area: 'area' };

async function ruleReference(manager: EntityManager): Promise<ValueRuleReference> {
  const [indicators, areas] = await Promise.all([
    manager.find(Indicator, { select: { id: true, name: true, unit: true, valueType: true, derivation: true } }),
    manager.find(Area, { select: { code: true, name: true } }),
  ]);
  return { indicators: new Map(indicators.map((i) => [i.id, i])), areas: new Map(areas.map((a) => [a.code, a])) };
}

function snapshot(observation: Observation | undefined): Record<string, unknown> | null {
  if (!observation) return null;
  return {
    value: observation.value, numerator: observation.numerator, denominator: observation.denominator,
    lowerCI95: observation.lowerCI95, upperCI95: observation.upperCI95, lowerCI998: observation.lowerCI998, upperCI998: observation.upperCI998,
    note: observation.note, source: observation.source,
  };
}

/**
 * Checks every item; returns the checked values, or every problem, item by item. `correction`:
 * the items must be values a published dashboard shows (correctValue); otherwise they must not
 * be (setValues). The published cells are read for the checked items' indicators only.
 */
async function checkItems(
  manager: EntityManager,
  items: readonly ValueItem[],
  path: (i: number) => string,
  access: WriteAccess,
  correction: boolean,
): Promise<{ values: CheckedValue[]; problems: InputProblem[] }> {
  const reference = await ruleReference(manager);
  const problems: InputProblem[][] = items.map(() => []);
  const checked: Array<{ i: number; value: CheckedValue; key: string }> = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const at = (field: string) => `${path(i)}.${field}`;
    const result = checkValue({
      indicator: item.indicator, area: item.area, period: item.period,
      value: givenNumber(item.value), numerator: givenNumber(item.numerator), denominator: givenNumber(item.denominator),
      lowerCI95: givenNumber(item.lowerCI95), upperCI95: givenNumber(item.upperCI95),
      lowerCI998: givenNumber(item.lowerCI998), upperCI998: givenNumber(item.upperCI998),
      note: item.note ?? null,
    }, reference);
    for (const problem of result.problems) problems[i].push({ path: at(FIELD_NAME[problem.field] ?? problem.field), message: problem.message });
    const value = result.value;
    if (!value) return;
    const outside = outsideAreas(access, value.areaCode, reference.areas.get(value.areaCode)?.name);
    if (outside) problems[i].push({ path: at('area'), message: outside });
    const key = cellKey(value.indicatorId, value.areaCode, value.period.key);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems[i].push({ path: at('period'), message: `${value.indicatorId} for ${value.areaCode} in ${value.period.label} is already given at ${path(earlier)}; give each indicator, area and period once` });
    }
    seen.set(key, i);
    checked.push({ i, value, key });
  });
  const published = await publishedCells(manager, checked.map(({ value }) => value.indicatorId));
  for (const { i, value, key } of checked) {
    const dashboard = published.get(key);
    const at = `${path(i)}.period`;
    if (!correction && dashboard) {
      problems[i].push({ path: at, message: `${value.indicatorId} for ${value.areaCode} in ${value.period.label} is shown by the published dashboard ${dashboard}; change it with correctValue and a reason` });
    }
    if (correction && !dashboard) {
      problems[i].push({ path: at, message: `no published dashboard shows ${value.indicatorId} for ${value.areaCode} in ${value.period.label}; write it with setValues` });
    }
  }
  return { values: checked.map(({ value }) => value), problems: problems.flat() };
}

async function write(
  manager: EntityManager,
  access: WriteAccess,
  values: readonly CheckedValue[],
  action: 'setValues' | 'correctValue',
  reason: string | null,
): Promise<Observation[]> {
  const existing = await manager.find(Observation, {
    where: {
      indicatorId: In([...new Set(values.map((v) => v.indicatorId))]),
      areaCode: In([...new Set(values.map((v) => v.areaCode))]),
      periodKey: In([...new Set(values.map((v) => v.period.key))]),
    },
  });
  const byKey = new Map(existing.map((o) => [cellKey(o.indicatorId, o.areaCode, o.periodKey), o]));
  // A value for a draft's cell stays unpublished until the draft is (a correction's cell is published).
  const embargoOf = action === 'setValues' ? await embargoes(manager, values.map((v) => v.indicatorId)) : () => null;
  const at = new Date();
  const source = `${action} by ${access.keyName} at ${at.toISOString()}`;
  await manager.upsert(Period, [...new Map(values.map((v) => [v.period.key, Period.fromInfo(v.period)])).values()], ['key']);
  const stored: Observation[] = [];
  const audit = [];
  for (const value of values) {
    const before = byKey.get(cellKey(value.indicatorId, value.areaCode, value.period.key));
    const beforeSnapshot = snapshot(before);
    const observation = Object.assign(before ?? new Observation(), {
      indicatorId: value.indicatorId,
      areaCode: value.areaCode,
      periodKey: value.period.key,
      value: value.value,
      // A value from the API is formatted by the indicator's decimals; a correction keeps the printed period label.
      printed: null,
      printedPeriodLabel: before?.printedPeriodLabel ?? null,
      numerator: value.numerator,
      denominator: value.denominator,
      lowerCI95: value.lowerCI95, upperCI95: value.upperCI95, lowerCI998: value.lowerCI998, upperCI998: value.upperCI998,
      note: value.note,
      source,
      embargo: embargoOf(value.indicatorId, value.areaCode, value.period.key, before),
    });
    stored.push(await manager.save(Observation, observation));
    audit.push({
      action, target: `${value.indicatorId}/${value.areaCode}/${value.period.key}`, areaCode: value.areaCode,
      before: beforeSnapshot, after: snapshot(observation), reason,
    } as const);
  }
  await recordAudit(manager, access, audit, at);
  await bumpDataVersion(manager);
  return stored;
}

/** setValues: all or nothing; values a published dashboard shows are refused (correctValue changes those). */
export async function setValues(dataSource: DataSource, access: WriteAccess | null, items: readonly ValueItem[]): Promise<ValuesResult> {
  const writer = requireRole(access, 'setValues');
  if (items.length === 0) return { values: [], problems: [{ path: 'values', message: 'is empty; give at least one value' }] };
  if (items.length > MAX_VALUES_PER_CALL) {
    return { values: [], problems: [{ path: 'values', message: `has ${count(items.length)} items; at most ${count(MAX_VALUES_PER_CALL)} in one call (use npm run import:csv for more)` }] };
  }
  return transaction(dataSource, async (manager) => {
    const checked = await checkItems(manager, items, (i) => `values[${i}]`, writer, false);
    if (checked.problems.length > 0) return { values: [], problems: checked.problems };
    return { values: await write(manager, writer, checked.values, 'setValues', null), problems: [] };
  }, SERIALIZABLE);
}

/** correctValue: an ADMIN changes a value a published dashboard shows, with a reason kept in the audit trail. */
export async function correctValue(dataSource: DataSource, access: WriteAccess | null, item: ValueItem, reason: string): Promise<ValuesResult> {
  const admin = requireRole(access, 'correctValue');
  const why = reason.trim();
  return transaction(dataSource, async (manager) => {
    const checked = await checkItems(manager, [item], () => 'value', admin, true);
    const problems = [...checked.problems];
    if (why.length < 5) problems.push({ path: 'reason', message: 'say why the published value changes (at least 5 characters); it is kept in the audit trail' });
    if (why.length > MAX_REASON_LENGTH) problems.push({ path: 'reason', message: `is ${count(why.length)} characters; at most ${count(MAX_REASON_LENGTH)}: say why in a sentence or two` });
    if (problems.length > 0) return { values: [], problems };
    return { values: await write(manager, admin, checked.values, 'correctValue', why), problems: [] };
  }, SERIALIZABLE);
}
