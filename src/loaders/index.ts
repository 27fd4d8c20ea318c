/**
 * Per-request DataLoaders. They only batch: every value lookup of a GraphQL request becomes one
 * SQL statement per kind, however many outcomes, indicators and areas it touches. What to look up
 * (defaults, periods, members) is decided by src/services.
 */
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { comparePeriods, parseMonthKey, periodFromKey } from '../analysis/periods';
import { Direction, Indicator, Observation, OutcomeAssessment, Rag } from '../entities';
import { findObservations, seenBy, SqlParameters, UnpublishedSeen } from '../db/observations';
import { rawQuery } from '../db/raw-query';
import {
  countIndicatorOf, deriveValue, fetchMonthlyCounts, fetchPeriodTotals, lastMonthOf, MAX_DERIVED_MONTHS, MonthlyCounts, monthPeriodKey, periodTotal, periodTotalSource,
} from '../services/derived-values';
import { ReferenceData } from '../services/reference-data';

/** Keys of loaders that take several parts are joined with this, which no code or key contains. */
const SEPARATOR = '|';
const joinKey = (...parts: Array<string | number>): string => parts.join(SEPARATOR);
const splitKey = (key: string): string[] => key.split(SEPARATOR);

/** Large enough for any page, small enough for every database's limit on bound parameters. */
const options = { maxBatchSize: 1000 };

