/**
 * Partners' own data as a tidy CSV, one value a row:
 *
 *   indicator,area_code,period,value,numerator,denominator,note
 *   safer-communities/total-crime-rate,E07000129,2013-14,44.74,"4,250","95,000",
 *
 * The whole file is read and checked first; only a file without a single problem is written,
 * in one transaction, matched on the observation's natural key (indicator, area, period), so
 * importing the same file twice changes nothing. Every problem names file, line and column.
 */
import { basename } from 'node:path';
import { DataSource, EntityManager, In } from 'typeorm';
import { CheckedValue, checkValue, NumberInput, ValueField, ValueRuleReference } from '../analysis/value-rules';
import { bumpDataVersion } from '../db/data-version';
import { SERIALIZABLE, transaction } from '../db/transaction';
import { Area, Indicator, Observation, Period } from '../entities';
import { embargoes } from '../services/publishing/cells';

export { rateMultiplier, valueMultiplier } from '../analysis/value-rules';
import { CsvRow, CsvTable, readCsvTable } from './csv-table';
import { formatLocation, ImportError, ImportWarning } from './import-error';
import { ChangeCounts, emptyCounts, upsertRows } from './upsert';

export const TIDY_CSV_REQUIRED_COLUMNS = ['indicator', 'area_code', 'period', 'value'] as const;
export const TIDY_CSV_OPTIONAL_COLUMNS = [
  'numerator', 'denominator', 'note', 'lower_ci95', 'upper_ci95', 'lower_ci998', 'upper_ci998',
] as const;

/** Past this many, further problems are counted, not listed. */
const MAX_LISTED_PROBLEMS = 20;

/** One row of the file, read and checked. */
export interface TidyCsvValue extends CheckedValue {
  readonly line: number;
}

/** What the checks need to know about the database: its indicators and areas. */
export type TidyCsvReference = ValueRuleReference;

export interface TidyCsvImportReport {
  readonly file: string;
  readonly rows: number;
  readonly changes: { periods: ChangeCounts; observations: ChangeCounts };
  readonly warnings: readonly ImportWarning[];
}

/**
 * Every problem found in a file. It is an ImportError for the first one (its location and
 * problem); the message lists the others on the following lines, so they can all be fixed at once.
 */
export class TidyCsvError extends ImportError {
  override name = 'TidyCsvError';
  constructor(readonly problems: readonly ImportError[]) {
    super(problems[0].location, problems[0].problem);
    const listed = problems.slice(1, MAX_LISTED_PROBLEMS);
    if (listed.length > 0) {
      const more = problems.length - 1 - listed.length;
      this.message = [
        this.message,
        `${problems.length - 1} more problem${problems.length === 2 ? '' : 's'} in the file:`,
        ...listed.map((problem) => `  ${problem.message}`),
        ...(more > 0 ? [`  ... and ${more} more`] : []),
      ].join('\n');
    }
  }
}

const PLAIN_NUMBER = /^-?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * A number as a partner's CSV gives it: a plain decimal (1259, 47.18, -3.5), with thousands
 * separators only inside quotes ("1,259"; unquoted, the comma would split the field).
 * A % sign is refused: percentages are given as 38.9.
 */
export function parseCsvNumber(text: string): { value: number; decimals: number } | { problem: string } {
  if (text.includes('%')) {
    return { problem: `"${text}" has a % sign; give percentages as plain numbers, e.g. 38.9 for 38.9%` };
  }
  if (!PLAIN_NUMBER.test(text)) {
    return { problem: `"${text}" is not a number; write plain decimals such as 1259 or 47.18 (a thousands separator only inside quotes: "1,259")` };
  }
  return { value: Number(text.replace(/,/g, '')), decimals: /\.(\d+)$/.exec(text)?.[1].length ?? 0 };
}

