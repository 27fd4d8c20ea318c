import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, Like } from 'typeorm';
import { Observation, Period } from '../../src/entities';
import { ImportError } from '../../src/import/import-error';
import { importTidyCsvFile, parseCsvNumber, rateMultiplier, TidyCsvError } from '../../src/import/tidy-csv.importer';
import { ReferenceData } from '../../src/services/reference-data';
import { writeAccess } from '../../src/services/publishing/access';
import { draftDashboard, publishDashboard } from '../../src/services/publishing/dashboards';
import { openTestDatabase, OpenTestDatabase } from '../support/database';

/** Every observation and period, in a stable order, to compare before and after. */
async function snapshot(dataSource: DataSource): Promise<string> {
  const parts: unknown[] = [];
  for (const table of [Period, Observation] as const) {
    const rows = await dataSource.getRepository<object>(table).find();
    parts.push(rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort());
  }
  return JSON.stringify(parts);
}

const CRIME = 'safer-communities/total-crime-rate';
const ASB = 'safer-communities/asb-victims';
const FTE = 'safer-communities/first-time-entrants-10-17';
const YOUTH = 'safer-communities/youth-reoffending-rate';

/** Header any order, any case; a quoted thousands separator; a missing value with its reason; a new period (Sep 2014). */
const GOOD = [
  'Period,INDICATOR,Area_Code,value,Numerator,denominator,lower_ci95,upper_ci95,lower_ci998,upper_ci998,Note',
  // 4,250 / 95,000 × 1,000 = 44.7368...: 44.74 is right to its two decimals.
  `2013-14,${CRIME},E07000129,44.74,"4,250","95,000",,,,,`,
  `Q2 2014-15,${ASB},E07000130,38.9,389,1000,35.9,42.0,33.9,44.0,Residents survey`,
  `12 months to Sep 2014,${FTE},E07000131,"1,259",,,,,,,`,
  `2014-04/2014-06,${FTE},E07000132,,,,,,,,"suppressed: fewer than 5 young people"`,
  // Re-offences per young offender: the unit gives no multiplier.
  `Sep 2014,${YOUTH},E07000133,0.85,17,20,,,,,`,
].join('\n');

/** The header of the validation cases; columns 1 to 9. */
const HEADER = 'indicator,area_code,period,value,numerator,denominator,lower_ci95,upper_ci95,note';
const GOOD_ROW = `${CRIME},E07000129,2013-14,44.74,"4,250","95,000",,,`;

