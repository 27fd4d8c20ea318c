/**
 * Per-request DataLoaders: every relation and value lookup of a GraphQL request is batched
 * into one SQL statement per kind, however many outcomes, indicators and values it touches.
 */
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { comparePeriods, periodFromKey, periodFromMonths } from '../analysis/periods';
import {
  Area, AreaGroup, AreaGroupMember, AreaLink, AreaPopulation, Dashboard, Indicator, Observation, Outcome, OutcomeAssessment,
  OutcomeIndicator, RagRuleRow,
} from '../entities';
import { GeographyIndex } from '../services/geography';
import { sumPopulations } from '../services/populations';
import { countIndicatorOf, deriveValue, fetchDerivationData, lastMonthOf, MAX_DERIVED_MONTHS } from '../services/derived-values';

/** Keys of loaders that take several parts are joined with this, which no code or key contains. */
export const KEY_SEPARATOR = '|';
const joinKey = (...parts: Array<string | number>): string => parts.join(KEY_SEPARATOR);
const splitKey = (key: string): string[] => key.split(KEY_SEPARATOR);

/** Large enough for any page, small enough for every database's limit on bound parameters. */
const MAX_BATCH = 1000;

function byKey<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): Array<V | null> {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

function groupBy<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export function createLoaders(dataSource: DataSource) {
  const options = { maxBatchSize: MAX_BATCH };
  const area = new DataLoader<string, Area | null>(async (codes) =>
    byKey(codes, await dataSource.getRepository(Area).findBy({ code: In([...codes]) }), (a) => a.code), options);

  const storedPopulation = new DataLoader<string, AreaPopulation | null>(async (keys) => {
    const codes = distinct(keys.map((key) => splitKey(key)[0]));
    const years = distinct(keys.map((key) => splitKey(key)[1])).map(Number);
    const rows = await dataSource.getRepository(AreaPopulation).findBy({ areaCode: In(codes), year: In(years) });
    return byKey(keys, rows, (row) => joinKey(row.areaCode, row.year));
  }, options);

  const indicator = new DataLoader<string, Indicator | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Indicator).findBy({ id: In([...ids]) }), (i) => i.id), options);

  const dashboard = new DataLoader<string, Dashboard | null>(async (slugs) =>
    byKey(slugs, await dataSource.getRepository(Dashboard).findBy({ slug: In([...slugs]) }), (d) => d.slug), options);

  const outcomesOf = new DataLoader<string, Outcome[]>(async (slugs) =>
    groupBy(slugs, await dataSource.getRepository(Outcome).find({ where: { dashboardSlug: In([...slugs]) }, order: { position: 'ASC' } }), (o) => o.dashboardSlug), options);

  const linksOf = new DataLoader<string, OutcomeIndicator[]>(async (ids) =>
    groupBy(ids, await dataSource.getRepository(OutcomeIndicator).find({ where: { outcomeId: In([...ids]) }, order: { position: 'ASC' } }), (l) => l.outcomeId), options);

  /** The link that puts an indicator on a dashboard, keyed dashboard|indicator. */
  const dashboardLink = new DataLoader<string, OutcomeIndicator | null>(async (keys) => {
    const slugs = distinct(keys.map((key) => splitKey(key)[0]));
    const indicatorIds = distinct(keys.map((key) => splitKey(key)[1]));
    const rows = await dataSource.getRepository(OutcomeIndicator).find({
      where: { indicatorId: In(indicatorIds), outcome: { dashboardSlug: In(slugs) } },
      relations: { outcome: true },
      order: { outcome: { position: 'ASC' }, position: 'ASC' },
    });
    const first = new Map<string, OutcomeIndicator>();
    for (const row of rows) {
      const key = joinKey(row.outcome!.dashboardSlug, row.indicatorId);
      if (!first.has(key)) first.set(key, row);
    }
    return keys.map((key) => first.get(key) ?? null);
  }, options);

  const assessment = new DataLoader<string, OutcomeAssessment | null>(async (keys) => {
    const ids = distinct(keys.map((key) => splitKey(key)[0]));
    const rows = await dataSource.getRepository(OutcomeAssessment).findBy({ outcomeId: In(ids) });
    return byKey(keys, rows, (row) => joinKey(row.outcomeId, row.periodKey));
  }, options);

  /** One value, keyed indicator|area|period. Fetches the cross product of the batch's parts, one statement. */
  const observation = new DataLoader<string, Observation | null>(async (keys) => {
    const parts = keys.map(splitKey);
    const rows = await dataSource.getRepository(Observation).findBy({
      indicatorId: In(distinct(parts.map((p) => p[0]))),
      areaCode: In(distinct(parts.map((p) => p[1]))),
      periodKey: In(distinct(parts.map((p) => p[2]))),
    });
    return byKey(keys, rows, (row) => joinKey(row.indicatorId, row.areaCode, row.periodKey));
  }, options);

  /** Every value of an indicator for an area, oldest first, keyed indicator|area. */
  const series = new DataLoader<string, Observation[]>(async (keys) => {
    const parts = keys.map(splitKey);
    const rows = await dataSource.getRepository(Observation).findBy({
      indicatorId: In(distinct(parts.map((p) => p[0]))),
      areaCode: In(distinct(parts.map((p) => p[1]))),
    });
    rows.sort((a, b) => comparePeriods(periodFromKey(a.periodKey), periodFromKey(b.periodKey)));
    return groupBy(keys, rows, (row) => joinKey(row.indicatorId, row.areaCode));
  }, options);

  /** The areas an indicator has values for, to default an omitted area argument. */
  const areasWithData = new DataLoader<string, string[]>(async (ids) => {
    const rows: Array<{ indicator_id: string; area_code: string }> = await dataSource.getRepository(Observation)
      .createQueryBuilder('o')
      .select('o.indicator_id', 'indicator_id')
      .addSelect('o.area_code', 'area_code')
      .where('o.indicator_id IN (:...ids)', { ids: [...ids] })
      .groupBy('o.indicator_id')
      .addGroupBy('o.area_code')
      .getRawMany();
    return groupBy(ids, rows, (row) => row.indicator_id).map((group) => group.map((row) => row.area_code));
  }, options);

  const groupMembers = new DataLoader<string, AreaGroupMember[]>(async (ids) => {
    const rows = await dataSource.getRepository(AreaGroupMember).find({
      where: { groupId: In([...ids]) }, relations: { area: true }, order: { position: 'ASC' },
    });
    return groupBy(ids, rows, (row) => row.groupId);
  }, options);

  /** Both area hierarchies, loaded once per request in two statements. */
  const geographyLoader = new DataLoader<'all', GeographyIndex>(async (keys) => {
    const [areas, links] = await Promise.all([dataSource.getRepository(Area).find(), dataSource.getRepository(AreaLink).find()]);
    const index = new GeographyIndex(areas, links);
    return keys.map(() => index);
  });
  const geography = (): Promise<GeographyIndex> => geographyLoader.load('all');

  /** A derived value (src/services/derived-values.ts), keyed indicator|area|period: one statement per batch for counts and populations. */
  const derived = new DataLoader<string, Observation | null>(async (keys) => {
    const parts = keys.map(splitKey);
    const [index, indicators] = await Promise.all([geography(), indicator.loadMany(distinct(parts.map((p) => p[0])))]);
    const byId = new Map(indicators.filter((i): i is Indicator => i instanceof Indicator).map((i) => [i.id, i]));
    const requests = parts.map(([id, areaCode, periodKey]) => ({ indicator: byId.get(id)!, areaCode, period: periodFromKey(periodKey) }));
    const areaCodes = distinct(requests.flatMap((r) => [r.areaCode, ...index.localAuthorities(r.areaCode)]));
    const months = new Set<string>();
    for (const { period } of requests) {
      if (period.months > MAX_DERIVED_MONTHS) continue;
      for (let m = period.startMonth; m <= period.endMonth; m++) months.add(periodFromMonths(m, m).key);
    }
    const data = await fetchDerivationData(dataSource, distinct(requests.map((r) => countIndicatorOf(r.indicator))), areaCodes, [...months]);
    return requests.map((request) => deriveValue(request, index, data));
  }, options);

  /** The months with a stored count for every district of an area, keyed indicator|area: bounds for a derived series. */
  const derivedMonths = new DataLoader<string, number[]>(async (keys) => {
    const parts = keys.map(splitKey);
    const [index, indicators] = await Promise.all([geography(), indicator.loadMany(distinct(parts.map((p) => p[0])))]);
    const byId = new Map(indicators.filter((i): i is Indicator => i instanceof Indicator).map((i) => [i.id, i]));
    const countIds = distinct(parts.map(([id]) => countIndicatorOf(byId.get(id)!)));
    const areaCodes = distinct(parts.flatMap(([, areaCode]) => index.localAuthorities(areaCode)));
    const data = await fetchDerivationData(dataSource, countIds, areaCodes, null);
    return parts.map(([id, areaCode]) => {
      const las = index.localAuthorities(areaCode);
      const byArea = data.counts.get(countIndicatorOf(byId.get(id)!));
      if (las.length === 0 || !byArea) return [];
      const monthSets = las.map((code) => new Set([...(byArea.get(code)?.keys() ?? [])].map((key) => periodFromKey(key).startMonth)));
      const last = lastMonthOf(areaCode, index) ?? Infinity;
      return [...monthSets[0]].filter((m) => m <= last && monthSets.every((set) => set.has(m))).sort((a, b) => a - b);
    });
  }, options);

  /** Every RAG rule of an indicator (all scopes), keyed by indicator. */
  const ragRules = new DataLoader<string, RagRuleRow[]>(async (ids) =>
    groupBy(ids, await dataSource.getRepository(RagRuleRow).findBy({ indicatorId: In([...ids]) }), (r) => r.indicatorId), options);

  const group = new DataLoader<string, AreaGroup | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(AreaGroup).findBy({ id: In([...ids]) }), (g) => g.id), options);

  /**
   * Population of an area in a year: the published estimate, else the sum of the estimates of the
   * districts and unitary authorities that make it up, when every one has one; null otherwise.
   */
  const population = async (code: string, year: number): Promise<number | null> => {
    const stored = await storedPopulation.load(joinKey(code, year));
    if (stored) return stored.population;
    const parts = (await geography()).localAuthorities(code).filter((part) => part !== code);
    if (parts.length === 0) return null;
    const values = new Map((await Promise.all(parts.map((part) => storedPopulation.load(joinKey(part, year))))).filter((v) => v !== null).map((v) => [v!.areaCode, v!.population]));
    return sumPopulations(parts, year, (part) => values.get(part));
  };

  return {
    area, indicator, dashboard, outcomesOf, linksOf, dashboardLink, assessment,
    observation, series, areasWithData, group, groupMembers, ragRules, population, geography, derived, derivedMonths,
    observationKey: (indicatorId: string, areaCode: string, periodKey: string) => joinKey(indicatorId, areaCode, periodKey),
    seriesKey: (indicatorId: string, areaCode: string) => joinKey(indicatorId, areaCode),
    dashboardLinkKey: (slug: string, indicatorId: string) => joinKey(slug, indicatorId),
    assessmentKey: (outcomeId: string, periodKey: string) => joinKey(outcomeId, periodKey),
    derivedKey: (indicatorId: string, areaCode: string, periodKey: string) => joinKey(indicatorId, areaCode, periodKey),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
