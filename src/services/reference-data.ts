/**
 * Reference data: what every request reads and few writes change — the geography, populations,
 * area groups and the catalogue (indicators with their targets, dashboards, their outcomes and
 * rows). It is read once
 * per process for each data version (src/db/data-version.ts) and shared by requests; published and
 * derived values, assessments and targets are never held here: they are read per request.
 */
import { DataSource } from 'typeorm';
import {
  Area, AreaGroup, AreaGroupMember, AreaLink, AreaPopulation, Dashboard, Indicator, Outcome, OutcomeIndicator, RagRuleRow,
} from '../entities';
import { readDataVersion } from '../db/data-version';
import { GeographyIndex } from './geography';
import { sumPopulations } from './populations';

export class ReferenceData {
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly dashboards: readonly Dashboard[];
  private readonly dashboardBySlug: ReadonlyMap<string, Dashboard>;
  private readonly outcomesBySlug = new Map<string, Outcome[]>();
  private readonly outcomesBySeries = new Map<string, Outcome[]>();
  private readonly outcomeById: ReadonlyMap<string, Outcome>;
  private readonly rowsByOutcome = new Map<string, OutcomeIndicator[]>();
  private readonly homeAreas = new Map<string, string>();
  private readonly targetsByIndicator = new Map<string, RagRuleRow[]>();
  readonly groups: readonly AreaGroup[];
  private readonly groupById: ReadonlyMap<string, AreaGroup>;
  private readonly membersByGroup = new Map<string, AreaGroupMember[]>();
  /** area code → year → the published estimate. */
  private readonly estimates = new Map<string, Map<number, number>>();
  private readonly summedPopulations = new Map<string, Map<number, number | null>>();
  /** Derived from the estimates and the geography, so as fixed as they are for this version. */
  private readonly yearsOf = new Map<string, readonly number[]>();
  /** Every indicator by id (by code point), and the matches of searches made so far. */
  private readonly indicatorsById: readonly Indicator[];
  private readonly searches = new Map<string, readonly Indicator[]>();
  /** The longest name or id of an indicator, in lower case: a longer text is in none of them. */
  private readonly longestSearchable: number;
  /**
   * The longest list of each kind this version holds: outcomes on one dashboard, rows in one
   * outcome, members of one group. What a list of them can hold, for the cost of an operation.
   */
  readonly largest: { readonly outcomesPerDashboard: number; readonly rowsPerOutcome: number; readonly membersPerGroup: number };

