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

/** Rows per statement: well under every driver's limit on bound parameters (SQLite's is 32,766). */
export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * Inserts rows with plain multi-row INSERTs in the caller's transaction, values given in the order
 * of `columns`; columns left out take their defaults. For an import's bulk writes: TypeORM's
 * insert() spends several times longer building a statement (a named parameter per value,
 * escaping, entity metadata) than the database spends running it.
 */
export async function insertRows(manager: EntityManager, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const postgres = manager.connection.options.type === 'postgres';
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES `;
  for (const chunk of chunks(rows)) {
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      if (row.length !== columns.length) throw new Error(`insertRows: a row for ${table} has ${row.length} values for ${columns.length} columns`);
      return `(${row.map((value) => {
        values.push(value);
        return postgres ? `$${values.length}` : '?';
      }).join(', ')})`;
    });
    await manager.query(head + tuples.join(', '), values);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/**
 * Inserts rows that are new and updates those whose fields differ, matching by primary key
 * (or the natural key given, for tables with an internal generated id), so importing the same
 * data twice changes nothing. Existing rows are read and new rows written a chunk at a time.
 * Runs in the caller's transaction.
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
  const compared = metadata.columns.filter((column) => !column.isGenerated && !key.includes(column.propertyName)).map((c) => c.propertyName);
  const keyOf = (row: ObjectLiteral): string => JSON.stringify(key.map((property) => row[property] ?? null));
  const whereOf = (row: ObjectLiteral) => Object.fromEntries(key.map((property) => [property, row[property]]));
  for (const chunk of chunks(rows)) {
    const existing = new Map((await repository.find({ where: chunk.map(whereOf) as never })).map((row) => [keyOf(row), row]));
    const fresh: T[] = [];
    for (const row of chunk) {
      const found = existing.get(keyOf(row));
      if (!found) {
        fresh.push(row);
        continue;
      }
      const changes = Object.fromEntries(compared.filter((p) => !sameValue(found[p], row[p])).map((p) => [p, row[p] ?? null]));
      if (Object.keys(changes).length === 0) {
        counts.unchanged++;
      } else {
        await repository.update(whereOf(row) as never, changes as never);
        counts.updated++;
      }
    }
    if (fresh.length > 0) {
      await repository.insert(fresh as never);
      counts.created += fresh.length;
    }
  }
  return counts;
}
