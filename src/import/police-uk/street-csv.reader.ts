/**
 * Counts one police.uk street-level CSV by district and crime type, streaming: lines are
 * split as they arrive and no file is held whole. Lines without quotes (nearly all) are read in
 * place, comma by comma, cutting out only the LSOA and crime type (a million rows an import:
 * splitting all twelve fields made a dozen strings a row); a line with quotes goes
 * through csv-parse, so quoted commas are read correctly.
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
    place(lsoa, crimeType);
  };

  const place = (lsoa: string, crimeType: string): void => {
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

  /**
   * A data line without quotes, text[start, stop): the same checks as record(), in the same order,
   * on field bounds found by indexOf; only the LSOA and crime type become strings.
   */
  const plainRecord = (text: string, start: number, stop: number): void => {
    let fields = 0;
    let monthStart = 0;
    let monthEnd = 0;
    let lsoaStart = 0;
    let lsoaEnd = 0;
    let typeStart = 0;
    let typeEnd = 0;
    for (let from = start; ; ) {
      const comma = text.indexOf(',', from);
      const end = comma < 0 || comma > stop ? stop : comma;
      if (fields === monthIndex) {
        monthStart = from;
        monthEnd = end;
      } else if (fields === lsoaIndex) {
        lsoaStart = from;
        lsoaEnd = end;
      } else if (fields === typeIndex) {
        typeStart = from;
        typeEnd = end;
      }
      fields++;
      if (end === stop) break;
      from = end + 1;
    }
    if (fields !== header!.length) {
      fail(lineNumber, `expected ${header!.length} fields as in the header, found ${fields}; is the row broken or the file truncated?`);
    }
    result.rows++;
    if (monthEnd - monthStart !== month.length || !text.startsWith(month, monthStart)) fail(lineNumber, `Month is "${text.slice(monthStart, monthEnd)}" in a file for ${month}`);
    if (typeEnd === typeStart) fail(lineNumber, 'Crime type is empty');
    if (lsoaEnd === lsoaStart) {
      result.withoutLsoa++;
      return;
    }
    place(text.slice(lsoaStart, lsoaEnd), text.slice(typeStart, typeEnd));
  };

  /** One line, its number counted and its \r removed, that plainRecord cannot read: the header, or one with quotes. */
  const line = (clean: string): void => {
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

  /** Reads the complete lines of text; returns where the unfinished last one starts. */
  const lines = (text: string): number => {
    let start = 0;
    // The next quote at or after start: found once per chunk, not once per line.
    let quote = text.indexOf('"');
    for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
      lineNumber++;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (quote >= 0 && quote < start) quote = text.indexOf('"', start);
      if (pending === '' && header !== null && (quote < 0 || quote >= stop)) {
        if (stop > start) plainRecord(text, start, stop);
      } else {
        line(text.slice(start, stop));
      }
    }
    return start;
  };

  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of stream) {
      const text = rest + decoder.write(chunk as Buffer);
      rest = text.slice(lines(text));
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    fail(lineNumber + 1, `the file cannot be read past line ${lineNumber}: ${(error as Error).message}; is the archive truncated?`);
  }
  rest += decoder.end();
  if (rest !== '') {
    lineNumber++;
    line(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
  }
  if (pending !== '') fail(pendingStart, 'a quoted field is never closed; is the file truncated?');
  if (header === null) fail(1, 'the file is empty: expected the police.uk header row');
  return result;
}
