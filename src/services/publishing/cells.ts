/**
 * The cells of dashboards: the indicator|area|period of each row's Previous Year and Latest Data
 * value for the dashboard's area. A published dashboard's cells change only by correctValue; what
 * a DRAFT will show (its cells, and its indicators' figures for its periods in the areas inside
 * it) is unpublished (Observation.embargo) until the draft is published, whoever writes it
 * (setValues, or the tidy CSV import).
 */
import { EntityManager, In } from 'typeorm';
import { Area, AreaLink, Dashboard, Outcome, OutcomeIndicator } from '../../entities';
import { GeographyIndex } from '../geography';

/** The key of a cell: indicator|area|period. */
export const cellKey = (indicatorId: string, areaCode: string, periodKey: string): string => `${indicatorId}|${areaCode}|${periodKey}`;

/** Which indicators' cells to read: those a write names (the rest cannot matter to it), or every one. */
export type IndicatorIds = readonly string[] | 'all';

/** Each row of the dashboards with a status (of some indicators), with its dashboard; dashboards by slug. */
async function rowsOfDashboards(manager: EntityManager, status: 'PUBLISHED' | 'DRAFT', indicators: IndicatorIds): Promise<Array<{ dashboard: Dashboard; row: OutcomeIndicator }>> {
  const dashboards = await manager.find(Dashboard, { where: { status }, order: { slug: 'ASC' } });
  if (dashboards.length === 0) return [];
  const outcomes = await manager.find(Outcome, { where: { dashboardSlug: In(dashboards.map((d) => d.slug)) } });
  const rows = outcomes.length === 0 || indicators.length === 0 ? [] : await manager.find(OutcomeIndicator, {
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
  for (const { dashboard, row } of await rowsOfDashboards(manager, 'PUBLISHED', indicators)) {
    for (const period of periodsOf(row)) {
      const key = cellKey(row.indicatorId, dashboard.areaCode, period);
      if (!cells.has(key)) cells.set(key, dashboard.slug);
    }
  }
  return cells;
}

/** Which DRAFT dashboard's embargo a value written now falls under, if any. */
export type EmbargoOf = (indicatorId: string, areaCode: string, periodKey: string) => string | null;

/**
 * The embargo a value written now falls under: a DRAFT's slug when the draft shows the value's
 * indicator and period for its area or an area inside it (its districts' figures for the quarter
 * feed its comparisons), unless a published dashboard shows that very cell. Such a value is seen
 * only by keys that read its area until the draft is published. For two drafts, the first by slug.
 */
export async function embargoes(manager: EntityManager, indicators: IndicatorIds): Promise<EmbargoOf> {
  const [drafts, published] = await Promise.all([rowsOfDashboards(manager, 'DRAFT', indicators), publishedCells(manager, indicators)]);
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
  return (indicatorId, areaCode, periodKey) => {
    if (published.has(cellKey(indicatorId, areaCode, periodKey))) return null;
    return shown.get(`${indicatorId}|${periodKey}`)?.find((d) => geography.contains(d.areaCode, areaCode))?.slug ?? null;
  };
}
