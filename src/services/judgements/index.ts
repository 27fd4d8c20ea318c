/**
 * The judgements of one request, each computed at most once: a dashboard row's direction is used
 * by its own field, its RAG and its outcome's roll-up, and an outcome's roll-up by three fields,
 * so every result is kept for the rest of the request (and only for it).
 */
import { OverdispersionChoice } from '../../analysis/overdispersion';
import { periodFromKey, PeriodInfo, PeriodType } from '../../analysis/periods';
import { Area, Dashboard, Indicator, Outcome } from '../../entities';
import { DashboardRow, dashboardOf, rowsOf } from '../dashboards';
import { periodArgument } from '../errors';
import { JudgementScope } from './common';
import { compare, Comparator, requirePeriod } from './compare';
import { compareWithGroup } from './county-comparison';
import { indicatorDirection, rowDirection } from './direction';
import { compareDistricts } from './district-comparison';
import { assessFlag, defaultComparator, FlagAssessmentResult } from './flag';
import { narrativeOutcome } from './narrative';
import { dashboardNarrative, outcomeNarrative } from '../../analysis/narrative';
import { rollUp } from './outcome';
import { ragFor } from './rag';
import { indicatorTrend, rowTrend } from './trend';
import { ComparisonResult, DirectionResult, GroupComparisonResult, OutcomeRollUpResult, RagResult, TrendResult } from './types';

export * from './types';
export { funnelCurveOf } from './comparisons';
export type { Comparator } from './compare';
export type { FlagAssessmentResult } from './flag';

type Args = Record<string, string | readonly string[] | null | undefined>;

