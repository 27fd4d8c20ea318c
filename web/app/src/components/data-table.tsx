/**
 * A table and its CSV download from one model: each column says how a row shows (cell) and what
 * the CSV holds (text), so the file always has what the page shows.
 */
import type { ReactNode } from 'react';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { UnpublishedMark } from './common';

export interface Column<Row> {
  header: string;
  /** The CSV value; also the cell when there is no `cell`. */
  text: (row: Row) => string;
  cell?: (row: Row) => ReactNode;
  /** The column that names the row: a row header for screen readers. */
  rowHeader?: boolean;
  numeric?: boolean;
}

/**
 * The column that marks figures supplied for a draft and not yet published (a key's view), in the
 * table and its CSV; none at all when every figure shown is published.
 */
export function unpublishedColumn<Row>(rows: readonly Row[], embargoOf: (row: Row) => string | null | undefined): Column<Row>[] {
  if (!rows.some((row) => embargoOf(row))) return [];
  return [{
    header: 'Unpublished',
    text: (row) => {
      const draft = embargoOf(row);
      return draft ? `Unpublished: waits for ${draft}` : '';
    },
    cell: (row) => {
      const draft = embargoOf(row);
      return draft ? <UnpublishedMark draft={draft} /> : null;
    },
  }];
}

export function toCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.text(row)))], { record_delimiter: '\r\n' });
}

/** A link that downloads the CSV, built when clicked (a Blob URL: nothing leaves the page). */
export function CsvDownload({ csv, filename, label }: { csv: () => string; filename: string; label: string }) {
  const download = () => {
    // A byte-order mark, so that Excel reads the £, – and ↑ as UTF-8.
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv()], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" className="download" onClick={download} data-csv={filename}>
      Download {label} as CSV
    </button>
  );
}

export function DataTable<Row>({ caption, columns, rows, rowKey, filename }: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  filename: string;
}) {
  return (
    <div className="table-block">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => <th key={c.header} scope="col" className={c.numeric ? 'numeric' : undefined}>{c.header}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => {
                const content = c.cell ? c.cell(row) : c.text(row);
                const className = c.numeric ? 'numeric' : undefined;
                return c.rowHeader
                  ? <th key={c.header} scope="row" className={className}>{content}</th>
                  : <td key={c.header} className={className}>{content}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <CsvDownload csv={() => toCsv(columns, rows)} filename={filename} label="this table" />
    </div>
  );
}
