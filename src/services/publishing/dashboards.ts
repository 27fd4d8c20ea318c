/**
 * The quarterly cycle: draftDashboard copies a dashboard's outcomes and indicators for the next
 * period (each column's period rolled on: 12 months to Sep 2014 → 12 months to Dec 2014, Apr-Sep
 * → Apr-Dec, and the Previous Year column a year on when the financial year changes), with no
 * values or assessments; setOutcomeAssessment fills a draft's outcomes; publishDashboard freezes
 * it. Each is one transaction with its audit event and a new data version.
 */
import { DataSource } from 'typeorm';
import { financialYearOf, PeriodError, PeriodInfo, periodFromKey, parsePeriod, rollPeriod, shiftPeriod } from '../../analysis/periods';
import { bumpDataVersion } from '../../db/data-version';
import { SERIALIZABLE, transaction } from '../../db/transaction';
import { releaseEmbargo } from './cells';
import { Area, Dashboard, Direction, Outcome, OutcomeAssessment, OutcomeIndicator, Period, Rag } from '../../entities';
import { outsideAreas, requireRole, WriteAccess } from './access';
import { recordAudit } from './audit';
import { InputProblem } from './problems';

export interface DashboardResult {
  readonly dashboard: Dashboard | null;
  readonly problems: InputProblem[];
}

