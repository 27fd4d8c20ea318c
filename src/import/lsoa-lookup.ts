import { readFileSync } from 'node:fs';
import { readCsvTable } from './csv-table';
import { decodeUtf8 } from './import-error';

const LSOA = 'lsoa11cd';
const DISTRICT = 'lad19cd';

/** LSOA (2011) code → district or unitary authority (2019) code, from seeds/lsoa-lad19.csv. */
export function readLsoaLookup(file: string): Map<string, string> {
  return readPlainLookup(file) ?? readCheckedLookup(file);
}

/** Through the CSV table: every problem named by file, line and column. */
function readCheckedLookup(file: string): Map<string, string> {
  const table = readCsvTable(file, [LSOA, DISTRICT]);
  const lookup = new Map<string, string>();
  for (const row of table.rows) {
    const lsoa = table.required(row, LSOA);
    if (lookup.has(lsoa)) table.fail(row, LSOA, `${lsoa} is listed twice`);
    lookup.set(lsoa, table.required(row, DISTRICT));
  }
  return lookup;
}

/**
 * The lookup as it is shipped (35,000 lines, no quotes, nothing to trim), read with a plain split
 * in a third of csv-parse's time (which was a few per cent of a whole police.uk import). Anything
 * else, including every kind of mistake, returns null, and readCheckedLookup reads the file
 * again to give the same answer or name the problem exactly as it always has.
 */
function readPlainLookup(file: string): Map<string, string> | null {
  let text: string;
  try {
    text = decodeUtf8(readFileSync(file), file);
  } catch {
    return null;
  }
  if (text.includes('"') || text.includes('\r')) return null;
  const lines = text.split('\n');
  const header = lines[0].split(',').map((name) => name.trim().toLowerCase());
  const lsoaAt = header.indexOf(LSOA);
  const districtAt = header.indexOf(DISTRICT);
  if (lsoaAt < 0 || districtAt < 0 || header.lastIndexOf(LSOA) !== lsoaAt || header.lastIndexOf(DISTRICT) !== districtAt) return null;
  const lookup = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fields = lines[i].split(',');
    if (fields.length !== header.length) return null;
    const lsoa = fields[lsoaAt];
    const district = fields[districtAt];
    if (lsoa === '' || district === '' || lsoa.trim() !== lsoa || district.trim() !== district || lookup.has(lsoa)) return null;
    lookup.set(lsoa, district);
  }
  return lookup;
}