/** Reads the file's header and rows; a file that is not CSV, or lacks a required column, fails here. */
export function readTidyCsvTable(file: string): CsvTable {
  let table: CsvTable;
  try {
    table = readCsvTable(file, TIDY_CSV_REQUIRED_COLUMNS, TIDY_CSV_OPTIONAL_COLUMNS);
  } catch (error) {
    // An unquoted 1,259 is the usual cause of a row with a field too many: say so.
    const counts = error instanceof ImportError ? /expect (\d+), got (\d+)/.exec(error.problem) : null;
    if (error instanceof ImportError && counts) {
      throw new ImportError(error.location, `the row has ${counts[2]} fields but the header has ${counts[1]}; ${Number(counts[2]) > Number(counts[1])
        ? 'quote any field with a comma in it, e.g. a number with a thousands separator as "1,259"'
        : 'give every column of the header, empty where there is nothing'}`);
    }
    throw error;
  }
  const seen = new Map<string, number>();
  table.columns.forEach((column, index) => {
    const first = seen.get(column);
    if (first !== undefined) {
      throw new ImportError({ file, line: 1, column: index + 1 }, `the header names "${column}" twice (columns ${first + 1} and ${index + 1})`);
    }
    seen.set(column, index);
  });
  return table;
}

/** Columns the importer does not read: reported, since a misspelt limit column would otherwise be lost silently. */
function unreadColumns(table: CsvTable): ImportWarning[] {
  const known: readonly string[] = [...TIDY_CSV_REQUIRED_COLUMNS, ...TIDY_CSV_OPTIONAL_COLUMNS];
  return table.columns.flatMap((column, index) => (known.includes(column) ? [] : [{
    location: { file: table.file, line: 1, column: index + 1 },
    message: `the column "${column}" is not read (the columns read are ${known.join(', ')})`,
  }]));
}

function describeKey(value: Pick<TidyCsvValue, 'indicatorId' | 'areaCode' | 'period'>): string {
  return `${value.indicatorId} for ${value.areaCode} in ${value.period.label}`;
}

/**
 * Checks every row against the database's indicators and areas, and the rows against each
 * other. Throws a TidyCsvError listing every problem (the first of each row); returns the
 * values only when there is none.
 */
