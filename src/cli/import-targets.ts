/**
 * `npm run import:targets -- <csv>`: RAG rules (targets) in the tidy CSV style, columns
 * `indicator, area_code, target, target_min, target_max, tolerance, note`. One transaction.
 */
import 'reflect-metadata';
import { readRagRules, writeRagRules } from '../import/rag-rules.importer';
import { openDatabaseForImport } from './open-for-import';

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (!file || rest.length > 0) throw new Error('usage: npm run import:targets -- <csv with columns indicator, area_code, target, target_min, target_max, tolerance[, note]>');
  const rules = readRagRules(file);
  const dataSource = await openDatabaseForImport();
  try {
    const counts = await dataSource.transaction((manager) => writeRagRules(manager, rules));
    console.log(`Imported ${rules.length} RAG rule${rules.length === 1 ? '' : 's'} from ${file}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`Import failed, nothing was written: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
