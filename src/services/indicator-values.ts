/** How an indicator's values are found when arguments are left out. */
import { comparePeriods, matchesPeriodType, periodFromKey, periodFromMonths, PeriodType } from '../analysis/periods';
import { isDerived, periodsWithin } from './derived-values';
import { Indicator, Observation, OutcomeIndicator } from '../entities';
import { Loaders } from '../loaders';
import { badInput, periodArgument } from '../resolvers/errors';

/** An indicator reached through a dashboard remembers the dashboard's area as its default. */
export interface IndicatorInContext extends Indicator {
  contextAreaCode?: string;
  /** The periods of the dashboard's Previous Year and Latest Data values for this indicator. */
  contextPreviousPeriodKey?: string | null;
  contextLatestPeriodKey?: string | null;
}

export function inDashboardContext(indicator: Indicator, areaCode: string, link?: OutcomeIndicator): IndicatorInContext {
  return Object.assign(Object.create(Indicator.prototype) as Indicator, indicator, {
    contextAreaCode: areaCode,
    contextPreviousPeriodKey: link?.previousPeriodKey ?? null,
    contextLatestPeriodKey: link?.latestPeriodKey ?? null,
  });
}

/**
 * The area argument, else the dashboard's area when the indicator was reached through one,
 * else the one area the indicator has values for; several areas and no argument is an error.
 */
export async function resolveArea(indicator: IndicatorInContext, area: string | undefined | null, loaders: Loaders): Promise<string> {
  if (area) {
    if (!(await loaders.area.load(area))) throw badInput('area', `no area has the code "${area}"; use an ONS code such as E10000018`);
    return area;
  }
  if (indicator.contextAreaCode) return indicator.contextAreaCode;
  if (isDerived(indicator)) {
    throw badInput('area', `"${indicator.id}" is derived for any district, county, CSP, police force area, region or country; name one, e.g. area: "E10000018"`);
  }
  const areas = await loaders.areasWithData.load(indicator.id);
  if (areas.length === 1) return areas[0];
  throw badInput('area', areas.length === 0
    ? `"${indicator.id}" has no values yet, so there is no default area; name one`
    : `"${indicator.id}" has values for ${areas.length} areas; name one, e.g. area: "${areas[0]}"`);
}

export async function findValue(indicator: IndicatorInContext, area: string | undefined | null, period: string | undefined | null, loaders: Loaders): Promise<Observation | null> {
  const areaCode = await resolveArea(indicator, area, loaders);
  if (isDerived(indicator)) {
    // Through a dashboard, the Latest Data period it shows; otherwise the latest month loaded.
    const periodKey = period ? periodArgument('period', period).key : indicator.contextLatestPeriodKey ?? await latestDerivedMonth(indicator, areaCode, loaders);
    return periodKey ? loaders.derived.load(loaders.derivedKey(indicator.id, areaCode, periodKey)) : null;
  }
  if (period) {
    const info = periodArgument('period', period);
    return loaders.observation.load(loaders.observationKey(indicator.id, areaCode, info.key));
  }
  const values = (await loaders.series.load(loaders.seriesKey(indicator.id, areaCode))).filter((o) => o.value !== null);
  return values.length === 0 ? null : values[values.length - 1];
}

export async function findSeries(
  indicator: IndicatorInContext,
  args: { area?: string | null; from?: string | null; to?: string | null; type?: PeriodType | null },
  loaders: Loaders,
): Promise<Observation[]> {
  const areaCode = await resolveArea(indicator, args.area, loaders);
  const from = args.from ? periodArgument('from', args.from) : null;
  const to = args.to ? periodArgument('to', args.to) : null;
  if (from && to && comparePeriods(from, to) > 0) throw badInput('to', `${to.label} is before from ${from.label}`);
  if (isDerived(indicator)) {
    // Derived series: every period of the type (default: months) wholly within the months loaded for all the area's districts.
    const months = await loaders.derivedMonths.load(loaders.seriesKey(indicator.id, areaCode));
    if (months.length === 0) return [];
    const periods = periodsWithin(months[0], months[months.length - 1], args.type ?? 'MONTH')
      .filter((period) => (!from || period.startMonth >= from.startMonth) && (!to || period.endMonth <= to.endMonth));
    const values = await loaders.derived.loadMany(periods.map((period) => loaders.derivedKey(indicator.id, areaCode, period.key)));
    return values.filter((value): value is Observation => value instanceof Observation && value.value !== null);
  }
  return (await loaders.series.load(loaders.seriesKey(indicator.id, areaCode))).filter((observation) => {
    const period = periodFromKey(observation.periodKey);
    return (!from || period.startMonth >= from.startMonth)
      && (!to || period.endMonth <= to.endMonth)
      && (!args.type || matchesPeriodType(period, args.type));
  });
}

async function latestDerivedMonth(indicator: Indicator, areaCode: string, loaders: Loaders): Promise<string | null> {
  const months = await loaders.derivedMonths.load(loaders.seriesKey(indicator.id, areaCode));
  if (months.length === 0) return null;
  const last = months[months.length - 1];
  return periodFromMonths(last, last).key;
}

/** The value of an indicator for an area and a period: stored, or derived by the indicator's rule. */
export function valueAt(indicator: Indicator, areaCode: string, periodKey: string, loaders: Loaders): Promise<Observation | null> {
  return isDerived(indicator)
    ? loaders.derived.load(loaders.derivedKey(indicator.id, areaCode, periodKey))
    : loaders.observation.load(loaders.observationKey(indicator.id, areaCode, periodKey));
}
