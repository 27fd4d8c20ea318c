/**
 * Values that are not stored but follow from stored ones by one rule, computed when asked:
 *
 *  - SUM_OF_MONTHLY_COUNTS: the count for an area and a period is the sum of the stored monthly
 *    counts of the districts and unitary authorities that make up the area, over the period's
 *    months. Every one of those district-months must be loaded; otherwise there is no value, and
 *    the note says which is missing. (A county's quarter is the sum of 3 months × its districts.)
 *  - RATE_OF_COUNTS: that count divided by the area's mid-year population (the year chosen by
 *    src/analysis/population-year.ts; an area without its own estimate uses the sum of its
 *    districts'), times the multiplier (1,000). Numerator and denominator are kept; 95% and 99.8%
 *    limits are Byar's (exact Poisson below 10 events), as for counts.
 *
 * Nothing derived is stored, so a derived value can never disagree with the counts it comes from.
 */
import { DataSource } from 'typeorm';
import { countInterval, rateInterval } from '../analysis/confidence';
import { choosePopulationYear } from '../analysis/population-year';
import { matchesPeriodType, monthKey, monthLabel, parseMonthKey, periodFromMonths, PeriodInfo, PeriodType } from '../analysis/periods';
import { formatNumber } from '../analysis/format';
import { Indicator, Observation } from '../entities';
import { chunks } from '../import/upsert';
import { seenBy, SqlParameters, UnpublishedSeen } from '../db/observations';
import { rawQuery } from '../db/raw-query';
import { GeographyIndex } from './geography';
import { ReferenceData } from './reference-data';

export interface DerivationRequest {
  readonly indicator: Indicator;
  readonly areaCode: string;
  readonly period: PeriodInfo;
}

export function isDerived(indicator: Indicator): boolean {
  return indicator.derivation === 'SUM_OF_MONTHLY_COUNTS' || indicator.derivation === 'RATE_OF_COUNTS';
}

/** The key of the one-month period a monthly count is stored under: 2021-03/2021-03 (built directly: it is in every inner loop). */
export function monthPeriodKey(index: number): string {
  const month = monthKey(index);
  return `${month}/${month}`;
}

/** Stored monthly counts: count indicator id → area code → month key → count. */
export type MonthlyCounts = Map<string, Map<string, Map<string, number>>>;

/**
 * The stored monthly counts of some count indicators for some districts, in some months (all
 * months when null): one statement (chunked past a thousand areas). Plain SQL, no entities: a
 * county comparison reads thousands of these small rows.
 */
export async function fetchMonthlyCounts(
  dataSource: DataSource,
  seen: UnpublishedSeen,
  countIndicatorIds: readonly string[],
  areaCodes: readonly string[],
  monthKeys: readonly string[] | null,
): Promise<MonthlyCounts> {
  const counts: MonthlyCounts = new Map();
  if (countIndicatorIds.length === 0 || areaCodes.length === 0 || monthKeys?.length === 0) return counts;
  for (const areaChunk of chunks(areaCodes, 1000)) {
    const sql = SqlParameters.for(dataSource);
    const text = `SELECT indicator_id, area_code, period_key, value FROM observation WHERE indicator_id IN (${sql.list(countIndicatorIds)})`
      + ` AND area_code IN (${sql.list(areaChunk)})${monthKeys ? ` AND period_key IN (${sql.list(monthKeys)})` : ''} AND value IS NOT NULL AND ${seenBy(sql, seen)}`;
    const rows = await rawQuery<{ indicator_id: string; area_code: string; period_key: string; value: number | string }>(dataSource, text, sql.values);
    for (const row of rows) {
      let byArea = counts.get(row.indicator_id);
      if (!byArea) counts.set(row.indicator_id, (byArea = new Map()));
      let byMonth = byArea.get(row.area_code);
      if (!byMonth) byArea.set(row.area_code, (byMonth = new Map()));
      byMonth.set(row.period_key, Number(row.value));
    }
  }
  return counts;
}

/** The base count indicator of a derived indicator. */
export function countIndicatorOf(indicator: Indicator): string {
  return indicator.derivation === 'RATE_OF_COUNTS' ? indicator.baseIndicatorId! : indicator.id;
}

/** Longer periods are refused: a derivation over decades of months is never a sensible question, and would be slow. */
export const MAX_DERIVED_MONTHS = 240;

function missingValue(base: object, note: string): Observation {
  return Object.assign(new Observation(), {
    ...base, value: null, numerator: null, denominator: null, lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null, note, source: null,
  });
}

/**
 * Where a derivation reads its counts: the sum of a district's counts over a period's months
 * (undefined when a month has none), and, only then, which months have none, for the note.
 */
export interface CountSource {
  total(countId: string, areaCode: string, period: PeriodInfo): number | undefined;
  missingMonths(countId: string, areaCode: string, period: PeriodInfo): number[];
}

