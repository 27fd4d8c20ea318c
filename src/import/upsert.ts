import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** What an import did to one kind of row. */
export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export function emptyCounts(): ChangeCounts {
  return { created: 0, updated: 0, unchanged: 0, removed: 0 };
}

/**
 * Inserts rows that are new and updates those whose fields differ, matching by primary key
 * (or the natural key given, for tables with an internal generated id),
 * so importing the same data twice changes nothing. Runs in the caller's transaction.
 */
export async function upsertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  counts: ChangeCounts = emptyCounts(),
  naturalKey?: ReadonlyArray<keyof T & string>,
): Promise<ChangeCounts> {
  const repository = manager.getRepository(target);
  const metadata = repository.metadata;
  const key: readonly string[] = naturalKey ?? metadata.primaryColumns.filter((column) => !column.isGenerated).map((column) => column.propertyName);
  const compared = metadata.columns.filter((column) => !column.isGenerated && !key.includes(column.propertyName));
  for (const row of rows) {
    const where = Object.fromEntries(key.map((property) => [property, row[property]]));
    const existing = await repository.findOneBy(where as never);
    if (!existing) {
      await repository.insert(row as never);
      counts.created++;
      continue;
    }
    const changes = Object.fromEntries(
      compared
        .filter((column) => !sameValue(existing[column.propertyName], row[column.propertyName]))
        .map((column) => [column.propertyName, row[column.propertyName] ?? null]),
    );
    if (Object.keys(changes).length === 0) {
      counts.unchanged++;
    } else {
      await repository.update(where as never, changes as never);
      counts.updated++;
    }
  }
  return counts;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}
