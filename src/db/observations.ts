/**
 * Reading observations in bulk with plain SQL. A request can read thousands of small rows (a
 * county comparison, England's districts); TypeORM's find() builds and hydrates entities at many
 * times the cost of the query itself, so the hot reads go straight to the driver.
 */
import { DataSource } from 'typeorm';
import { Observation } from '../entities';
import { rawQuery } from './raw-query';

/** Builds `IN (...)` lists with the placeholders of the data source's dialect. */
export class SqlParameters {
  readonly values: unknown[] = [];

  constructor(private readonly postgres: boolean) {}

  list(items: readonly unknown[]): string {
    return items.map((item) => {
      this.values.push(item);
      return this.postgres ? `$${this.values.length}` : '?';
    }).join(', ');
  }

  static for(dataSource: DataSource): SqlParameters {
    return new SqlParameters(dataSource.options.type === 'postgres');
  }
}

/**
 * Which unpublished values (Observation.embargo: supplied for a draft dashboard) a reader sees:
 * 'none' (the public), 'all' (an ADMIN key), or those of some areas (any other key: its areas
 * and every area inside them). Every read of observations takes it, so an unpublished value is
 * absent on every path: a value, a series, a comparison, a sum of months.
 */
export type UnpublishedSeen = 'none' | 'all' | readonly string[];

/** The SQL condition that a row (of the table aliased `alias`, if given) is public or one the reader sees. */
export function seenBy(sql: SqlParameters, seen: UnpublishedSeen, alias = ''): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  if (seen === 'all') return '1 = 1';
  if (seen === 'none' || seen.length === 0) return `${column('embargo')} IS NULL`;
  return `(${column('embargo')} IS NULL OR ${column('area_code')} IN (${sql.list(seen)}))`;
}

const COLUMNS = 'indicator_id, area_code, period_key, value, printed, period_label, numerator, denominator, lower_ci95, upper_ci95, lower_ci998, upper_ci998, note, source, embargo';

interface Row {
  indicator_id: string; area_code: string; period_key: string; value: number | string | null; printed: string | null; period_label: string | null;
  numerator: number | string | null; denominator: number | string | null; lower_ci95: number | string | null; upper_ci95: number | string | null;
  lower_ci998: number | string | null; upper_ci998: number | string | null; note: string | null; source: string | null; embargo: string | null;
}

const number = (value: number | string | null): number | null => (value === null ? null : Number(value));

function observationOf(row: Row): Observation {
  const observation = new Observation();
  observation.indicatorId = row.indicator_id;
  observation.areaCode = row.area_code;
  observation.periodKey = row.period_key;
  observation.value = number(row.value);
  observation.printed = row.printed;
  observation.printedPeriodLabel = row.period_label;
  observation.numerator = number(row.numerator);
  observation.denominator = number(row.denominator);
  observation.lowerCI95 = number(row.lower_ci95);
  observation.upperCI95 = number(row.upper_ci95);
  observation.lowerCI998 = number(row.lower_ci998);
  observation.upperCI998 = number(row.upper_ci998);
  observation.note = row.note;
  observation.source = row.source;
  observation.embargo = row.embargo;
  return observation;
}

/** The stored observations of some indicators for some areas, in some periods (all periods when null), that the reader sees: one statement. */
export async function findObservations(
  dataSource: DataSource,
  seen: UnpublishedSeen,
  indicatorIds: readonly string[],
  areaCodes: readonly string[],
  periodKeys: readonly string[] | null,
): Promise<Observation[]> {
  if (indicatorIds.length === 0 || areaCodes.length === 0 || periodKeys?.length === 0) return [];
  const sql = SqlParameters.for(dataSource);
  const where = `indicator_id IN (${sql.list(indicatorIds)}) AND area_code IN (${sql.list(areaCodes)})${periodKeys ? ` AND period_key IN (${sql.list(periodKeys)})` : ''} AND ${seenBy(sql, seen)}`;
  const rows = await rawQuery<Row>(dataSource, `SELECT ${COLUMNS} FROM observation WHERE ${where}`, sql.values);
  return rows.map(observationOf);
}