/** A district's sum over a period's months, and how many months had a count. */
export interface PeriodTotal {
  readonly total: number;
  readonly months: number;
}

/** A district's sum over a period from fetchPeriodTotals, or undefined when a month has no count. */
export function periodTotal(totals: ReadonlyMap<string, PeriodTotal>, countId: string, areaCode: string, period: PeriodInfo): number | undefined {
  const found = totals.get(`${period.key}|${countId}|${areaCode}`);
  return found && found.months === period.months ? found.total : undefined;
}

/** Sums read per period; the months missing from an incomplete one are found in `detail`, monthly counts read only then. */
export function periodTotalSource(totals: ReadonlyMap<string, PeriodTotal>, detail: MonthlyCounts): CountSource {
  return {
    total: (countId, areaCode, period) => periodTotal(totals, countId, areaCode, period),
    missingMonths(countId, areaCode, period) {
      const byMonth = detail.get(countId)?.get(areaCode);
      const missing: number[] = [];
      for (let month = period.startMonth; month <= period.endMonth; month++) if (byMonth?.get(monthPeriodKey(month)) === undefined) missing.push(month);
      return missing;
    },
  };
}

/**
 * Each district's sum of stored monthly counts over each period, in one statement for any number
 * of periods (a table of the periods' months joined to the counts), so a request reads one row per
 * district and period rather than one per district and month.
 */
export async function fetchPeriodTotals(
  dataSource: DataSource,
  seen: UnpublishedSeen,
  countIndicatorIds: readonly string[],
  areaCodes: readonly string[],
  periods: readonly PeriodInfo[],
): Promise<Map<string, PeriodTotal>> {
  const totals = new Map<string, PeriodTotal>();
  if (countIndicatorIds.length === 0 || areaCodes.length === 0 || periods.length === 0) return totals;
  const postgres = dataSource.options.type === 'postgres';
  // Bound parameters stay far below every database's limit (SQLite 32,766): at most 5,000 months a statement.
  const periodChunks: PeriodInfo[][] = [[]];
  let months = 0;
  for (const period of periods) {
    if (months + period.months > 5000 && periodChunks[periodChunks.length - 1].length > 0) {
      periodChunks.push([]);
      months = 0;
    }
    periodChunks[periodChunks.length - 1].push(period);
    months += period.months;
  }
  for (const periodChunk of periodChunks) {
    for (const areaChunk of chunks(areaCodes, 1000)) {
      const sql = SqlParameters.for(dataSource);
      const pairs: string[] = [];
      periodChunk.forEach((period, index) => {
        for (let month = period.startMonth; month <= period.endMonth; month++) {
          const [p, m] = [sql.list([index]), sql.list([monthPeriodKey(month)])];
          pairs.push(postgres ? `(${p}::integer, ${m}::varchar)` : `(${p}, ${m})`);
        }
      });
      const text = `WITH wanted(p, month) AS (VALUES ${pairs.join(', ')})`
        + ' SELECT w.p AS p, o.indicator_id AS indicator_id, o.area_code AS area_code, SUM(o.value) AS total, COUNT(*) AS months'
        + ` FROM wanted w JOIN observation o ON o.period_key = w.month WHERE o.indicator_id IN (${sql.list(countIndicatorIds)})`
        + ` AND o.area_code IN (${sql.list(areaChunk)}) AND o.value IS NOT NULL AND ${seenBy(sql, seen, 'o')} GROUP BY w.p, o.indicator_id, o.area_code`;
      const rows = await rawQuery<{ p: number | string; indicator_id: string; area_code: string; total: number | string; months: number | string }>(dataSource, text, sql.values);
      for (const row of rows) {
        totals.set(`${periodChunk[Number(row.p)].key}|${row.indicator_id}|${row.area_code}`, { total: Number(row.total), months: Number(row.months) });
      }
    }
  }
  return totals;
}

