/**
 * Counts one police.uk street-level CSV by district and crime type, streaming: lines are
 * split as they arrive and no file is held whole. Lines without quotes (nearly all) are split
 * on commas; a line with quotes goes through csv-parse, so quoted commas are read correctly.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';
import { ImportError } from '../import-error';

export interface StreetFileCounts {
  /** Rows read (not counting the header). */
  rows: number;
  mapped: number;
  withoutLsoa: number;
  unknownLsoa: number;
  /** A few LSOA codes missing from the lookup, for the report. */
  unknownLsoaExamples: string[];
  /** district code → crime type → count. */
  counts: Map<string, Map<string, number>>;
}

const REQUIRED = ['Month', 'LSOA code', 'Crime type'] as const;

export async function countStreetFile(stream: Readable, name: string, month: string, lsoaToDistrict: ReadonlyMap<string, string>): Promise<StreetFileCounts> {
  const result: StreetFileCounts = { rows: 0, mapped: 0, withoutLsoa: 0, unknownLsoa: 0, unknownLsoaExamples: [], counts: new Map() };
  let header: string[] | null = null;
  let monthIndex = -1;
  let lsoaIndex = -1;
  let typeIndex = -1;
  let lineNumber = 0;
  let pending = '';
  let pendingStart = 0;

  const fail = (line: number, problem: string): never => {
    throw new ImportError({ file: name, line }, problem);
  };

  const record = (fields: string[], line: number): void => {
    if (header === null) {
      header = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
      const missing = REQUIRED.filter((column) => !header!.includes(column));
      if (missing.length > 0) fail(line, `not a police.uk street-level file: the header has no ${missing.map((m) => `"${m}"`).join(', ')} column`);
      monthIndex = header.indexOf('Month');
      lsoaIndex = header.indexOf('LSOA code');
      typeIndex = header.indexOf('Crime type');
      return;
    }
    if (fields.length !== header.length) {
      fail(line, `expected ${header.length} fields as in the header, found ${fields.length}; is the row broken or the file truncated?`);
    }
    result.rows++;
    if (fields[monthIndex] !== month) fail(line, `Month is "${fields[monthIndex]}" in a file for ${month}`);
    const crimeType = fields[typeIndex];
    if (crimeType === '') fail(line, 'Crime type is empty');
    const lsoa = fields[lsoaIndex];
    if (lsoa === '') {
      result.withoutLsoa++;
      return;
    }
    const district = lsoaToDistrict.get(lsoa);
    if (district === undefined) {
      result.unknownLsoa++;
      if (result.unknownLsoaExamples.length < 5 && !result.unknownLsoaExamples.includes(lsoa)) result.unknownLsoaExamples.push(lsoa);
      return;
    }
    result.mapped++;
    let byType = result.counts.get(district);
    if (!byType) result.counts.set(district, (byType = new Map()));
    byType.set(crimeType, (byType.get(crimeType) ?? 0) + 1);
  };

  const line = (text: string): void => {
    lineNumber++;
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (pending === '' && !clean.includes('"')) {
      if (clean === '') return;
      record(clean.split(','), lineNumber);
      return;
    }
    // A quoted field, perhaps spanning lines: gather until the quotes balance.
    if (pending === '') pendingStart = lineNumber;
    pending = pending === '' ? clean : `${pending}\n${clean}`;
    if ((pending.match(/"/g)?.length ?? 0) % 2 === 1) return;
    let parsed: string[][];
    try {
      parsed = parse(pending, { relax_quotes: false }) as string[][];
    } catch (error) {
      fail(pendingStart, `broken CSV: ${(error as Error).message.replace(/ at line \d+/, '')}`);
    }
    pending = '';
    if (parsed!.length !== 1) fail(pendingStart, 'broken CSV: one line holds more than one record');
    record(parsed![0], pendingStart);
  };

  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of stream) {
      const text = rest + decoder.write(chunk as Buffer);
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const l of lines) line(l);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    fail(lineNumber + 1, `the file cannot be read past line ${lineNumber}: ${(error as Error).message}; is the archive truncated?`);
  }
  rest += decoder.end();
  if (rest !== '') line(rest);
  if (pending !== '') fail(pendingStart, 'a quoted field is never closed; is the file truncated?');
  if (header === null) fail(1, 'the file is empty: expected the police.uk header row');
  return result;
}
