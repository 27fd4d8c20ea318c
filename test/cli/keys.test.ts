import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseKey } from '../../src/auth/key-text';
import { openDatabase } from '../../src/db/data-source';
import { ApiKey } from '../../src/entities';
import { KeyVerifier } from '../../src/services/keys';
import { createTestDatabase, TestDatabase } from '../support/database';
import { PROJECT_ROOT } from '../support/paths';

const CLI = join(PROJECT_ROOT, 'build', 'src', 'cli', 'keys.js');
const keys = (url: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1)!;

describe('npm run keys on a brand-new database', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(() => db.dispose());

  test('list says there are none yet, and how to create one', () => {
    const result = keys(db.url, 'list');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^No API keys yet\. Create one with: npm run keys -- create --name/);
  });

  test('create loads the geography from seeds/, checks the areas, and prints the key alone on its last line', async () => {
    const result = keys(db.url, 'create', '--name', 'Blaby District Council', '--role', 'EDITOR', '--areas', 'E07000129');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Loaded reference data from seeds\/: geography, indicator catalogue\n/);
    assert.match(result.stdout, /Created EDITOR key [a-z2-7]{12} for Blaby District Council, writing within E07000129 \(Blaby\)\./);
    const token = lastLine(result.stdout);
    const parts = parseKey(token);
    assert.ok(parts, `the last line is a key: ${token}`);
    const dataSource = await openDatabase(db.url);
    try {
      const row = await dataSource.getRepository(ApiKey).findOneByOrFail({ id: parts.id });
      assert.deepEqual([row.name, row.role, row.areas], ['Blaby District Council', 'EDITOR', ['E07000129']]);
      const verifier = new KeyVerifier(dataSource);
      assert.equal((await verifier.verify(token, 0)).ok, true);
      await verifier.settle();
    } finally {
      await dataSource.destroy();
    }
  });

  test('areas may be given comma-separated or repeated; an ADMIN writes everywhere', () => {
    const editor = keys(db.url, 'create', '--name', 'Two districts', '--role', 'editor', '--areas', 'E07000130,E07000131', '--areas', 'E07000132');
    assert.equal(editor.status, 0, editor.stderr);
    assert.match(editor.stdout, /writing within E07000130 \(Charnwood\), E07000131 \(Harborough\), E07000132 \(Hinckley and Bosworth\)\./);
    const admin = keys(db.url, 'create', '--name', 'County data team', '--role', 'ADMIN');
    assert.match(admin.stdout, /Created ADMIN key [a-z2-7]{12} for County data team, writing everywhere\./);
    assert.ok(parseKey(lastLine(admin.stdout)));
  });

  test('mistakes are said on stderr with exit code 1, and write nothing', () => {
    const cases: Array<[string[], RegExp]> = [
      [['create', '--name', 'Nowhere', '--role', 'EDITOR', '--areas', 'E07999999'], /^keys: E07999999 is not a known area/],
      [['create', '--name', 'Nowhere', '--role', 'EDITOR'], /An EDITOR key writes only within its areas/],
      [['create', '--name', 'Nowhere', '--role', 'ADMIN', '--areas', 'E10000018'], /An ADMIN key writes everywhere, so it takes no areas/],
      [['create', '--name', 'blaby district council', '--role', 'VIEWER'], /A key named "Blaby District Council" already exists/],
      [['create', '--name', 'Nowhere', '--role', 'OWNER'], /The role must be one of VIEWER, EDITOR, ADMIN/],
      [['create', '--name', 'Nowhere'], /^create needs --name and --role\nusage:/],
      [['create', '--nmae', 'Nowhere', '--role', 'VIEWER'], /Unknown option '--nmae'/],
      [['create', 'Blaby', 'District', '--role', 'VIEWER'], /quote a name with spaces/],
      [['revoke', 'nobody'], /^keys: No key has the id or name "nobody"; npm run keys -- list shows them/],
      [['revoke'], /revoke takes one key id or name/],
      [['rotate'], /^unknown command "rotate"\nusage:/],
      [[], /^a command is needed\nusage:/],
    ];
    for (const [args, message] of cases) {
      const result = keys(db.url, ...args);
      assert.equal(result.status, 1, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    assert.equal(keys(db.url, 'list').stdout.match(/^[a-z2-7]{12} /gm)?.length, 3, 'still the three keys created above');
  });

  test('list shows id, name, role, areas, created, last used and revoked, never a hash; revoke by name or id', () => {
    const listed = keys(db.url, 'list');
    assert.equal(listed.status, 0, listed.stderr);
    const lines = listed.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^id\s+name\s+role\s+areas\s+created\s+last used\s+revoked$/);
    const blaby = lines.find((line) => line.includes('Blaby District Council'))!;
    // Used once, by the verification in the test above.
    assert.match(blaby, /^[a-z2-7]{12}\s+Blaby District Council\s+EDITOR\s+E07000129\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-$/);
    assert.match(lines.find((line) => line.includes('Two districts'))!, /E07000130,E07000131,E07000132\s+\S+ \S+\s+never\s+-$/);
    assert.match(lines.find((line) => line.includes('County data team'))!, /ADMIN\s+everywhere/);
    const id = blaby.split(/\s+/)[0];

    const revoked = keys(db.url, 'revoke', 'Blaby District Council');
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.equal(revoked.stdout, `Revoked key ${id} (Blaby District Council): every server refuses it from its next request.\n`);
    const again = keys(db.url, 'revoke', id);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^Key ${id} \\(Blaby District Council\\) was already revoked on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; nothing changed\\.`));
    assert.match(keys(db.url, 'list').stdout, new RegExp(`${id}\\s+Blaby District Council.*\\d\\d:\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\n`));
    assert.doesNotMatch(keys(db.url, 'list').stdout, /hash|salt/);
  });
});
