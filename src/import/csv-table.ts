/**
 * Small CSV files (seeds, catalogues, partner uploads) read whole, with line numbers kept so
 * that every error names file, line and column. Large files (police.uk) are streamed elsewhere.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { decodeUtf8, ImportError } from './import-error';

export interface CsvRow {
  readonly line: number;
  /** Fields by header name; a missing optional field is ''. */
  readonly fields: Readonly<Record<string, string>>;
}

export class CsvTable {
  constructor(
    readonly file: string,
    readonly columns: readonly string[],
    readonly rows: readonly CsvRow[],
  ) {}

  /** An error at a row's field: "file:line:column: <column name> ...". */
  fail(row: CsvRow, column: string, problem: string): never {
    const index = this.columns.indexOf(column);
    throw new ImportError({ file: this.file, line: row.line, column: index + 1 }, `${column}: ${problem}`);
  }

  required(row: CsvRow, column: string): string {
    const value = row.fields[column]?.trim() ?? '';
    if (value === '') this.fail(row, column, 'is empty');
    return value;
  }

  optional(row: CsvRow, column: string): string | null {
    const value = row.fields[column]?.trim() ?? '';
    return value === '' ? null : value;
  }

  oneOf<T extends string>(row: CsvRow, column: string, allowed: readonly T[]): T {
    const value = this.required(row, column);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(row, column, `"${value}" is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  integer(row: CsvRow, column: string, min = -Infinity, max = Infinity): number {
    const text = this.required(row, column);
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || value < min || value > max) {
      this.fail(row, column, `"${text}" is not a whole number${Number.isFinite(min) ? ` from ${min}` : ''}${Number.isFinite(max) ? ` to ${max}` : ''}`);
    }
    return value;
  }

  optionalNumber(row: CsvRow, column: string): number | null {
    const text = this.optional(row, column);
    if (text === null) return null;
    const value = Number(text.replace(/,/g, ''));
    if (!Number.isFinite(value)) this.fail(row, column, `"${text}" is not a number`);
    return value;
  }
}

/** Reads a CSV with a header row; checks the required columns are there. */
export function readCsvTable(file: string, requiredColumns: readonly string[], optionalColumns: readonly string[] = []): CsvTable {
  let text: string;
  try {
    text = decodeUtf8(readFileSync(file), file);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError({ file, line: 1 }, `cannot read the file: ${(error as Error).message}`);
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as never;
  } catch (error) {
    const e = error as Error & { lines?: number; column?: number };
    throw new ImportError({ file, line: e.lines ?? 1, column: e.column }, `not valid CSV: ${e.message.replace(/^Invalid Record Length: /, '').replace(/\s*at line \d+\.?/, '')}`);
  }
  if (records.length === 0) throw new ImportError({ file, line: 1, column: 1 }, 'the file is empty: expected a header row');
  const columns = records[0].record.map((name) => name.trim().toLowerCase());
  for (const column of requiredColumns) {
    if (!columns.includes(column)) {
      throw new ImportError({ file, line: 1, column: 1 }, `the header has no "${column}" column (expected ${[...requiredColumns, ...optionalColumns].join(', ')})`);
    }
  }
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    fields: Object.fromEntries(columns.map((column, i) => [column, record[i] ?? ''])),
  }));
  return new CsvTable(file, columns, rows);
}

/** One CSV line, quoting a field only where it holds a comma, quote or newline (RFC 4180). */
export function csvLine(fields: ReadonlyArray<string | number | null>): string {
  return fields.map((field) => {
    const text = field === null ? '' : String(field);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}