export function deriveValue(request: DerivationRequest, reference: ReferenceData, counts: CountSource): Observation | null {
  const { indicator, areaCode, period } = request;
  const { geography } = reference;
  const area = geography.get(areaCode);
  if (!area) return null;
  const base = { indicatorId: indicator.id, areaCode, periodKey: period.key, printed: null, printedPeriodLabel: null };
  if (period.months > MAX_DERIVED_MONTHS) {
    return missingValue(base, `Cannot be derived: ${period.label} spans ${period.months} months; derived values cover at most ${MAX_DERIVED_MONTHS}.`);
  }
  const lastMonth = monthKey(period.endMonth);
  if (area.validTo && lastMonth > area.validTo) {
    return missingValue(base, `Cannot be derived: ${area.name} ceased to exist after ${monthLabel(parseMonthKey(area.validTo))}.`);
  }
  const localAuthorities = geography.localAuthorities(areaCode);
  const ceased = localAuthorities.map((code) => geography.get(code)!).find((la) => la.validTo && lastMonth > la.validTo);
  if (ceased) {
    return missingValue(base, `Cannot be derived: ${area.name} includes ${ceased.name}, which ceased to exist after ${monthLabel(parseMonthKey(ceased.validTo!))}.`);
  }
  if (localAuthorities.length === 0) {
    return missingValue(base, `Cannot be derived: ${area.name} has no districts or unitary authorities in the loaded geography.`);
  }
  const countId = countIndicatorOf(indicator);
  const gaps: Array<{ month: number; place: number; code: string }> = [];
  let total = 0;
  localAuthorities.forEach((code, place) => {
    const sum = counts.total(countId, code, period);
    if (sum !== undefined) total += sum;
    else for (const month of counts.missingMonths(countId, code, period)) gaps.push({ month, place, code });
  });
  // Listed month by month, as the districts are listed within a month.
  const missing = gaps.sort((a, b) => a.month - b.month || a.place - b.place).map((gap) => `${geography.get(gap.code)?.name ?? gap.code} in ${monthLabel(gap.month)}`);
  const parts = `${period.months} month${period.months === 1 ? '' : 's'} × ${localAuthorities.length} ${localAuthorities.length === 1 ? 'area' : 'districts and unitary authorities'}`;
  if (missing.length === period.months * localAuthorities.length) {
    return missingValue(base, `Cannot be derived: no police.uk count is loaded for ${area.name} in ${period.label}.`);
  }
  if (missing.length > 0) {
    return missingValue(base, `Cannot be derived: no police.uk count for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more district-months` : ''}.`);
  }
  const countSource = `Sum of the monthly police.uk counts (${parts})`;
  if (indicator.derivation !== 'RATE_OF_COUNTS') {
    const ci95 = countInterval(total, 0.95);
    const ci998 = countInterval(total, 0.998);
    return Object.assign(new Observation(), {
      ...base, value: total, numerator: total, denominator: null,
      lowerCI95: ci95.lower, upperCI95: ci95.upper, lowerCI998: ci998.lower, upperCI998: ci998.upper,
      note: null, source: `${countSource}; limits: ${ci95.method}`,
    });
  }
  const choice = choosePopulationYear(period, reference.populationYears(areaCode));
  if (choice.year === null) {
    return Object.assign(new Observation(), {
      ...base, value: null, numerator: total, denominator: null, lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null,
      note: `Cannot be derived: no population estimate is loaded for ${area.name}.`, source: countSource,
    });
  }
  const population = reference.population(areaCode, choice.year)!;
  const summed = !reference.hasEstimate(areaCode, choice.year);
  const multiplier = indicator.multiplier ?? 1000;
  const ci95 = rateInterval(total, population, 0.95, multiplier);
  const ci998 = rateInterval(total, population, 0.998, multiplier);
  return Object.assign(new Observation(), {
    ...base,
    value: (total / population) * multiplier,
    numerator: total,
    denominator: population,
    lowerCI95: ci95.lower, upperCI95: ci95.upper, lowerCI998: ci998.lower, upperCI998: ci998.upper,
    note: choice.note ? `${choice.note[0].toUpperCase()}${choice.note.slice(1)}.` : null,
    source: `${countSource} ÷ mid-${choice.year} population ${formatNumber(population, 0)}${summed ? ' (sum of its districts)' : ''} × ${formatNumber(multiplier, 0)}; limits: ${ci95.method}`,
  });
}

/** The periods of a type that lie wholly within the months a series has. */
export function periodsWithin(firstMonth: number, lastMonth: number, type: PeriodType): PeriodInfo[] {
  const periods: PeriodInfo[] = [];
  for (let end = firstMonth; end <= lastMonth; end++) {
    const candidates: PeriodInfo[] = [];
    switch (type) {
      case 'MONTH': candidates.push(periodFromMonths(end, end)); break;
      case 'QUARTER': candidates.push(periodFromMonths(end - 2, end)); break;
      case 'FINANCIAL_YEAR': case 'CALENDAR_YEAR': case 'ROLLING_12_MONTHS': candidates.push(periodFromMonths(end - 11, end)); break;
      case 'YEAR_TO_DATE': for (let start = end - 10; start <= end; start++) candidates.push(periodFromMonths(start, end)); break;
      default: break;
    }
    for (const period of candidates) {
      if (matchesPeriodType(period, type) && period.startMonth >= firstMonth) periods.push(period);
    }
  }
  return periods;
}

/** The last month an area and every district in it existed (a month index), or null while they all exist. */
export function lastMonthOf(areaCode: string, geography: GeographyIndex): number | null {
  const ends = [areaCode, ...geography.localAuthorities(areaCode)]
    .map((code) => geography.get(code)?.validTo)
    .filter((validTo): validTo is string => Boolean(validTo))
    .map(parseMonthKey);
  return ends.length === 0 ? null : Math.min(...ends);
}
