import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, OpenTestDatabase, testDatabaseKind } from '../support/database';

describe(`migrations on ${testDatabaseKind()}`, () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ seed: false });
  });
  after(() => db.close());

  test('create exactly the schema the entities describe', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    assert.deepEqual(pending.upQueries.map((q) => q.query), [], 'the entities and the migrations disagree: run npm run migration:generate');
  });

  test('are recorded, so running them again does nothing', async () => {
    assert.equal(await db.dataSource.showMigrations(), false);
    assert.deepEqual(await db.dataSource.runMigrations(), []);
  });

  test('enforce the natural keys: a value cannot be stored twice', async () => {
    const { dataSource } = db;
    await dataSource.query(`INSERT INTO area (code, name, type) VALUES ('E10000018', 'Leicestershire', 'COUNTY')`);
    await dataSource.query(`INSERT INTO period (key, label, type, start_date, end_date, months) VALUES ('2013-04/2014-03', '2013-14', 'FINANCIAL_YEAR', '2013-04-01', '2014-03-31', 12)`);
    await dataSource.query(`INSERT INTO indicator (id, name, value_type, polarity, decimals) VALUES ('x/y', 'Y', 'COUNT', 'LOW_IS_GOOD', 0)`);
    const insert = `INSERT INTO observation (indicator_id, area_code, period_key, value) VALUES ('x/y', 'E10000018', '2013-04/2014-03', 1)`;
    await dataSource.query(insert);
    await assert.rejects(dataSource.query(insert), /unique|UNIQUE/);
    await assert.rejects(dataSource.query(`INSERT INTO observation (indicator_id, area_code, period_key, value) VALUES ('x/y', 'E99999999', '2013-04/2014-03', 1)`), /foreign key|FOREIGN KEY/i);
  });

  test('can be reverted to an empty database', async () => {
    await db.dataSource.query('DELETE FROM observation');
    await db.dataSource.query('DELETE FROM indicator');
    await db.dataSource.query('DELETE FROM period');
    await db.dataSource.query('DELETE FROM area');
    const applied = (await db.dataSource.query('SELECT COUNT(*) AS n FROM migrations'))[0].n;
    assert.ok(Number(applied) >= 2);
    for (let i = 0; i < Number(applied); i++) await db.dataSource.undoLastMigration();
    const tables = await db.dataSource.createQueryRunner().getTables(['observation', 'area']);
    assert.deepEqual(tables, []);
  });
});