export class Judgements {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly scope: JudgementScope) {}

  private once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let found = this.memo.get(key) as Promise<T> | undefined;
    if (!found) {
      found = compute();
      this.memo.set(key, found);
    }
    return found;
  }

  /** kind, subject and the arguments given, in the order callers pass them (always area, period, ...). */
  private static key(kind: string, subject: string, args: Args): string {
    let key = `${kind}\u0000${subject}`;
    for (const name in args) {
      const value = args[name];
      if (value === undefined || value === null) continue;
      key += `\u0000${name}=${Array.isArray(value) ? JSON.stringify(value) : value}`;
    }
    return key;
  }

  // --- An indicator from the root: defaults depend on the indicator only ---------------------

  direction(indicator: Indicator, args: { area?: string | null; period?: string | null; from?: string | null }): Promise<DirectionResult> {
    return this.once(Judgements.key('direction', indicator.id, args), () => indicatorDirection(this.scope, indicator, args));
  }

  trend(indicator: Indicator, args: { area?: string | null; type?: PeriodType | null; to?: string | null }): Promise<TrendResult> {
    return this.once(Judgements.key('trend', indicator.id, args), () => indicatorTrend(this.scope, indicator, args));
  }

  rag(indicator: Indicator, args: { area?: string | null; period?: string | null }): Promise<RagResult> {
    return this.once(Judgements.key('rag', indicator.id, args), async () => {
      const area = await this.scope.values.resolveArea(indicator, args.area);
      const period = await this.scope.values.periodOrLatest(indicator, area.code, args.period);
      return ragFor(this.scope, indicator, area, period, () => this.direction(indicator, { area: args.area, period: args.period }));
    });
  }

  compare(indicator: Indicator, args: { area?: string | null; period?: string | null; against: Comparator }): Promise<ComparisonResult> {
    const key = Judgements.key('compare', indicator.id, { area: args.area, period: args.period, ...prefixed(args.against) });
    return this.once(key, () => compare(this.scope, indicator, args));
  }

  districtComparison(indicator: Indicator, args: { area?: string | null; period?: string | null }): Promise<GroupComparisonResult> {
    return this.once(Judgements.key('districts', indicator.id, args), async () => {
      const area = await this.scope.values.resolveArea(indicator, args.area);
      return compareDistricts(this.scope, indicator, area, await requirePeriod(this.scope, indicator, area, args.period));
    });
  }

  /** `overdispersion` defaults to AUTO (ADDITIVE when the group is overdispersed, else NONE): Indicator.funnel without it is countyComparison. */
  countyComparison(
    indicator: Indicator,
    args: { area?: string | null; period?: string | null; group?: string | null; overdispersion?: OverdispersionChoice | null },
  ): Promise<GroupComparisonResult> {
    return this.once(Judgements.key('group', indicator.id, args), async () => {
      const area = await this.scope.values.resolveArea(indicator, args.area);
      const period = await requirePeriod(this.scope, indicator, area, args.period);
      return compareWithGroup(this.scope, indicator, area, args.group, period, Boolean(args.period), args.overdispersion ?? 'AUTO');
    });
  }

  /** The area against its comparator (`against`, else a district's county, else its comparator group) with its recent trend. */
  flag(indicator: Indicator, args: { area?: string | null; period?: string | null; against?: Comparator | null }): Promise<FlagAssessmentResult> {
    const key = Judgements.key('flag', indicator.id, { area: args.area, period: args.period, ...(args.against ? prefixed(args.against) : {}) });
    return this.once(key, async () => {
      const area = await this.scope.values.resolveArea(indicator, args.area);
      const against = args.against ?? this.defaultComparator(area);
      return assessFlag(indicator, area,
        async () => (against
          ? this.compare(indicator, { area: area.code, period: args.period, against })
          : (await this.countyComparison(indicator, { area: area.code, period: args.period })).subject),
        () => this.trend(indicator, { area: area.code, to: args.period }));
    });
  }

  private defaultComparator(area: Area): Comparator | null {
    return defaultComparator(area, (code) => this.scope.reference.geography.within(code, 'COUNTY'));
  }

  // --- A dashboard row: the dashboard's area and periods ------------------------------------

  /** A row's flag: the dashboard area against its comparator for the Latest Data period, with the row's recent trend. */
  rowFlag(row: DashboardRow): Promise<FlagAssessmentResult> {
    return this.once(Judgements.key('row-flag', row.id, {}), async () => {
      const area = this.scope.values.area(row.areaCode);
      const against = this.defaultComparator(area);
      return assessFlag(row.indicator, area,
        async () => (against
          ? this.compare(row.indicator, { area: area.code, period: row.latestPeriodKey, against })
          : (await this.rowCountyComparison(row, {})).subject),
        () => this.rowTrend(row, null));
    });
  }

  rowDirection(row: DashboardRow, areaCode = row.areaCode): Promise<DirectionResult> {
    return this.once(Judgements.key('row-direction', row.id, { areaCode }), () => rowDirection(this.scope, row, areaCode));
  }

  rowRag(row: DashboardRow, areaCode = row.areaCode): Promise<RagResult> {
    return this.once(Judgements.key('row-rag', row.id, { areaCode }), async () => {
      const area = this.scope.values.area(areaCode);
      const period = row.latestPeriodKey ? periodFromKey(row.latestPeriodKey) : await this.scope.values.latestPeriod(row.indicator, areaCode);
      return ragFor(this.scope, row.indicator, area, period, () => this.rowDirection(row, areaCode));
    });
  }

  rowTrend(row: DashboardRow, type: PeriodType | null): Promise<TrendResult> {
    return this.once(Judgements.key('row-trend', row.id, { type }), () => rowTrend(this.scope, row, type));
  }

  /** The County/District Comparison column: the dashboard's area's districts, for the Latest Data period (or `period`). */
  rowDistrictComparison(row: DashboardRow, period: string | null | undefined): Promise<GroupComparisonResult> {
    return this.once(Judgements.key('row-districts', row.id, { period }), async () => {
      const area = this.scope.values.area(row.areaCode);
      return compareDistricts(this.scope, row.indicator, area, await this.rowPeriod(row, area, period));
    });
  }

  rowCountyComparison(row: DashboardRow, args: { period?: string | null; group?: string | null }): Promise<GroupComparisonResult> {
    return this.once(Judgements.key('row-group', row.id, args), async () => {
      const area = this.scope.values.area(row.areaCode);
      return compareWithGroup(this.scope, row.indicator, area, args.group, await this.rowPeriod(row, area, args.period), Boolean(args.period));
    });
  }

  /** A row comparison's period: the argument, else the row's Latest Data period, else the latest with a value. */
  private async rowPeriod(row: DashboardRow, area: Area, period: string | null | undefined): Promise<PeriodInfo> {
    if (period) return periodArgument('period', period);
    return row.latestPeriodKey ? periodFromKey(row.latestPeriodKey) : requirePeriod(this.scope, row.indicator, area, null);
  }

  // --- An outcome -------------------------------------------------------------------------

  outcome(outcome: Outcome, area: string | null | undefined): Promise<OutcomeRollUpResult> {
    const dashboard = dashboardOf(this.scope.reference, outcome);
    const areaCode = area ?? dashboard.areaCode;
    return this.once(Judgements.key('outcome', outcome.id, { areaCode }), () => rollUp(
      this.scope, outcome, rowsOf(this.scope.reference, outcome), areaCode, dashboard,
      { direction: (row, code) => this.rowDirection(row, code), rag: (row, code) => this.rowRag(row, code) },
    ));
  }

  /** A few sentences about an outcome for its dashboard's area: changes, comparison, flags, agreement with what was published. */
  outcomeNarrative(outcome: Outcome): Promise<string> {
    return this.once(Judgements.key('outcome-narrative', outcome.id, {}), async () => outcomeNarrative(await this.narrativeInputs(outcome)));
  }

  /** The same for the whole dashboard: a paragraph a board paper can quote. */
  dashboardNarrative(dashboard: Dashboard): Promise<string> {
    return this.once(Judgements.key('dashboard-narrative', dashboard.slug, {}), async () => dashboardNarrative({
      title: dashboard.title,
      area: this.scope.values.area(dashboard.areaCode).name,
      period: periodFromKey(dashboard.periodKey).label,
      outcomes: await Promise.all(this.scope.reference.outcomesOf(dashboard.slug).map((outcome) => this.narrativeInputs(outcome))),
    }));
  }

  private narrativeInputs(outcome: Outcome) {
    return narrativeOutcome(this.scope, {
      direction: (row) => this.rowDirection(row),
      flag: (row) => this.rowFlag(row),
      outcome: (o) => this.outcome(o, null),
    }, outcome);
  }
}

function prefixed(against: Comparator): Args {
  return { againstArea: against.area, againstGroup: against.group, againstAreas: against.areas ? [...against.areas] : null };
}
