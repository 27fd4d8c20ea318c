/**
 * `npm run import:groups -- <csv>`: area groups from a CSV of `group, area_code` (optionally
 * `group_name, valid_from, valid_to, description`). Each group in the file is replaced whole; one transaction.
 */
import 'reflect-metadata';
import { readAreaGroups, writeAreaGroups } from '../import/areas.importer';
import { openDatabaseForImport } from './open-for-import';

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0) throw new Error('usage: npm run import:groups -- <csv with columns group, area_code[, group_name, valid_from, valid_to, description]>');
  const input = readAreaGroups(file);
  const dataSource = await openDatabaseForImport();
  try {
    const report = await dataSource.transaction((manager) => writeAreaGroups(manager, input));
    console.log(`Imported ${input.groups.length} group${input.groups.length === 1 ? '' : 's'} from ${file}`);
    for (const [name, c] of Object.entries(report)) console.log(`  ${name.padEnd(8)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
