/**
 * The cells of dashboards: the indicator|area|period of each row's Previous Year and Latest Data
 * value for the dashboard's area. A published dashboard's cells change only by correctValue; what
 * a DRAFT will show (its cells, and its indicators' figures for its periods in the areas inside
 * it) is unpublished (Observation.embargo) until the draft is published, whoever writes it
 * (setValues, or the tidy CSV import).
 */
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Area, AreaLink, Dashboard, Observation, Outcome, OutcomeIndicator } from '../../entities';
import { GeographyIndex } from '../geography';

/** The key of a cell: indicator|area|period. */
export const cellKey = (indicatorId: string, areaCode: string, periodKey: string): string => `${indicatorId}|${areaCode}|${periodKey}`;

/** Which indicators' cells to read: those a write names (the rest cannot matter to it), or every one. */
export type IndicatorIds = readonly string[] | 'all';

/** Each row (of some indicators) of the dashboards with a status or a slug, with its dashboard; dashboards by slug. */
async function rowsOfDashboards(
  manager: EntityManager,
  which: { status: 'PUBLISHED' | 'DRAFT' } | { slug: string },
  indicators: IndicatorIds,
): Promise<Array<{ dashboard: Dashboard; row: OutcomeIndicator }>> {
  const dashboards = await manager.find(Dashboard, { where: which, order: { slug: 'ASC' } });
  if (dashboards.length === 0) return [];
  const outcomes = await manager.find(Outcome, { where: { dashboardSlug: In(dashboards.map((d) => d.slug)) } });
  const rows = outcomes.length === 0 || (indicators !== 'all' && indicators.length === 0) ? [] : await manager.find(OutcomeIndicator, {
    where: { outcomeId: In(outcomes.map((o) => o.id)), ...(indicators === 'all' ? {} : { indicatorId: In([...new Set(indicators)]) }) },
  });
  const bySlug = new Map(dashboards.map((d) => [d.slug, d]));
  const dashboardOf = new Map(outcomes.map((o) => [o.id, bySlug.get(o.dashboardSlug)!]));
  return rows.map((row) => ({ dashboard: dashboardOf.get(row.outcomeId)!, row }))
    .sort((a, b) => (a.dashboard.slug < b.dashboard.slug ? -1 : a.dashboard.slug > b.dashboard.slug ? 1 : 0));
}

/** The periods a row shows: its Previous Year and Latest Data columns'. */
const periodsOf = (row: OutcomeIndicator): string[] => [row.previousPeriodKey, row.latestPeriodKey].filter((p): p is string => Boolean(p));

/** The published dashboard (slug) that shows each cell; for two of one cell, the first by slug. */
export async function publishedCells(manager: EntityManager, indicators: IndicatorIds): Promise<Map<string, string>> {
  const cells = new Map<string, string>();
  for (const { dashboard, row } of await rowsOfDashboards(manager, { status: 'PUBLISHED' }, indicators)) {
    for (const period of periodsOf(row)) {
      const key = cellKey(row.indicatorId, dashboard.areaCode, period);
      if (!cells.has(key)) cells.set(key, dashboard.slug);
    }
  }
  return cells;
}

/**
 * Which DRAFT dashboard's embargo a value written now falls under, if any; `before` is the
 * stored value it replaces.
 */
export type EmbargoOf = (indicatorId: string, areaCode: string, periodKey: string, before: { embargo: string | null } | undefined) => string | null;

/**
 * The embargo a value written now falls under: a DRAFT's slug when the draft shows the value's
 * indicator and period for its area or an area inside it (its districts' figures for the quarter
 * feed its comparisons), unless a published dashboard shows that very cell, or the value replaces
 * one that is already public (a public figure is never withdrawn: its revision is public too).
 * Such a value is seen only by keys that read its area until the draft is published. Of two
 * drafts, the one of the value's own area, else the first by slug.
 */
export async function embargoes(manager: EntityManager, indicators: IndicatorIds): Promise<EmbargoOf> {
  const [drafts, published] = await Promise.all([rowsOfDashboards(manager, { status: 'DRAFT' }, indicators), publishedCells(manager, indicators)]);
  if (drafts.length === 0) return () => null;
  const shown = new Map<string, Dashboard[]>();
  for (const { dashboard, row } of drafts) {
    for (const period of periodsOf(row)) {
      const list = shown.get(`${row.indicatorId}|${period}`) ?? [];
      if (!list.includes(dashboard)) list.push(dashboard);
      shown.set(`${row.indicatorId}|${period}`, list);
    }
  }
  const geography = new GeographyIndex(
    await manager.find(Area, { select: { code: true, name: true, type: true, parentCode: true } }),
    await manager.find(AreaLink),
  );
  return (indicatorId, areaCode, periodKey, before) => {
    if ((before && before.embargo === null) || published.has(cellKey(indicatorId, areaCode, periodKey))) return null;
    const drafts = shown.get(`${indicatorId}|${periodKey}`) ?? [];
    return (drafts.find((d) => d.areaCode === areaCode) ?? drafts.find((d) => geography.contains(d.areaCode, areaCode)))?.slug ?? null;
  };
}

/**
 * Publishing a dashboard publishes its values: every value waiting for it, and every cell it
 * shows (one that another draft of an area around it was holding back).
 */
export async function releaseEmbargo(manager: EntityManager, dashboard: Dashboard): Promise<void> {
  await manager.update(Observation, { embargo: dashboard.slug }, { embargo: null });
  for (const { row } of await rowsOfDashboards(manager, { slug: dashboard.slug }, 'all')) {
    for (const periodKey of periodsOf(row)) {
      await manager.update(Observation, { indicatorId: row.indicatorId, areaCode: dashboard.areaCode, periodKey, embargo: Not(IsNull()) }, { embargo: null });
    }
  }
}
