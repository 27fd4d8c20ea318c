import { readCsvTable } from './csv-table';

/** LSOA (2011) code → district or unitary authority (2019) code, from seeds/lsoa-lad19.csv. */
export function readLsoaLookup(file: string): Map<string, string> {
  const table = readCsvTable(file, ['lsoa11cd', 'lad19cd']);
  const lookup = new Map<string, string>();
  for (const row of table.rows) {
    const lsoa = table.required(row, 'lsoa11cd');
    if (lookup.has(lsoa)) table.fail(row, 'lsoa11cd', `${lsoa} is listed twice`);
    lookup.set(lsoa, table.required(row, 'lad19cd'));
  }
  return lookup;
}