export function validateTidyCsv(table: CsvTable, reference: TidyCsvReference): TidyCsvValue[] {
  const problems: ImportError[] = [];
  const values: TidyCsvValue[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    try {
      const value = readRow(table, row, reference);
      const key = `${value.indicatorId}|${value.areaCode}|${value.period.key}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        table.fail(row, 'period', `${describeKey(value)} is already given at line ${earlier}; give each indicator, area and period once`);
      }
      firstLine.set(key, row.line);
      values.push(value);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new TidyCsvError(problems);
  return values;
}

/** The CSV column of each field the rules name. */
const COLUMN_OF: Record<ValueField, string> = {
  indicator: 'indicator', area: 'area_code', period: 'period', value: 'value', numerator: 'numerator', denominator: 'denominator',
  note: 'note', lowerCI95: 'lower_ci95', upperCI95: 'upper_ci95', lowerCI998: 'lower_ci998', upperCI998: 'upper_ci998',
};

/** Reads a row into the rules' terms and checks it by the one rule set (src/analysis/value-rules.ts); fails at its first problem. */
function readRow(table: CsvTable, row: CsvRow, reference: TidyCsvReference): TidyCsvValue {
  const number = (column: string): NumberInput => {
    const text = table.optional(row, column);
    return text === null ? null : parseCsvNumber(text);
  };
  const result = checkValue({
    indicator: table.optional(row, 'indicator') ?? '',
    area: table.optional(row, 'area_code') ?? '',
    period: table.optional(row, 'period') ?? '',
    value: number('value'),
    numerator: number('numerator'),
    denominator: number('denominator'),
    lowerCI95: number('lower_ci95'),
    upperCI95: number('upper_ci95'),
    lowerCI998: number('lower_ci998'),
    upperCI998: number('upper_ci998'),
    note: table.optional(row, 'note'),
  }, reference, { firstOnly: true });
  if (!result.value) {
    const [problem] = result.problems;
    table.fail(row, COLUMN_OF[problem.field], problem.message);
  }
  return { line: row.line, ...result.value };
}

/** The indicators and areas rows are checked against. */
export async function loadTidyCsvReference(manager: EntityManager): Promise<TidyCsvReference> {
  const indicators = await manager.find(Indicator, { select: { id: true, name: true, unit: true, valueType: true, derivation: true } });
  const areas = await manager.find(Area, { select: { code: true, name: true } });
  return {
    indicators: new Map(indicators.map((indicator) => [indicator.id, indicator])),
    areas: new Map(areas.map((area) => [area.code, area])),
  };
}

/** Reads, checks and writes a tidy CSV: everything or, on any problem, nothing. */
export async function importTidyCsvFile(dataSource: DataSource, file: string): Promise<TidyCsvImportReport> {
  return importTidyCsvTable(dataSource, readTidyCsvTable(file));
}

/** Checks and writes a table already read by readTidyCsvTable, in one transaction. */
export async function importTidyCsvTable(dataSource: DataSource, table: CsvTable): Promise<TidyCsvImportReport> {
  // Serializable (again on a conflict), as the publishing writes: a draft published while the file loads leaves no value waiting for it.
  return transaction(dataSource, async (manager) => {
    const values = validateTidyCsv(table, await loadTidyCsvReference(manager));
    return writeTidyCsv(manager, table, values);
  }, SERIALIZABLE);
}

/** The file an observation's source names: `x.csv` from `x.csv:12` or `x.txt:8:40`. */
function sourceFile(source: string | null): string | null {
  return source === null ? null : source.replace(/(?::\d+)+$/, '');
}

function describeValue(value: number | null): string {
  return value === null ? 'no value' : String(value);
}

/** Writes checked values in the caller's transaction; reports what changed and what it replaced. */
export async function writeTidyCsv(manager: EntityManager, table: CsvTable, values: readonly TidyCsvValue[]): Promise<TidyCsvImportReport> {
  await bumpDataVersion(manager);
  const file = basename(table.file);
  const warnings: ImportWarning[] = unreadColumns(table);
  if (values.length === 0) warnings.push({ location: { file: table.file, line: 1 }, message: 'the file has a header but no rows; nothing to import' });

  const periods = new Map(values.map((value) => [value.period.key, Period.fromInfo(value.period)]));
  const observations = values.map((value) => Object.assign(new Observation(), {
    indicatorId: value.indicatorId,
    areaCode: value.areaCode,
    periodKey: value.period.key,
    value: value.value,
    // Not a printed table: values are formatted by the indicator's decimals, periods by their canonical label.
    printed: null,
    printedPeriodLabel: null,
    numerator: value.numerator,
    denominator: value.denominator,
    lowerCI95: value.lowerCI95,
    upperCI95: value.upperCI95,
    lowerCI998: value.lowerCI998,
    upperCI998: value.upperCI998,
    note: value.note,
    source: `${file}:${value.line}`,
  }));

  // A value from another file (a published dashboard, another partner) is replaced, and said so.
  const existing = new Map<string, Observation>();
  if (values.length > 0) {
    const found = await manager.find(Observation, {
      where: {
        indicatorId: In([...new Set(values.map((v) => v.indicatorId))]),
        areaCode: In([...new Set(values.map((v) => v.areaCode))]),
        periodKey: In([...periods.keys()]),
      },
    });
    for (const observation of found) existing.set(`${observation.indicatorId}|${observation.areaCode}|${observation.periodKey}`, observation);
  }
  // A new value for a draft dashboard's indicators and periods stays unpublished until the draft is, as through setValues.
  const embargoOf = await embargoes(manager, values.map((value) => value.indicatorId));
  values.forEach((value, i) => {
    const before = existing.get(`${value.indicatorId}|${value.areaCode}|${value.period.key}`);
    observations[i].embargo = embargoOf(value.indicatorId, value.areaCode, value.period.key, before);
    if (before && sourceFile(before.source) !== file) {
      warnings.push({
        location: { file: table.file, line: value.line },
        message: `${describeKey(value)}: ${describeValue(value.value)} replaces ${describeValue(before.value)} from ${before.source ?? 'an unnamed source'}`
          + (before.value === value.value ? ` (the same value; its source becomes ${observations[i].source})` : ''),
      });
    }
  });

  const changes = {
    periods: await upsertRows(manager, Period, [...periods.values()]),
    observations: await upsertRows(manager, Observation, observations, emptyCounts(), ['indicatorId', 'areaCode', 'periodKey']),
  };
  return { file: table.file, rows: values.length, changes, warnings };
}

export function formatTidyCsvReport(report: TidyCsvImportReport): string {
  const lines = [`Imported ${report.file}: ${report.rows} row${report.rows === 1 ? '' : 's'}`];
  for (const [name, counts] of Object.entries(report.changes)) {
    lines.push(`  ${name.padEnd(20)} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
  lines.push(report.warnings.length === 0 ? 'No warnings.' : `${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`);
  for (const warning of report.warnings) lines.push(`  ${formatLocation(warning.location)}: ${warning.message}`);
  return lines.join('\n');
}
