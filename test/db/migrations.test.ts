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

describe(`the latest migration on a seeded ${testDatabaseKind()} database`, () => {
  let db: OpenTestDatabase;
  before(async () => {
    db = await openTestDatabase({ policeUk: false });
  });
  after(() => db.close());

  /** Rows of the tables a migration that rebuilds a table (SQLite) could lose through a cascade. */
  async function counts(): Promise<Record<string, number>> {
    const tables = ['dashboard', 'outcome', 'outcome_indicator', 'outcome_assessment', 'observation'];
    const result: Record<string, number> = {};
    for (const table of tables) result[table] = Number((await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  }

  test('reverting and applying it again keeps every dashboard, outcome, row, assessment and value', async () => {
    const before = await counts();
    assert.ok(before.outcome_indicator > 0 && before.outcome_assessment > 0);
    // TypeORM turns SQLite's foreign keys off for a revert only inside its transaction, where the
    // pragma does nothing, so a rebuilt table's DROP would cascade; turn them off around it, as the
    // migrations run forwards do.
    const sqlite = db.dataSource.options.type === 'sqlite';
    if (sqlite) await db.dataSource.query('PRAGMA foreign_keys = OFF');
    await db.dataSource.undoLastMigration();
    if (sqlite) await db.dataSource.query('PRAGMA foreign_keys = ON');
    assert.deepEqual(await counts(), before, 'reverted');
    assert.deepEqual((await db.dataSource.runMigrations()).length, 1);
    assert.deepEqual(await counts(), before, 'applied again');
    const outcomes = await db.dataSource.query('SELECT id, series_id FROM outcome');
    for (const outcome of outcomes) assert.equal(outcome.series_id, outcome.id, 'each existing outcome starts its own series');
    const statuses = await db.dataSource.query('SELECT DISTINCT status FROM dashboard');
    assert.deepEqual(statuses.map((row: { status: string }) => row.status), ['PUBLISHED'], 'existing dashboards are published');
  });
});
