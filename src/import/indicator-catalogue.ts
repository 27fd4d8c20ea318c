/**
 * The indicator catalogue: what a dashboard table does not say about its indicators (value
 * type, unit, polarity and why, decimals), keyed by the name as printed.
 */
import { EntityManager } from 'typeorm';
import { bumpDataVersion } from '../db/data-version';
import { Indicator, Polarity, ValueType } from '../entities';
import { readCsvTable } from './csv-table';
import { ImportError } from './import-error';
import { ChangeCounts, upsertRows } from './upsert';

export interface CatalogueEntry {
  readonly id: string;
  readonly name: string;
  readonly unit: string | null;
  readonly valueType: ValueType;
  readonly polarity: Polarity;
  readonly decimals: number;
  /** What numerator / denominator is multiplied by (1000 for per 1,000, 100 for %); null for counts. */
  readonly multiplier: number | null;
  readonly polarityReason: string;
  readonly definition: string | null;
}

export class IndicatorCatalogue {
  private readonly byName = new Map<string, CatalogueEntry>();

  constructor(readonly file: string, entries: readonly CatalogueEntry[]) {
    for (const entry of entries) this.byName.set(normaliseName(entry.name), entry);
  }

  get entries(): CatalogueEntry[] {
    return [...this.byName.values()];
  }

  find(printedName: string): CatalogueEntry | undefined {
    return this.byName.get(normaliseName(printedName));
  }
}

/** Names match whatever their spacing and case, so a reflowed table still finds its indicators. */
function normaliseName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

const SLUG = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;

export function readIndicatorCatalogue(file: string): IndicatorCatalogue {
  const table = readCsvTable(file, ['id', 'name', 'value_type', 'polarity', 'decimals', 'polarity_reason'], ['unit', 'definition', 'multiplier']);
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const entries = table.rows.map((row): CatalogueEntry => {
    const id = table.required(row, 'id');
    if (!SLUG.test(id)) table.fail(row, 'id', `"${id}" is not a slug of lower-case words joined by - and /, e.g. safer-communities/total-crime-rate`);
    if (ids.has(id)) table.fail(row, 'id', `"${id}" is already used on line ${ids.get(id)}`);
    ids.set(id, row.line);
    const name = table.required(row, 'name');
    const key = normaliseName(name);
    if (names.has(key)) table.fail(row, 'name', `"${name}" is already catalogued on line ${names.get(key)}`);
    names.set(key, row.line);
    return {
      id,
      name,
      unit: table.optional(row, 'unit'),
      valueType: table.oneOf(row, 'value_type', Object.values(ValueType)),
      polarity: table.oneOf(row, 'polarity', Object.values(Polarity)),
      decimals: table.integer(row, 'decimals', 0, 10),
      multiplier: table.optionalNumber(row, 'multiplier'),
      polarityReason: table.required(row, 'polarity_reason'),
      definition: table.optional(row, 'definition'),
    };
  });
  if (entries.length === 0) throw new ImportError({ file, line: 2 }, 'the catalogue lists no indicators');
  return new IndicatorCatalogue(file, entries);
}

export function indicatorFromEntry(entry: CatalogueEntry): Indicator {
  return Object.assign(new Indicator(), {
    id: entry.id,
    name: entry.name,
    unit: entry.unit,
    valueType: entry.valueType,
    polarity: entry.polarity,
    polarityReason: entry.polarityReason,
    decimals: entry.decimals,
    definition: entry.definition,
    multiplier: entry.multiplier,
    derivation: null,
    baseIndicatorId: null,
    publisher: null,
  });
}

/**
 * Inserts the indicators that are new and updates those that differ, in the caller's transaction.
 * Unlike the other writers it moves the data version only when something changed: the police.uk
 * importer writes its indicators before every run, and an unchanged catalogue (followed, say, by a
 * file that fails) has changed nothing a cache holds.
 */
export async function writeIndicators(manager: EntityManager, indicators: readonly Indicator[]): Promise<ChangeCounts> {
  const counts = await upsertRows(manager, Indicator, indicators);
  if (counts.created + counts.updated > 0) await bumpDataVersion(manager);
  return counts;
}