  constructor(
    readonly version: number,
    readonly geography: GeographyIndex,
    data: {
      indicators: Indicator[]; dashboards: Dashboard[]; outcomes: Outcome[]; rows: OutcomeIndicator[];
      groups: AreaGroup[]; members: AreaGroupMember[]; populations: AreaPopulation[]; targets: RagRuleRow[];
    },
  ) {
    this.indicators = new Map(data.indicators.map((i) => [i.id, i]));
    this.indicatorsById = [...data.indicators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.longestSearchable = Math.max(0, ...data.indicators.flatMap((i) => [i.name.toLowerCase().length, i.id.toLowerCase().length]));
    // By code point, not locale: every replica must pick the same home area whatever its LANG.
    this.dashboards = [...data.dashboards].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    this.dashboardBySlug = new Map(this.dashboards.map((d) => [d.slug, d]));
    this.outcomeById = new Map(data.outcomes.map((o) => [o.id, o]));
    for (const outcome of [...data.outcomes].sort((a, b) => a.position - b.position)) push(this.outcomesBySlug, outcome.dashboardSlug, outcome);
    for (const outcome of data.outcomes) push(this.outcomesBySeries, outcome.seriesId, outcome);
    for (const row of [...data.rows].sort((a, b) => a.position - b.position)) push(this.rowsByOutcome, row.outcomeId, row);
    // An indicator's home area: the area of the first dashboard (by slug) that shows it.
    for (const dashboard of this.dashboards) {
      for (const outcome of this.outcomesOf(dashboard.slug)) {
        for (const row of this.rowsOf(outcome.id)) if (!this.homeAreas.has(row.indicatorId)) this.homeAreas.set(row.indicatorId, dashboard.areaCode);
      }
    }
    this.groups = [...data.groups].sort((a, b) => a.name.localeCompare(b.name));
    this.groupById = new Map(this.groups.map((g) => [g.id, g]));
    for (const member of [...data.members].sort((a, b) => a.position - b.position)) {
      const area = geography.get(member.areaCode);
      if (area) push(this.membersByGroup, member.groupId, Object.assign(member, { area }));
    }
    for (const rule of data.targets) push(this.targetsByIndicator, rule.indicatorId, rule);
    for (const row of data.populations) {
      let byYear = this.estimates.get(row.areaCode);
      if (!byYear) this.estimates.set(row.areaCode, (byYear = new Map()));
      byYear.set(row.year, row.population);
    }
    const longest = (lists: Iterable<readonly unknown[]>): number => Math.max(0, ...[...lists].map((list) => list.length));
    this.largest = {
      outcomesPerDashboard: longest(this.outcomesBySlug.values()),
      rowsPerOutcome: longest(this.rowsByOutcome.values()),
      membersPerGroup: longest(this.membersByGroup.values()),
    };
  }

  indicator(id: string): Indicator | null {
    return this.indicators.get(id) ?? null;
  }

  /**
   * The indicators whose name or id contains the text, in any case, ordered by id; every indicator
   * for no text. The same list pages `indicators(search:)` and bounds its cost.
   */
  searchIndicators(search: string | null | undefined): readonly Indicator[] {
    const text = search?.trim().toLowerCase() ?? '';
    if (text === '') return this.indicatorsById;
    // Matching nothing, and not kept: a caller's megabyte of search text takes no memory here.
    if (text.length > this.longestSearchable) return [];
    let found = this.searches.get(text);
    if (!found) {
      found = this.indicatorsById.filter((i) => i.name.toLowerCase().includes(text) || i.id.toLowerCase().includes(text));
      // Searches are the callers' text: keep a bounded number (the catalogue is small to filter again).
      if (this.searches.size >= MAX_SEARCHES_KEPT) this.searches.clear();
      this.searches.set(text, found);
    }
    return found;
  }

  dashboard(slug: string): Dashboard | null {
    return this.dashboardBySlug.get(slug) ?? null;
  }

  outcome(id: string): Outcome | null {
    return this.outcomeById.get(id) ?? null;
  }

  outcomesOf(slug: string): readonly Outcome[] {
    return this.outcomesBySlug.get(slug) ?? [];
  }

  /** The same outcome on every quarter's dashboard (Outcome.seriesId), drafts included. */
  outcomeSeries(seriesId: string): readonly Outcome[] {
    return this.outcomesBySeries.get(seriesId) ?? [];
  }

  /** An outcome's rows (supporting indicators) in the order printed. */
  rowsOf(outcomeId: string): readonly OutcomeIndicator[] {
    return this.rowsByOutcome.get(outcomeId) ?? [];
  }

  /** The area of the dashboard that publishes the indicator, where one does. */
  homeArea(indicatorId: string): string | null {
    return this.homeAreas.get(indicatorId) ?? null;
  }

  /** An indicator's targets (RAG rules), for every area it has one for. */
  targets(indicatorId: string): readonly RagRuleRow[] {
    return this.targetsByIndicator.get(indicatorId) ?? [];
  }

  group(id: string): AreaGroup | null {
    return this.groupById.get(id) ?? null;
  }

  /** Every member, past and present, in the group's order, with its area. */
  members(groupId: string): readonly AreaGroupMember[] {
    return this.membersByGroup.get(groupId) ?? [];
  }

  /** Years with a published estimate or a whole sum of districts' estimates, for an area. */
  populationYears(code: string): readonly number[] {
    let found = this.yearsOf.get(code);
    if (!found) {
      const years = new Set(this.estimates.get(code)?.keys() ?? []);
      for (const la of this.geography.localAuthorities(code)) for (const year of this.estimates.get(la)?.keys() ?? []) years.add(year);
      found = [...years].filter((year) => this.population(code, year) !== null).sort((a, b) => a - b);
      this.yearsOf.set(code, found);
    }
    return found;
  }

  /**
   * Population of an area in a year: the published estimate, else the sum of the estimates of the
   * districts and unitary authorities that make it up, when every one has one; null otherwise.
   */
  population(code: string, year: number): number | null {
    const own = this.estimates.get(code)?.get(year);
    if (own !== undefined) return own;
    return this.summedPopulation(code, year);
  }

  /** Whether the ONS publishes an estimate of the area itself in a year (not a sum of its districts'). */
  hasEstimate(code: string, year: number): boolean {
    return this.estimates.get(code)?.has(year) ?? false;
  }

  /** The sum of the area's districts' estimates in a year (kept once worked out), or null when one is missing. */
  private summedPopulation(code: string, year: number): number | null {
    let byYear = this.summedPopulations.get(code);
    if (!byYear) this.summedPopulations.set(code, (byYear = new Map()));
    if (!byYear.has(year)) {
      const parts = this.geography.localAuthorities(code).filter((part) => part !== code);
      byYear.set(year, parts.length === 0 ? null : sumPopulations(parts, year, (part) => this.estimates.get(part)?.get(year)));
    }
    return byYear.get(year)!;
  }

  /**
   * Reads the reference data as of one data version. The tables are read by separate statements,
   * so the version is read before and after: when a write committed in between (it raised the
   * version), the read is made again, so indicators, rows and outcomes never come from two states.
   */
  static async load(dataSource: DataSource): Promise<ReferenceData> {
    for (let attempt = 1; ; attempt++) {
      const before = await readDataVersion(dataSource);
      const [areas, links, indicators, dashboards, outcomes, rows, groups, members, populations, targets] = await Promise.all([
        dataSource.getRepository(Area).find(),
        dataSource.getRepository(AreaLink).find(),
        dataSource.getRepository(Indicator).find(),
        dataSource.getRepository(Dashboard).find(),
        dataSource.getRepository(Outcome).find(),
        dataSource.getRepository(OutcomeIndicator).find(),
        dataSource.getRepository(AreaGroup).find(),
        dataSource.getRepository(AreaGroupMember).find(),
        dataSource.getRepository(AreaPopulation).find(),
        dataSource.getRepository(RagRuleRow).find(),
      ]);
      if (attempt < MAX_READS && (await readDataVersion(dataSource)) !== before) continue;
      return new ReferenceData(before, new GeographyIndex(areas, links), { indicators, dashboards, outcomes, rows, groups, members, populations, targets });
    }
  }
}

const MAX_SEARCHES_KEPT = 1000;

/** Reads of the reference data before one is used though writes keep landing (it is then labelled with its first version, so the next request reads again). */
const MAX_READS = 5;

/**
 * The newest reference data, loaded once and shared by the requests that need it. A request that
 * read an older version than the one held is served the newer data; a newer version loads anew.
 */
export class ReferenceDataCache {
  private latest: { version: number; data: Promise<ReferenceData> } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  get(version: number): Promise<ReferenceData> {
    if (this.latest && this.latest.version >= version) return this.latest.data;
    const data = ReferenceData.load(this.dataSource);
    const entry = { version, data };
    this.latest = entry;
    data.then((loaded) => {
      entry.version = Math.max(entry.version, loaded.version);
    }, () => {
      // A failed load is not kept: the next request tries again.
      if (this.latest === entry) this.latest = null;
    });
    return data;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
