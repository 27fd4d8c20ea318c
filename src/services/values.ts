/**
 * Finding an indicator's values: stored, or derived by the indicator's rule, and the defaults
 * when arguments are left out. The defaults depend only on the indicator, never on how a query
 * reached it: its home area (the area of the dashboard that publishes it, else the only area with
 * values) and the latest period with a value there.
 */
import { formatValue } from '../analysis/format';
import { comparePeriods, matchesPeriodType, periodFromKey, periodFromMonths, PeriodInfo, PeriodType } from '../analysis/periods';
import { Area, AreaType, Indicator, Observation } from '../entities';
import { Loaders } from '../loaders';
import { isDerived, periodsWithin } from './derived-values';
import { badArgument, periodArgument } from './errors';
import { ReferenceData } from './reference-data';

/** At most this many areas in one `values` field: England's districts and unitary authorities fit. */
export const MAX_VALUES_AREAS = 1000;

export class ValueService {
  constructor(private readonly reference: ReferenceData, private readonly loaders: Loaders) {}

  /**
   * A value as a dashboard prints it: as the source printed it (38.9%, 1,259), else by the
   * indicator's type and decimals; an empty string where there is no value.
   */
  formatted(observation: Observation): string {
    if (observation.value === null) return '';
    if (observation.printed !== null) return observation.printed;
    const indicator = this.reference.indicator(observation.indicatorId)!;
    return formatValue(observation.value, indicator.valueType, indicator.decimals);
  }

  /** An area by code, or an error naming the argument. */
  area(code: string, argument = 'area'): Area {
    const area = this.reference.geography.get(code);
    if (!area) throw badArgument(argument, `no area has the code "${code}"; use an ONS code such as E10000018`);
    return area;
  }

  /** The area argument, else the indicator's home area, else the only area it has values for. */
  async resolveArea(indicator: Indicator, area: string | null | undefined): Promise<Area> {
    if (area) return this.area(area);
    const home = this.reference.homeArea(indicator.id);
    if (home) return this.area(home);
    if (isDerived(indicator)) {
      throw badArgument('area', `"${indicator.id}" is derived for any district, county, CSP, police force area, region or country; name one, e.g. area: "E10000018"`);
    }
    const areas = await this.loaders.areasWithData(indicator.id);
    if (areas.length === 1) return this.area(areas[0]);
    throw badArgument('area', areas.length === 0
      ? `"${indicator.id}" has no values yet, so there is no default area; name one`
      : `"${indicator.id}" has values for ${areas.length} areas; name one, e.g. area: "${areas[0]}"`);
  }

  /** The value of an indicator for an area and a period: stored, or derived by the indicator's rule. */
  valueAt(indicator: Indicator, areaCode: string, periodKey: string): Promise<Observation | null> {
    return isDerived(indicator) ? this.loaders.derived(indicator.id, areaCode, periodKey) : this.loaders.observation(indicator.id, areaCode, periodKey);
  }

  /** The latest period with a value for the area: the latest stored, or the latest month with counts for all its districts. */
  async latestPeriod(indicator: Indicator, areaCode: string): Promise<PeriodInfo | null> {
    if (isDerived(indicator)) {
      const months = await this.loaders.derivedMonths(indicator.id, areaCode);
      if (months.length === 0) return null;
      const last = months[months.length - 1];
      return periodFromMonths(last, last);
    }
    const values = (await this.loaders.series(indicator.id, areaCode)).filter((o) => o.value !== null);
    return values.length === 0 ? null : periodFromKey(values[values.length - 1].periodKey);
  }

  /** The period argument, else the latest period with a value for the area (null when there is none). */
  async periodOrLatest(indicator: Indicator, areaCode: string, period: string | null | undefined): Promise<PeriodInfo | null> {
    return period ? periodArgument('period', period) : this.latestPeriod(indicator, areaCode);
  }

  async value(indicator: Indicator, args: { area?: string | null; period?: string | null }): Promise<Observation | null> {
    const area = await this.resolveArea(indicator, args.area);
    const period = await this.periodOrLatest(indicator, area.code, args.period);
    return period ? this.valueAt(indicator, area.code, period.key) : null;
  }