describe('importTidyCsvFile', () => {
  let db: OpenTestDatabase;
  const scratch = mkdtempSync(join(tmpdir(), 'tidy-csv-import-'));
  const writeCsv = (name: string, text: string): string => {
    const file = join(scratch, name);
    writeFileSync(file, text);
    return file;
  };

  before(async () => {
    db = await openTestDatabase({ seed: true, policeUk: true });
  });
  after(() => db.close());

  test('a good file imports and reads back', async () => {
    const report = await importTidyCsvFile(db.dataSource, writeCsv('good.csv', GOOD));
    assert.equal(report.rows, 5);
    assert.deepEqual(report.changes.observations, { created: 5, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(report.changes.periods, { created: 1, updated: 0, unchanged: 4, removed: 0 }, 'Sep 2014 is new');
    assert.deepEqual(report.warnings, []);

    const repository = db.dataSource.getRepository(Observation);
    const crime = await repository.findOneByOrFail({ indicatorId: CRIME, areaCode: 'E07000129', periodKey: '2013-04/2014-03' });
    assert.deepEqual(
      [crime.value, crime.numerator, crime.denominator, crime.note, crime.source, crime.printed, crime.printedPeriodLabel],
      [44.74, 4250, 95000, null, 'good.csv:2', null, null],
    );
    const asb = await repository.findOneByOrFail({ indicatorId: ASB, areaCode: 'E07000130', periodKey: '2014-07/2014-09' });
    assert.deepEqual([asb.value, asb.lowerCI95, asb.upperCI95, asb.lowerCI998, asb.upperCI998, asb.note], [38.9, 35.9, 42, 33.9, 44, 'Residents survey']);
    const count = await repository.findOneByOrFail({ indicatorId: FTE, areaCode: 'E07000131', periodKey: '2013-10/2014-09' });
    assert.equal(count.value, 1259);
    const suppressed = await repository.findOneByOrFail({ indicatorId: FTE, areaCode: 'E07000132', periodKey: '2014-04/2014-06' });
    assert.equal(suppressed.value, null, 'missing stays missing, never zero');
    assert.equal(suppressed.note, 'suppressed: fewer than 5 young people');
    assert.equal(suppressed.source, 'good.csv:5');
    const period = await db.dataSource.getRepository(Period).findOneByOrFail({ key: '2014-09/2014-09' });
    assert.deepEqual(period, Period.fromKey('2014-09/2014-09'));
  });

  test('importing the same file again changes nothing', async () => {
    const before = await snapshot(db.dataSource);
    const report = await importTidyCsvFile(db.dataSource, writeCsv('good.csv', GOOD));
    assert.equal(await snapshot(db.dataSource), before);
    assert.deepEqual(report.changes.observations, { created: 0, updated: 0, unchanged: 5, removed: 0 });
    assert.deepEqual(report.changes.periods, { created: 0, updated: 0, unchanged: 5, removed: 0 });
    assert.deepEqual(report.warnings, []);
  });

  test('a value from another source is replaced with a warning naming that source', async () => {
    const file = writeCsv('partner.csv', `${HEADER}\n${CRIME},E10000018,2013/14,47.20,,,,,Recounted\n`);
    const report = await importTidyCsvFile(db.dataSource, file);
    assert.deepEqual(report.changes.observations, { created: 0, updated: 1, unchanged: 0, removed: 0 });
    assert.equal(report.warnings.length, 1);
    assert.equal(report.warnings[0].location.line, 2);
    assert.match(report.warnings[0].message, /^safer-communities\/total-crime-rate for E10000018 in 2013-14: 47\.2 replaces 47\.18 from safer-communities-dashboard-2014-15-q2\.txt:6:\d+$/);
    const replaced = await db.dataSource.getRepository(Observation).findOneByOrFail({ indicatorId: CRIME, areaCode: 'E10000018', periodKey: '2013-04/2014-03' });
    assert.deepEqual([replaced.value, replaced.source, replaced.printed, replaced.note], [47.2, 'partner.csv:2', null, 'Recounted']);
    // Now it is this file's own value: a second import neither changes nor warns.
    const again = await importTidyCsvFile(db.dataSource, file);
    assert.deepEqual(again.changes.observations, { created: 0, updated: 0, unchanged: 1, removed: 0 });
    assert.deepEqual(again.warnings, []);
  });

  test('columns it does not read are reported', async () => {
    const report = await importTidyCsvFile(db.dataSource, writeCsv('extra.csv', `indicator,area_name,area_code,period,value\n${CRIME},Blaby,E07000129,2011-12,44.74\n`));
    assert.equal(report.warnings.length, 1);
    assert.deepEqual(report.warnings[0].location, { file: join(scratch, 'extra.csv'), line: 1, column: 2 });
    assert.match(report.warnings[0].message, /the column "area_name" is not read/);
  });

  test('a value rounded to fewer decimals still matches its numerator and denominator', async () => {
    // 4,250 / 95,000 × 1,000 = 44.7368...; 389 / 1,000 × 100 = 38.9.
    const file = writeCsv('rounded.csv', `${HEADER}\n${CRIME},E07000134,2013-14,44.7,4250,95000,,,\n${CRIME},E07000135,2013-14,45,4250,95000,,,\n${ASB},E07000134,Q2 2014-15,38.90000,389,1000,,,\n`);
    const report = await importTidyCsvFile(db.dataSource, file);
    assert.deepEqual(report.changes.observations, { created: 3, updated: 0, unchanged: 0, removed: 0 });
  });

  const cases: Array<{ problem: string; row: string; column: number; message: RegExp }> = [
    { problem: 'an unknown indicator', row: `safer-communities/total-crime,E07000129,2013-14,44.74,,,,,`, column: 1,
      message: /^indicator: "safer-communities\/total-crime" is not a known indicator id; see the indicators query$/ },
    { problem: 'an indicator given by name', row: `"Total Crime rate (per 1,000 population)",E07000129,2013-14,44.74,,,,,`, column: 1,
      message: /is not a known indicator id; see the indicators query \(did you mean safer-communities\/total-crime-rate\?\)/ },
    { problem: 'an unknown area code', row: `${CRIME},E99999999,2013-14,44.74,,,,,`, column: 2,
      message: /^area_code: "E99999999" is not a known area code; see the areas query$/ },
    { problem: 'an unreadable period', row: `${CRIME},E07000129,last year,44.74,,,,,`, column: 3,
      message: /^period: "last year" is not a period this API understands/ },
    { problem: 'a period with no such month', row: `${CRIME},E07000129,2014-04/2014-13,44.74,,,,,`, column: 3,
      message: /^period: "2014-04\/2014-13" has no month 13/ },
    { problem: 'a value that is not a number', row: `${CRIME},E07000129,2013-14,n/a,,,,,`, column: 4,
      message: /^value: "n\/a" is not a number/ },
    { problem: 'a thousands separator in the wrong place', row: `${FTE},E07000129,2013-14,"1,25",,,,,`, column: 4,
      message: /^value: "1,25" is not a number/ },
    { problem: 'a denominator that is not a number', row: `${CRIME},E07000129,2013-14,44.74,4250,95k,,,`, column: 6,
      message: /^denominator: "95k" is not a number/ },
    { problem: 'a % sign on a value', row: `${ASB},E07000130,Q2 2014-15,38.9%,389,1000,,,`, column: 4,
      message: /^value: "38\.9%" has a % sign; give percentages as plain numbers, e\.g\. 38\.9/ },
    { problem: 'a % sign on a confidence limit', row: `${ASB},E07000130,Q2 2014-15,38.9,389,1000,35.9%,42.0,`, column: 7,
      message: /^lower_ci95: "35\.9%" has a % sign/ },
    { problem: 'an empty value without a note', row: `${CRIME},E07000129,2013-14,,4250,95000,,,`, column: 4,
      message: /^value: is empty; leave a value out only with a note saying why/ },
    { problem: 'a negative numerator', row: `${CRIME},E07000129,2013-14,44.74,-4250,95000,,,`, column: 5,
      message: /^numerator: -4250 is negative/ },
    { problem: 'a negative denominator', row: `${CRIME},E07000129,2013-14,44.74,4250,-95000,,,`, column: 6,
      message: /^denominator: -95000 is negative/ },
    { problem: 'a negative count', row: `${FTE},E07000129,2013-14,-3,,,,,`, column: 4,
      message: /^value: -3 is negative, but safer-communities\/first-time-entrants-10-17 is a COUNT/ },
    { problem: 'a negative rate', row: `${CRIME},E07000129,2013-14,-3,,,,,`, column: 4,
      message: /^value: -3 is negative, but safer-communities\/total-crime-rate is a RATE and cannot be below zero/ },
    { problem: 'a zero denominator without a numerator', row: `${CRIME},E07000129,2013-14,40,,0,,,`, column: 6,
      message: /^denominator: is 0; a denominator \(population or cohort\) must be greater than zero/ },
    { problem: 'a value of an indicator derived from police.uk counts', row: `police-uk/all-crime/count,E07000129,Jun 2021,99999,,,,,`, column: 1,
      message: /^indicator: police-uk\/all-crime\/count is derived from the police\.uk monthly district counts and cannot be written directly/ },
    { problem: 'a percentage above 100', row: `${ASB},E07000130,Q2 2014-15,120.0,,,,,`, column: 4,
      message: /^value: 120\.0 is above 100, but safer-communities\/asb-victims is a PERCENTAGE/ },
    { problem: 'a numerator above the denominator of a percentage', row: `${ASB},E07000130,Q2 2014-15,100.0,"1,200","1,000",,,`, column: 5,
      message: /^numerator: 1,200 is more than the denominator 1,000, but safer-communities\/asb-victims is a PERCENTAGE/ },
    { problem: 'a rate that does not match its numerator and denominator', row: `${CRIME},E07000129,2013-14,45.00,"4,250","95,000",,,`, column: 4,
      message: /^value: 45\.00 does not match numerator \/ denominator × 1,000: 4,250 \/ 95,000 × 1,000 = 44\.74 \(per 1,000 population\)/ },
    { problem: 'a rate further off than its rounding', row: `${CRIME},E07000129,2013-14,44.8,4250,95000,,,`, column: 4,
      message: /^value: 44\.8 does not match numerator \/ denominator × 1,000: 4,250 \/ 95,000 × 1,000 = 44\.74 / },
    { problem: 'a percentage that does not match its numerator and denominator', row: `${ASB},E07000130,Q2 2014-15,40.0,389,1000,,,`, column: 4,
      message: /^value: 40\.0 does not match numerator \/ denominator × 100: 389 \/ 1,000 × 100 = 38\.90 \(%\)/ },
    { problem: 'a zero denominator', row: `${ASB},E07000130,Q2 2014-15,0,0,0,,,`, column: 6,
      message: /^denominator: is 0/ },
    { problem: 'a lower limit above the value', row: `${ASB},E07000130,Q2 2014-15,38.9,389,1000,39.0,42.0,`, column: 7,
      message: /^lower_ci95: 39\.0 is above the value 38\.9/ },
    { problem: 'an upper limit below the value', row: `${ASB},E07000130,Q2 2014-15,38.9,389,1000,35.9,38.0,`, column: 8,
      message: /^upper_ci95: 38\.0 is below the value 38\.9/ },
    { problem: 'limits the wrong way round around a missing value', row: `${ASB},E07000130,Q2 2014-15,,,,42.0,35.9,not surveyed`, column: 7,
      message: /^lower_ci95: 42\.0 is above upper_ci95 35\.9/ },
    { problem: 'the same indicator, area and period twice', row: `${CRIME},E07000129,2013-04/2014-03,44.74,,,,,`, column: 3,
      message: /^period: safer-communities\/total-crime-rate for E07000129 in 2013-14 is already given at line 2/ },
  ];

  for (const { problem, row, column, message } of cases) {
    test(`rejects ${problem} with its line and column, and writes nothing`, async () => {
      const before = await snapshot(db.dataSource);
      const file = writeCsv('case.csv', `${HEADER}\n${GOOD_ROW}\n${row}\n`);
      await assert.rejects(importTidyCsvFile(db.dataSource, file), (error: unknown) => {
        assert.ok(error instanceof ImportError, String(error));
        assert.deepEqual(error.location, { file, line: 3, column });
        assert.match(error.problem, message);
        assert.ok(error.message.startsWith(`${file}:3:${column}: `), error.message);
        return true;
      });
      assert.equal(await snapshot(db.dataSource), before);
    });
  }

  test('rejects a row with too many fields (an unquoted thousands separator) or too few', async () => {
    const file = writeCsv('unquoted.csv', `${HEADER}\n${GOOD_ROW}\n${CRIME},E07000129,2013-14,44.74,4,250,"95,000",,,\n`);
    await assert.rejects(importTidyCsvFile(db.dataSource, file), (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.equal(error.location.line, 3);
      assert.match(error.problem, /the row has 10 fields but the header has 9; quote any field with a comma in it, e\.g\. .*"1,259"/);
      return true;
    });
    const short = writeCsv('short.csv', `${HEADER}\n${GOOD_ROW}\n${CRIME},E07000129,2013-14,44.74\n`);
    await assert.rejects(importTidyCsvFile(db.dataSource, short), /short\.csv:3:\d+: the row has 4 fields but the header has 9; give every column/);
  });

  test('rejects a header without a required column, or with one twice', async () => {
    await assert.rejects(importTidyCsvFile(db.dataSource, writeCsv('no-value.csv', `indicator,area_code,period\n${CRIME},E07000129,2013-14\n`)),
      /no-value\.csv:1:1: the header has no "value" column/);
    await assert.rejects(importTidyCsvFile(db.dataSource, writeCsv('twice.csv', `indicator,area_code,period,value,Value\n${CRIME},E07000129,2013-14,44.74,44.74\n`)),
      /twice\.csv:1:5: the header names "value" twice \(columns 4 and 5\)/);
  });

  test('lists every problem in the file, the first as the error', async () => {
    const file = writeCsv('several.csv', `${HEADER}\n${GOOD_ROW}\n${CRIME},E99999999,2013-14,44.74,,,,,\n${GOOD_ROW.replace('2013-14', '2012-13')}\n${ASB},E07000130,Q2 2014-15,38.9%,,,,,\n`);
    await assert.rejects(importTidyCsvFile(db.dataSource, file), (error: unknown) => {
      assert.ok(error instanceof TidyCsvError);
      assert.deepEqual(error.problems.map((p) => [p.location.line, p.location.column]), [[3, 2], [5, 4]]);
      assert.deepEqual(error.location, { file, line: 3, column: 2 });
      assert.match(error.message, /^.*several\.csv:3:2: area_code: .*\n1 more problem in the file:\n {2}.*several\.csv:5:4: value: "38\.9%" has a % sign/);
      return true;
    });
  });

  test('a bad row at the end of an otherwise good file writes nothing', async () => {
    const before = await snapshot(db.dataSource);
    const good = GOOD.replace(/2013-14/, '2012-13').replace(/Q2 2014-15/, 'Q3 2014-15').replace(/Sep 2014,/, 'Oct 2014,');
    const file = writeCsv('bad-end.csv', `${good}\n2014-15,${CRIME},E07000134,12.00,"4,250","95,000",,,,,\n`);
    await assert.rejects(importTidyCsvFile(db.dataSource, file), /bad-end\.csv:7:4: value: 12\.00 does not match/);
    assert.equal(await snapshot(db.dataSource), before);
    assert.equal(await db.dataSource.getRepository(Observation).countBy({ source: Like('bad-end.csv:%') }), 0);
  });

  test('a new value for an open draft\'s indicator and period stays unpublished until the draft is, as through setValues; a public one stays public', async () => {
    // Already public before the draft: Harborough's figure for the year that becomes Q3's Previous Year.
    await importTidyCsvFile(db.dataSource, writeCsv('earlier.csv', `${HEADER}\n${CRIME},E07000131,12 months to Dec 2013,41.00,,,,,\n`));
    const { geography } = await ReferenceData.load(db.dataSource);
    const board = writeAccess({ id: 'k-board', name: 'Safer Communities Board', role: 'ADMIN', areas: [] }, geography);
    const draft = await draftDashboard(db.dataSource, board, { from: 'safer-communities-2014-15-q2', period: 'Q3 2014-15' });
    assert.deepEqual(draft.problems, []);
    const file = writeCsv('q3.csv', [
      HEADER,
      `${CRIME},E07000129,12 months to Dec 2014,44.74,"4,250","95,000",,,`,
      `${CRIME},E07000130,2011-12,40.00,,,,,`,
      `${CRIME},E07000131,12 months to Dec 2013,41.20,,,,,`,
    ].join('\n'));
    await importTidyCsvFile(db.dataSource, file);
    const embargoOf = async (area: string) => (await db.dataSource.getRepository(Observation).findOneByOrFail({ indicatorId: CRIME, areaCode: area, source: Like('q3.csv:%') })).embargo;
    assert.equal(await embargoOf('E07000129'), 'safer-communities-2014-15-q3', 'Blaby\'s figure for the draft\'s latest period waits for the draft');
    assert.equal(await embargoOf('E07000130'), null, 'a period no draft shows is public at once');
    assert.equal(await embargoOf('E07000131'), null, 'a public figure is never withdrawn: its revision is public at once');
    await publishDashboard(db.dataSource, board, 'safer-communities-2014-15-q3');
    assert.equal(await embargoOf('E07000129'), null, 'published with the draft');
  });
});

describe('tidy CSV numbers', () => {
  test('rate multipliers come from the unit', () => {
    assert.equal(rateMultiplier('per 1,000 population'), 1000);
    assert.equal(rateMultiplier('per 100,000'), 100000);
    assert.equal(rateMultiplier('crimes per 1000 residents'), 1000);
    assert.equal(rateMultiplier('re-offences per young offender'), null);
    assert.equal(rateMultiplier(null), null);
  });

  test('plain decimals and quoted thousands separators are numbers; % signs and other text are not', () => {
    assert.deepEqual(parseCsvNumber('1,259'), { value: 1259, decimals: 0 });
    assert.deepEqual(parseCsvNumber('1,234,567.25'), { value: 1234567.25, decimals: 2 });
    assert.deepEqual(parseCsvNumber('-0.50'), { value: -0.5, decimals: 2 });
    for (const text of ['38.9%', '12,34', '1e3', '.5', '12.', 'NA', '1 259']) {
      assert.ok('problem' in parseCsvNumber(text), text);
    }
  });
});
