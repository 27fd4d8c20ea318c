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

const COLUMNS = 'indicator_id, area_code, period_key, value, printed, period_label, numerator, denominator, lower_ci95, upper_ci95, lower_ci998, upper_ci998, note, source';

interface Row {
  indicator_id: string; area_code: string; period_key: string; value: number | string | null; printed: string | null; period_label: string | null;
  numerator: number | string | null; denominator: number | string | null; lower_ci95: number | string | null; upper_ci95: number | string | null;
  lower_ci998: number | string | null; upper_ci998: number | string | null; note: string | null; source: string | null;
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
  return observation;
}

/** The stored observations of some indicators for some areas, in some periods (all periods when null): one statement. */
export async function findObservations(
  dataSource: DataSource,
  indicatorIds: readonly string[],
  areaCodes: readonly string[],
  periodKeys: readonly string[] | null,
): Promise<Observation[]> {
  if (indicatorIds.length === 0 || areaCodes.length === 0 || periodKeys?.length === 0) return [];
  const sql = SqlParameters.for(dataSource);
  const where = `indicator_id IN (${sql.list(indicatorIds)}) AND area_code IN (${sql.list(areaCodes)})${periodKeys ? ` AND period_key IN (${sql.list(periodKeys)})` : ''}`;
  const rows = await rawQuery<Row>(dataSource, `SELECT ${COLUMNS} FROM observation WHERE ${where}`, sql.values);
  return rows.map(observationOf);
}