  /** Values over time, oldest first: stored ones, or for a derived indicator every period of the type within the months loaded. */
  async series(indicator: Indicator, args: { area?: string | null; from?: string | null; to?: string | null; type?: PeriodType | null }): Promise<Observation[]> {
    const area = await this.resolveArea(indicator, args.area);
    const from = args.from ? periodArgument('from', args.from) : null;
    const to = args.to ? periodArgument('to', args.to) : null;
    if (from && to && comparePeriods(from, to) > 0) throw badArgument('to', `${to.label} is before from ${from.label}`);
    if (isDerived(indicator)) {
      const months = await this.loaders.derivedMonths(indicator.id, area.code);
      if (months.length === 0) return [];
      const periods = periodsWithin(months[0], months[months.length - 1], args.type ?? 'MONTH')
        .filter((period) => (!from || period.startMonth >= from.startMonth) && (!to || period.endMonth <= to.endMonth));
      const values = await Promise.all(periods.map((period) => this.loaders.derived(indicator.id, area.code, period.key)));
      return values.filter((value): value is Observation => value !== null && value.value !== null);
    }
    return (await this.loaders.series(indicator.id, area.code)).filter((observation) => {
      const period = periodFromKey(observation.periodKey);
      return (!from || period.startMonth >= from.startMonth)
        && (!to || period.endMonth <= to.endMonth)
        && (!args.type || matchesPeriodType(period, args.type));
    });
  }

  /**
   * One value per area: the areas listed, or every area of a type within an area (all its
   * children when no type is given). The period defaults to the latest with a value for the
   * indicator's default area (or the first area asked about). An area without a value is listed
   * with a null value and a note saying why.
   */
  async values(indicator: Indicator, args: { areas?: readonly string[] | null; within?: string | null; type?: AreaType | null; period?: string | null }): Promise<Observation[]> {
    const areas = this.areasOf(args);
    let period = args.period ? periodArgument('period', args.period) : null;
    if (!period) {
      const home = this.reference.homeArea(indicator.id) ?? (args.within && isDerived(indicator) ? args.within : null) ?? areas[0]?.code;
      period = home ? await this.latestPeriod(indicator, home) : null;
      if (!period && areas.length > 0) throw badArgument('period', `${indicator.name} has no value to take the latest period from; name one`);
    }
    if (!period) return [];
    const key = period.key;
    const found = await Promise.all(areas.map((area) => this.valueAt(indicator, area.code, key)));
    return areas.map((area, i) => found[i] ?? emptyObservation(indicator, area, key));
  }

  private areasOf(args: { areas?: readonly string[] | null; within?: string | null; type?: AreaType | null }): Area[] {
    const { geography } = this.reference;
    if (args.areas && args.within) throw badArgument('within', 'give either areas or within, not both');
    if (args.areas) {
      if (args.type) throw badArgument('type', 'type selects areas within an area; with a list of areas, leave it out');
      if (args.areas.length > MAX_VALUES_AREAS) throw badArgument('areas', `at most ${MAX_VALUES_AREAS} areas (got ${args.areas.length})`);
      // Checked where they stand in the list, then each area once.
      const areas = args.areas.map((code, i) => this.area(code, `areas[${i}]`));
      return [...new Map(areas.map((area) => [area.code, area])).values()];
    }
    if (!args.within) throw badArgument('within', 'give areas (a list of ONS codes) or within (an area whose parts to list, e.g. E10000018)');
    const within = this.area(args.within, 'within');
    if (!args.type) return geography.children(within.code);
    return geography.descendants(within.code).filter((area) => area.type === args.type);
  }
}

/** An area with no value for the period: listed, with the reason, rather than left out. */
function emptyObservation(indicator: Indicator, area: Area, periodKey: string): Observation {
  return Object.assign(new Observation(), {
    indicatorId: indicator.id, areaCode: area.code, periodKey, value: null, printed: null, printedPeriodLabel: null,
    numerator: null, denominator: null, lowerCI95: null, upperCI95: null, lowerCI998: null, upperCI998: null,
    note: `No value of ${indicator.name} is stored for ${area.name} in ${periodFromKey(periodKey).label}.`, source: null,
  });
}
