/**
 * Writes a parsed dashboard table to the database in one transaction: its indicators (from the
 * catalogue), periods, outcomes, the ordered outcome→indicator links, the published values
 * as observations of the dashboard's area, and the published assessments.
 * Idempotent: every row is matched by its natural key, so a second import changes nothing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataSource, EntityManager, In, Like, Not } from 'typeorm';
import { PeriodInfo } from '../analysis/periods';
import { formatValue } from '../analysis/format';
import { bumpDataVersion } from '../db/data-version';
import {
  Area, Dashboard, Direction, Indicator, Observation, Outcome, OutcomeAssessment, OutcomeIndicator, Period, Rag, ValueType,
} from '../entities';
import { parseDashboardTable, ParsedDashboardTable, PrintedValue } from './dashboard-table.parser';
import { decodeUtf8, formatLocation, ImportError, ImportWarning } from './import-error';
import { indicatorFromEntry, IndicatorCatalogue } from './indicator-catalogue';
import { ChangeCounts, chunks, emptyCounts, upsertRows } from './upsert';

export interface DashboardImportOptions {
  readonly catalogue: IndicatorCatalogue;
  /** The dashboard's area: the table does not name it. */
  readonly areaCode: string;
  /** Defaults to a slug of the title and period, e.g. safer-communities-2014-15-q2. */
  readonly slug?: string;
}

export interface DashboardImportReport {
  readonly file: string;
  readonly slug: string;
  readonly changes: Record<string, ChangeCounts>;
  readonly warnings: readonly ImportWarning[];
}

export function slugify(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** safer-communities-2014-15-q2 from "Safer Communities Performance Dashboard" and Q2 2014-15. */
export function dashboardSlug(title: string, period: PeriodInfo): string {
  const name = slugify(title.replace(/\b(performance\s+)?dashboard\b/gi, ' '));
  const quarter = /^Q([1-4]) (\d{4}-\d{2})$/.exec(period.label);
  return `${name}-${quarter ? `${quarter[2]}-q${quarter[1]}` : slugify(period.label)}`;
}

export function readDashboardFile(file: string): ParsedDashboardTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ImportError({ file, line: 1 }, `cannot read the file: ${(error as Error).message}`);
  }
  return parseDashboardTable(decodeUtf8(bytes, file), file);
}

export async function importDashboardFile(dataSource: DataSource, file: string, options: DashboardImportOptions): Promise<DashboardImportReport> {
  const table = readDashboardFile(file);
  return dataSource.transaction((manager) => writeDashboard(manager, table, options));
}

interface PlannedObservation {
  readonly observation: Observation;
  readonly location: string;
}