function byKey<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): Array<V | null> {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

function groupBy<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** `seen`: which unpublished values (supplied for a draft dashboard) this request's caller sees. */
export function createLoaders(dataSource: DataSource, reference: ReferenceData, seen: UnpublishedSeen = 'none') {
  const indicatorOf = (id: string): Indicator => reference.indicator(id)!;

  /** A stored value, keyed indicator|area|period. Fetches the cross product of the batch's parts, one statement. */
  const observation = new DataLoader<string, Observation | null>(async (keys) => {
    const parts = keys.map(splitKey);
    const rows = await findObservations(dataSource, seen, distinct(parts.map((p) => p[0])), distinct(parts.map((p) => p[1])), distinct(parts.map((p) => p[2])));
    return byKey(keys, rows, (row) => joinKey(row.indicatorId, row.areaCode, row.periodKey));
  }, options);

  /** Every stored value of an indicator for an area, oldest first, keyed indicator|area. */
  const series = new DataLoader<string, Observation[]>(async (keys) => {
    const parts = keys.map(splitKey);
    const rows = await findObservations(dataSource, seen, distinct(parts.map((p) => p[0])), distinct(parts.map((p) => p[1])), null);
    rows.sort((a, b) => comparePeriods(periodFromKey(a.periodKey), periodFromKey(b.periodKey)));
    return groupBy(keys, rows, (row) => joinKey(row.indicatorId, row.areaCode));
  }, options);

  /** The areas an indicator has stored values for. */
  const areasWithData = new DataLoader<string, string[]>(async (ids) => {
    const sql = SqlParameters.for(dataSource);
    const rows = await rawQuery<{ indicator_id: string; area_code: string }>(dataSource,
      `SELECT indicator_id, area_code FROM observation WHERE indicator_id IN (${sql.list(ids)}) AND ${seenBy(sql, seen)} GROUP BY indicator_id, area_code`, sql.values);
    return groupBy(ids, rows, (row) => row.indicator_id).map((group) => group.map((row) => row.area_code).sort());
  }, options);

  /**
   * A derived value (src/services/derived-values.ts), keyed indicator|area|period: one statement per
   * batch for the districts' sums over every period asked; a second only when some district lacks
   * a month, to name the months in the note.
   */
  const derived = new DataLoader<string, Observation | null>(async (keys) => {
    const requests = keys.map(splitKey).map(([id, areaCode, periodKey]) => ({ indicator: indicatorOf(id), areaCode, period: periodFromKey(periodKey) }));
    const countIds = distinct(requests.map((r) => countIndicatorOf(r.indicator)));
    const areaCodes = distinct(requests.flatMap((r) => reference.geography.localAuthorities(r.areaCode)));
    const periods = [...new Map(requests.filter((r) => r.period.months <= MAX_DERIVED_MONTHS).map((r) => [r.period.key, r.period])).values()];
    const totals = await fetchPeriodTotals(dataSource, seen, countIds, areaCodes, periods);
    const incomplete = requests.filter((r) => r.period.months <= MAX_DERIVED_MONTHS
      && reference.geography.localAuthorities(r.areaCode).some((code) => periodTotal(totals, countIndicatorOf(r.indicator), code, r.period) === undefined));
    let detail: MonthlyCounts = new Map();
    if (incomplete.length > 0) {
      const months = new Set<string>();
      for (const { period } of incomplete) for (let m = period.startMonth; m <= period.endMonth; m++) months.add(monthPeriodKey(m));
      detail = await fetchMonthlyCounts(dataSource, seen, distinct(incomplete.map((r) => countIndicatorOf(r.indicator))),
        distinct(incomplete.flatMap((r) => reference.geography.localAuthorities(r.areaCode))), [...months]);
    }
    const counts = periodTotalSource(totals, detail);
    return requests.map((request) => deriveValue(request, reference, counts));
  }, options);

  /** The months with a stored count for every district of an area, keyed indicator|area: bounds for a derived series. */
  const derivedMonths = new DataLoader<string, number[]>(async (keys) => {
    const parts = keys.map(splitKey);
    const { geography } = reference;
    const countIds = distinct(parts.map(([id]) => countIndicatorOf(indicatorOf(id))));
    const areaCodes = distinct(parts.flatMap(([, areaCode]) => geography.localAuthorities(areaCode)));
    const counts = await fetchMonthlyCounts(dataSource, seen, countIds, areaCodes, null);
    return parts.map(([id, areaCode]) => {
      const las = geography.localAuthorities(areaCode);
      const byArea = counts.get(countIndicatorOf(indicatorOf(id)));
      if (las.length === 0 || !byArea) return [];
      const monthSets = las.map((code) => new Set([...(byArea.get(code)?.keys() ?? [])].map((key) => parseMonthKey(key.slice(0, 7)))));
      const last = lastMonthOf(areaCode, geography) ?? Infinity;
      return [...monthSets[0]].filter((m) => m <= last && monthSets.every((set) => set.has(m))).sort((a, b) => a - b);
    });
  }, options);

  /** What a dashboard published for an outcome in a period, keyed outcome|period. */
  const assessment = new DataLoader<string, OutcomeAssessment | null>(async (keys) => {
    const sql = SqlParameters.for(dataSource);
    const rows = await rawQuery<{ outcome_id: string; period_key: string; rag: Rag | null; progress: Rag | null; direction: Direction | null; arrow: string | null; comment: string | null }>(
      dataSource, `SELECT outcome_id, period_key, rag, progress, direction, arrow, comment FROM outcome_assessment WHERE outcome_id IN (${sql.list(distinct(keys.map((key) => splitKey(key)[0])))})`, sql.values);
    const assessments = rows.map((row) => Object.assign(new OutcomeAssessment(), {
      outcomeId: row.outcome_id, periodKey: row.period_key, rag: row.rag, progress: row.progress, direction: row.direction, arrow: row.arrow, comment: row.comment,
    }));
    return byKey(keys, assessments, (row) => joinKey(row.outcomeId, row.periodKey));
  }, options);

  return {
    observation: (indicatorId: string, areaCode: string, periodKey: string) => observation.load(joinKey(indicatorId, areaCode, periodKey)),
    series: (indicatorId: string, areaCode: string) => series.load(joinKey(indicatorId, areaCode)),
    areasWithData: (indicatorId: string) => areasWithData.load(indicatorId),
    derived: (indicatorId: string, areaCode: string, periodKey: string) => derived.load(joinKey(indicatorId, areaCode, periodKey)),
    derivedMonths: (indicatorId: string, areaCode: string) => derivedMonths.load(joinKey(indicatorId, areaCode)),
    assessment: (outcomeId: string, periodKey: string) => assessment.load(joinKey(outcomeId, periodKey)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