export interface AssessmentResult {
  readonly assessment: OutcomeAssessment | null;
  readonly problems: InputProblem[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A period's slug part: Q3 2014-15 → 2014-15-q3; 12 months to Dec 2014 → 12-months-to-dec-2014. */
function periodSlug(period: PeriodInfo): string {
  const quarter = /^(Q\d) (\d{4}-\d{2})$/.exec(period.label);
  if (quarter) return `${quarter[2]}-${quarter[1].toLowerCase()}`;
  return period.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The new slug: the old one with its period part replaced, else the period appended. */
export function draftSlug(fromSlug: string, fromPeriod: PeriodInfo, period: PeriodInfo): string {
  const old = periodSlug(fromPeriod);
  return fromSlug.includes(old) ? fromSlug.replace(old, periodSlug(period)) : `${fromSlug}-${periodSlug(period)}`;
}

function readPeriod(text: string, path: string, problems: InputProblem[]): PeriodInfo | null {
  try {
    return parsePeriod(text.trim());
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    problems.push({ path, message: error.message });
    return null;
  }
}

/** A dashboard's shape for the audit trail. */
function dashboardSnapshot(dashboard: Dashboard): Record<string, unknown> {
  return { slug: dashboard.slug, status: dashboard.status, period: dashboard.periodKey, publishedAt: dashboard.publishedAt, previous: dashboard.previousSlug };
}

export async function draftDashboard(
  dataSource: DataSource,
  access: WriteAccess | null,
  input: { from: string; period: string; slug?: string | null },
): Promise<DashboardResult> {
  const writer = requireRole(access, 'draftDashboard');
  return transaction(dataSource, async (manager) => {
    const problems: InputProblem[] = [];
    const from = await manager.findOne(Dashboard, { where: { slug: input.from.trim() } });
    if (!from) problems.push({ path: 'input.from', message: `there is no dashboard "${input.from}"; see the dashboards query` });
    const period = readPeriod(input.period, 'input.period', problems);
    if (!from || !period) return { dashboard: null, problems };

    const fromPeriod = periodFromKey(from.periodKey);
    const months = period.endMonth - fromPeriod.endMonth;
    if (months <= 0) problems.push({ path: 'input.period', message: `${period.label} does not come after ${fromPeriod.label}, the period of ${from.slug}` });
    if (period.months !== fromPeriod.months) problems.push({ path: 'input.period', message: `${period.label} is ${period.months} months long but ${fromPeriod.label} is ${fromPeriod.months}; the next dashboard reports on a period as long as the last` });
    const area = await manager.findOne(Area, { where: { code: from.areaCode } });
    const outside = outsideAreas(writer, from.areaCode, area?.name);
    if (outside) problems.push({ path: 'input.from', message: outside });
    const slug = input.slug?.trim() || draftSlug(from.slug, fromPeriod, period);
    if (!SLUG.test(slug) || slug.length > 120) problems.push({ path: 'input.slug', message: `"${slug}" is not a slug: lower-case letters, digits and single hyphens, at most 120 characters` });
    else if (await manager.findOne(Dashboard, { where: { slug } })) problems.push({ path: 'input.slug', message: `there is already a dashboard "${slug}"; give another slug` });
    const newer = await manager.findOne(Dashboard, { where: { previousSlug: from.slug } });
    if (newer) problems.push({ path: 'input.from', message: `${from.slug} already has a next dashboard, ${newer.slug}; draft from the latest` });
    if (problems.length > 0) return { dashboard: null, problems };

    // The Previous Year column moves a year on with each new financial year.
    const years = financialYearOf(period.endMonth) - financialYearOf(fromPeriod.endMonth);
    const previous = (key: string | null) => (key === null ? null : years === 0 ? periodFromKey(key) : shiftPeriod(periodFromKey(key), 12 * years));
    const latest = (key: string | null) => (key === null ? null : rollPeriod(periodFromKey(key), months));
    const periods = new Map<string, PeriodInfo>([[period.key, period]]);
    const keep = (info: PeriodInfo | null): string | null => {
      if (info) periods.set(info.key, info);
      return info?.key ?? null;
    };

    const dashboard = Object.assign(new Dashboard(), {
      slug,
      title: from.title,
      heading: `${from.title} ${period.label}`,
      areaCode: from.areaCode,
      periodKey: period.key,
      previousPeriodKey: keep(previous(from.previousPeriodKey)),
      latestPeriodKey: keep(latest(from.latestPeriodKey)),
      previousPeriodLabel: from.previousPeriodKey ? previous(from.previousPeriodKey)!.label : null,
      latestPeriodLabel: from.latestPeriodKey ? latest(from.latestPeriodKey)!.label : null,
      source: `draftDashboard from ${from.slug} by ${writer.keyName}`,
      status: 'DRAFT' as const,
      publishedAt: null,
      previousSlug: from.slug,
    });
    const fromOutcomes = await manager.find(Outcome, { where: { dashboardSlug: from.slug }, order: { position: 'ASC' } });
    const outcomes = fromOutcomes.map((o) => Object.assign(new Outcome(), {
      id: `${slug}/outcomes/${o.position}`, seriesId: o.seriesId, dashboardSlug: slug, position: o.position, title: o.title, benefit: o.benefit,
    }));
    const rows: OutcomeIndicator[] = [];
    for (const o of fromOutcomes) {
      for (const row of await manager.find(OutcomeIndicator, { where: { outcomeId: o.id }, order: { position: 'ASC' } })) {
        rows.push(Object.assign(new OutcomeIndicator(), {
          outcomeId: `${slug}/outcomes/${o.position}`,
          position: row.position,
          indicatorId: row.indicatorId,
          previousPeriodKey: keep(previous(row.previousPeriodKey)),
          latestPeriodKey: keep(latest(row.latestPeriodKey)),
          note: row.note,
        }));
      }
    }
    await manager.upsert(Period, [...periods.values()].map((p) => Period.fromInfo(p)), ['key']);
    await manager.insert(Dashboard, dashboard);
    if (outcomes.length > 0) await manager.insert(Outcome, outcomes);
    if (rows.length > 0) await manager.insert(OutcomeIndicator, rows);
    await recordAudit(manager, writer, [{ action: 'draftDashboard', target: slug, areaCode: from.areaCode, before: null, after: { ...dashboardSnapshot(dashboard), outcomes: outcomes.length, rows: rows.length } }]);
    await bumpDataVersion(manager);
    return { dashboard, problems: [] };
  }, SERIALIZABLE);
}

const ARROW: Partial<Record<Direction, string>> = { IMPROVING: '↑', WORSENING: '↓', NO_CHANGE: '→', INCREASING: '↑', DECREASING: '↓' };

export async function setOutcomeAssessment(
  dataSource: DataSource,
  access: WriteAccess | null,
  input: { outcome: string; rag?: Rag | null; progress?: Rag | null; direction?: Direction | null; comment?: string | null },
): Promise<AssessmentResult> {
  const writer = requireRole(access, 'setOutcomeAssessment');
  return transaction(dataSource, async (manager) => {
    const problems: InputProblem[] = [];
    const outcome = await manager.findOne(Outcome, { where: { id: input.outcome.trim() } });
    if (!outcome) return { assessment: null, problems: [{ path: 'input.outcome', message: `there is no outcome "${input.outcome}"; outcome ids look like safer-communities-2014-15-q3/outcomes/1` }] };
    const dashboard = (await manager.findOne(Dashboard, { where: { slug: outcome.dashboardSlug } }))!;
    if (dashboard.status !== 'DRAFT') problems.push({ path: 'input.outcome', message: `${outcome.id} is on ${dashboard.slug}, which is published; what a published dashboard said cannot change (draft the next dashboard with draftDashboard)` });
    const area = await manager.findOne(Area, { where: { code: dashboard.areaCode } });
    const outside = outsideAreas(writer, dashboard.areaCode, area?.name);
    if (outside) problems.push({ path: 'input.outcome', message: outside });
    if (input.direction === 'NOT_COMPARABLE' || input.direction === 'NO_DATA') {
      problems.push({ path: 'input.direction', message: `${input.direction} is a computed judgement, not an arrow a dashboard publishes; give IMPROVING, WORSENING, NO_CHANGE, INCREASING or DECREASING` });
    }
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 4000) problems.push({ path: 'input.comment', message: `is ${comment.length} characters; at most 4,000` });
    if (problems.length > 0) return { assessment: null, problems };

    const before = await manager.findOne(OutcomeAssessment, { where: { outcomeId: outcome.id, periodKey: dashboard.periodKey } });
    const snapshot = (a: OutcomeAssessment | null) => (a ? { rag: a.rag, progress: a.progress, direction: a.direction, arrow: a.arrow, comment: a.comment } : null);
    const beforeSnapshot = snapshot(before);
    const assessment = Object.assign(before ?? new OutcomeAssessment(), {
      outcomeId: outcome.id,
      periodKey: dashboard.periodKey,
      rag: input.rag ?? null,
      progress: input.progress ?? null,
      direction: input.direction ?? null,
      arrow: input.direction ? ARROW[input.direction] ?? null : null,
      comment,
    });
    await manager.save(OutcomeAssessment, assessment);
    await recordAudit(manager, writer, [{ action: 'setOutcomeAssessment', target: outcome.id, areaCode: dashboard.areaCode, before: beforeSnapshot, after: snapshot(assessment) }]);
    await bumpDataVersion(manager);
    return { assessment, problems: [] };
  }, SERIALIZABLE);
}

export async function publishDashboard(dataSource: DataSource, access: WriteAccess | null, slug: string): Promise<DashboardResult> {
  const admin = requireRole(access, 'publishDashboard');
  return transaction(dataSource, async (manager) => {
    const dashboard = await manager.findOne(Dashboard, { where: { slug: slug.trim() } });
    if (!dashboard) return { dashboard: null, problems: [{ path: 'slug', message: `there is no dashboard "${slug}"; see the dashboards query` }] };
    if (dashboard.status !== 'DRAFT') return { dashboard: null, problems: [{ path: 'slug', message: `${dashboard.slug} is already published${dashboard.publishedAt ? ` (${dashboard.publishedAt})` : ''}` }] };
    const before = dashboardSnapshot(dashboard);
    dashboard.status = 'PUBLISHED';
    dashboard.publishedAt = new Date().toISOString();
    await manager.update(Dashboard, { slug: dashboard.slug }, { status: dashboard.status, publishedAt: dashboard.publishedAt });
    // Its values are published with it: everyone sees them from now on.
    await releaseEmbargo(manager, dashboard);
    await recordAudit(manager, admin, [{ action: 'publishDashboard', target: dashboard.slug, areaCode: dashboard.areaCode, before, after: dashboardSnapshot(dashboard) }]);
    await bumpDataVersion(manager);
    return { dashboard, problems: [] };
  }, SERIALIZABLE);
}