export async function writeDashboard(manager: EntityManager, table: ParsedDashboardTable, options: DashboardImportOptions): Promise<DashboardImportReport> {
  await bumpDataVersion(manager);
  const warnings: ImportWarning[] = [...table.warnings];
  const file = basename(table.file);
  const slug = options.slug ?? dashboardSlug(table.title, table.period);
  const area = await manager.findOneBy(Area, { code: options.areaCode });
  if (!area) {
    throw new ImportError({ file: table.file, line: 1 }, `the dashboard's area ${options.areaCode} is not a known area; load the areas first`);
  }
  const existing = await manager.findOneBy(Dashboard, { slug });
  if (existing && existing.areaCode !== area.code) {
    throw new ImportError({ file: table.file, line: 1 }, `dashboard "${slug}" reports on ${existing.areaCode}, not ${area.code} (${area.name}); pass --slug to import this table as another dashboard`);
  }

  // Every indicator must be catalogued: polarity and value type are never guessed.
  const indicators = new Map<string, Indicator>();
  for (const outcome of table.outcomes) {
    for (const row of outcome.indicators) {
      const entry = options.catalogue.find(row.name);
      if (!entry) {
        throw new ImportError(row.location, `"${row.name}" is not in the indicator catalogue (${options.catalogue.file}); add it with its value type, polarity and the reason for it`);
      }
      indicators.set(entry.id, indicatorFromEntry(entry));
    }
  }

  const periods = new Map<string, Period>();
  const usePeriod = (info: PeriodInfo): string => {
    periods.set(info.key, Period.fromInfo(info));
    return info.key;
  };
  usePeriod(table.period);
  usePeriod(table.previousPeriod);
  usePeriod(table.latestPeriod);

  const outcomes: Outcome[] = [];
  const links: OutcomeIndicator[] = [];
  const assessments: OutcomeAssessment[] = [];
  const observations = new Map<string, PlannedObservation>();

  const plan = (indicator: Indicator, value: PrintedValue, note: string | null): string => {
    if (value.percent !== (indicator.valueType === ValueType.PERCENTAGE)) {
      throw new ImportError(value.location, value.percent
        ? `"${value.printed}" is a percentage but the catalogue says "${indicator.name}" is a ${indicator.valueType}`
        : `"${value.printed}" has no % sign but the catalogue says "${indicator.name}" is a PERCENTAGE`);
    }
    const formatted = formatValue(value.value, indicator.valueType, indicator.decimals);
    if (formatted !== value.printed) {
      warnings.push({ location: value.location, message: `"${value.printed}" is printed with ${value.decimals} decimals but the catalogue gives "${indicator.name}" ${indicator.decimals}; the printed form is kept` });
    }
    const periodKey = usePeriod(value.period);
    const key = `${indicator.id}|${periodKey}`;
    const earlier = observations.get(key);
    if (earlier && earlier.observation.value !== value.value) {
      throw new ImportError(value.location, `"${indicator.name}" has ${value.printed} for ${value.period.label} here but ${earlier.observation.printed} at ${earlier.location}`);
    }
    observations.set(key, {
      location: formatLocation(value.location),
      observation: Object.assign(new Observation(), {
        indicatorId: indicator.id,
        areaCode: area.code,
        periodKey,
        value: value.value,
        printed: value.printed,
        printedPeriodLabel: value.periodPrinted,
        numerator: null,
        denominator: null,
        lowerCI95: null,
        upperCI95: null,
        lowerCI998: null,
        upperCI998: null,
        note,
        source: `${file}:${value.location.line}:${value.location.column}`,
      }),
    });
    return periodKey;
  };

  for (const parsed of table.outcomes) {
    const outcomeId = `${slug}/outcomes/${parsed.position}`;
    outcomes.push(Object.assign(new Outcome(), {
      id: outcomeId, seriesId: outcomeId, dashboardSlug: slug, position: parsed.position, title: parsed.title, benefit: parsed.benefit,
    }));
    assessments.push(Object.assign(new OutcomeAssessment(), {
      outcomeId,
      periodKey: table.period.key,
      rag: parsed.rag as Rag | null,
      progress: parsed.progress as Rag | null,
      direction: parsed.direction as Direction | null,
      arrow: parsed.arrow,
      comment: parsed.comment,
    }));
    const seen = new Set<string>();
    for (const row of parsed.indicators) {
      const indicator = indicators.get(options.catalogue.find(row.name)!.id)!;
      if (seen.has(indicator.id)) throw new ImportError(row.location, `"${row.name}" is listed twice for this outcome`);
      seen.add(indicator.id);
      const previousKey = row.previous ? plan(indicator, row.previous, row.previousConflict) : table.previousPeriod.key;
      const latestKey = row.latest ? plan(indicator, row.latest, null) : table.latestPeriod.key;
      links.push(Object.assign(new OutcomeIndicator(), {
        outcomeId, position: row.position, indicatorId: indicator.id, previousPeriodKey: previousKey, latestPeriodKey: latestKey, note: null,
      }));
    }
  }

  const dashboard = Object.assign(new Dashboard(), {
    slug,
    title: table.title,
    heading: table.heading,
    areaCode: area.code,
    periodKey: table.period.key,
    previousPeriodKey: table.previousPeriod.key,
    latestPeriodKey: table.latestPeriod.key,
    previousPeriodLabel: table.previousPeriodPrinted,
    latestPeriodLabel: table.latestPeriodPrinted,
    source: file,
    // What an imported table shows was published; it starts no series of drafts.
    status: 'PUBLISHED' as const,
    publishedAt: null,
    previousSlug: null,
  });

  const changes: Record<string, ChangeCounts> = {
    periods: await upsertRows(manager, Period, [...periods.values()]),
    indicators: await upsertRows(manager, Indicator, [...indicators.values()]),
    dashboards: await upsertRows(manager, Dashboard, [dashboard]),
    outcomes: emptyCounts(),
    'outcome indicators': emptyCounts(),
    assessments: emptyCounts(),
    // Observations have an internal id; they are matched on their natural key.
    observations: await upsertRows(manager, Observation, [...observations.values()].map((p) => p.observation), emptyCounts(), ['indicatorId', 'areaCode', 'periodKey']),
  };

  // A re-import of a corrected table replaces the dashboard's rows: drop what the file no longer has,
  // including values it once gave (matched by the file named in their source) and no longer does.
  const planned = new Set([...observations.values()].map((p) => `${p.observation.indicatorId}|${p.observation.periodKey}`));
  // The file this dashboard was last imported from may have had another name (a corrected copy).
  const files = [...new Set([file, existing?.source].filter((f): f is string => Boolean(f)))];
  const previous = await manager.find(Observation, { where: files.map((f) => ({ areaCode: area.code, indicatorId: In([...indicators.keys()]), source: Like(`${f}:%`) })) });
  const stale = previous.filter((o) => !planned.has(`${o.indicatorId}|${o.periodKey}`));
  for (const chunk of chunks(stale)) await manager.delete(Observation, { internalId: In(chunk.map((o) => o.internalId)) });
  changes.observations.removed += stale.length;

  const outcomeIds = outcomes.map((outcome) => outcome.id);
  changes['outcome indicators'].removed += await removeStaleLinks(manager, outcomeIds, links);
  changes.assessments.removed += (await manager.delete(OutcomeAssessment, { outcomeId: In(outcomeIds), periodKey: Not(table.period.key) })).affected ?? 0;
  changes.outcomes.removed += (await manager.delete(Outcome, { dashboardSlug: slug, id: Not(In(outcomeIds)) })).affected ?? 0;
  await upsertRows(manager, Outcome, outcomes, changes.outcomes);
  await upsertRows(manager, OutcomeIndicator, links, changes['outcome indicators']);
  await upsertRows(manager, OutcomeAssessment, assessments, changes.assessments);

  return { file: table.file, slug, changes, warnings };
}

/** Links are keyed by position; one whose indicator moved is removed first so the unique (outcome, indicator) holds. */
async function removeStaleLinks(manager: EntityManager, outcomeIds: string[], links: OutcomeIndicator[]): Promise<number> {
  const wanted = new Set(links.map((link) => `${link.outcomeId}|${link.position}|${link.indicatorId}`));
  const existing = await manager.findBy(OutcomeIndicator, { outcomeId: In(outcomeIds) });
  let removed = 0;
  for (const link of existing) {
    if (!wanted.has(`${link.outcomeId}|${link.position}|${link.indicatorId}`)) {
      await manager.delete(OutcomeIndicator, { outcomeId: link.outcomeId, position: link.position });
      removed++;
    }
  }
  return removed;
}

export function formatDashboardReport(report: DashboardImportReport): string {
  const lines = [`Imported ${report.file} as dashboard "${report.slug}"`];
  for (const [name, counts] of Object.entries(report.changes)) {
    lines.push(`  ${name.padEnd(20)} ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged${counts.removed ? `, ${counts.removed} removed` : ''}`);
  }
  lines.push(report.warnings.length === 0 ? 'No warnings.' : `${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}:`);
  for (const warning of report.warnings) lines.push(`  ${formatLocation(warning.location)}: ${warning.message}`);
  return lines.join('\n');
}
