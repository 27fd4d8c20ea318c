/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The kind of area, by ONS geography: a country, region, county, district and so on. */
export type AreaType =
  /** A Community Safety Partnership, e.g. Charnwood CSP (E22000134). */
  | 'COMMUNITY_SAFETY_PARTNERSHIP'
  /** A country, e.g. England (E92000001). */
  | 'COUNTRY'
  /** A two-tier (non-metropolitan) county, e.g. Leicestershire (E10000018). */
  | 'COUNTY'
  /** A lower-tier district of a county, e.g. Charnwood (E07000130). */
  | 'DISTRICT'
  /** A police force area, e.g. Leicestershire (E23000021). */
  | 'POLICE_FORCE_AREA'
  /** A region of England, e.g. East Midlands (E12000004). */
  | 'REGION'
  /** A unitary authority, metropolitan or London borough: one tier, e.g. Leicester (E06000016). */
  | 'UNITARY_AUTHORITY';

/** How a value compares with its benchmark, significant at 95% or 99.8%, by the indicator's polarity. */
export type ComparisonOutcome =
  /** Significantly better than the benchmark. */
  | 'BETTER'
  /** Significantly higher, for an indicator with no polarity. */
  | 'HIGHER'
  /** Significantly lower, for an indicator with no polarity. */
  | 'LOWER'
  /** No test was possible: no value, no benchmark, or no confidence limits or counts. */
  | 'NOT_COMPARED'
  /** Not significantly different. */
  | 'SIMILAR'
  /** Significantly worse than the benchmark. */
  | 'WORSE';

/** Where a dashboard is in its quarter: being filled, or published. */
export type DashboardStatus =
  /** Drafted from the last quarter's dashboard and being filled: values and assessments may change. */
  | 'DRAFT'
  /** Frozen: its values change only through correctValue, with a reason. */
  | 'PUBLISHED';

/** Direction of travel between two periods, judged by the indicator's polarity. */
export type Direction =
  /** Falling, for an indicator with no polarity. */
  | 'DECREASING'
  /** Moving in the better direction (↑). */
  | 'IMPROVING'
  /** Rising, for an indicator with no polarity. */
  | 'INCREASING'
  /** The two values cannot be compared, e.g. periods of different length. */
  | 'NOT_COMPARABLE'
  /** No change beyond the no-change band (→). */
  | 'NO_CHANGE'
  /** A value is missing. */
  | 'NO_DATA'
  /** Moving in the worse direction (↓). */
  | 'WORSENING';

/** Worse than the comparator, getting worse, both (red-red) or neither; or that the data cannot say. */
export type Flag =
  /** Neither. */
  | 'NONE'
  /** Significantly worse than the benchmark and significantly getting worse. */
  | 'RED_RED'
  /** The data cannot say: the comparison or the trend cannot be made, or the indicator has no better direction. */
  | 'UNKNOWN'
  /** Significantly getting worse, not worse than the benchmark. */
  | 'WORSENING_NOT_WORSE'
  /** Significantly worse than the benchmark, not getting worse. */
  | 'WORSE_NOT_WORSENING';

/** How funnel limits allow for variation between areas beyond chance. */
export type OverdispersionMethod =
  /** Spiegelhalter's additive random effects (DerSimonian-Laird tau-squared), as used for NHS England's SHMI. */
  | 'ADDITIVE'
  /** Spiegelhalter's multiplicative inflation of the limits by the square root of phi. */
  | 'MULTIPLICATIVE'
  /** Chance alone (Poisson or binomial), as Fingertips draws them. */
  | 'NONE';

/** What kind of span a period is, inferred from its months with an April financial year. */
export type PeriodType =
  /** January to December: 2014. */
  | 'CALENDAR_YEAR'
  /** April to March: 2013-14. */
  | 'FINANCIAL_YEAR'
  /** One calendar month: Sep 2014. */
  | 'MONTH'
  /** Any other span of whole months: May-Jul 2014. */
  | 'OTHER'
  /** A financial quarter: Q2 2014-15 is Jul-Sep 2014. */
  | 'QUARTER'
  /** Any other 12 consecutive months: 12 months to Sep 2014. */
  | 'ROLLING_12_MONTHS'
  /** From April to a month before March: Apr-Sep 2014. */
  | 'YEAR_TO_DATE';

/** Which way is better for an indicator. */
export type Polarity =
  /** A higher value is better, e.g. % satisfied. */
  | 'HIGH_IS_GOOD'
  /** A lower value is better, e.g. crimes per 1,000 population. */
  | 'LOW_IS_GOOD'
  /** Neither direction is simply better, e.g. referrals to a service. */
  | 'NO_JUDGEMENT';

/** A red/amber/green rating; GREY where there is no rating. */
export type Rag =
  /** At risk, or no significant change. */
  | 'AMBER'
  /** On track. */
  | 'GREEN'
  /** Not rated: no target, no value or nothing published. */
  | 'GREY'
  /** Off track. */
  | 'RED';

/** What an API key may do; each role may also do everything the one before it may. */
export type Role =
  /** Also publishes dashboards, corrects published values and manages keys. */
  | 'ADMIN'
  /** Also writes values and outcome assessments within its areas, and drafts dashboards for them. */
  | 'EDITOR'
  /** Reads what is public and what its areas hold. */
  | 'VIEWER';

/** What kind of number an indicator is; it decides formatting and the statistics that apply. */
export type ValueType =
  /** A number of events in the period, e.g. 1,259 referrals. */
  | 'COUNT'
  /** A proportion times 100, e.g. 38.9%. */
  | 'PERCENTAGE'
  /** Events per unit of population or cohort in the period, e.g. 47.18 crimes per 1,000 population. */
  | 'RATE'
  /** Any other quotient, e.g. a ratio of observed to expected. */
  | 'RATIO';

export type DashboardListQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardListQuery = { dashboards: Array<{ id: string, slug: string, status: DashboardStatus, title: string, heading: string, latestPeriodLabel: string | null, area: { id: string, code: string, name: string }, period: { id: string, key: string, label: string }, outcomes: Array<{ id: string }> }> };

export type DashboardPageQueryVariables = Exact<{
  slug: string;
}>;


export type DashboardPageQuery = { dashboard: { id: string, slug: string, status: DashboardStatus, publishedAt: string | null, title: string, heading: string, source: string | null, previousPeriodLabel: string | null, latestPeriodLabel: string | null, area: { id: string, code: string, name: string }, period: { id: string, key: string, label: string }, previousPeriod: { id: string, key: string, label: string } | null, latestPeriod: { id: string, key: string, label: string } | null, outcomes: Array<{ id: string, position: number, title: string, benefit: string | null, agreesWithReported: boolean | null, reported: { rag: Rag | null, progress: Rag | null, arrow: string | null, direction: Direction | null, comment: string | null } | null, rag: { status: Rag, rule: string, explanation: string } | null, directionOfTravel: { direction: Direction, arrow: string, explanation: string } | null, supportingIndicators: Array<{ id: string, position: number, note: string | null, indicator: { id: string, name: string, unit: string | null, valueType: ValueType, polarity: Polarity }, previousValue: { id: string, value: number | null, formatted: string, periodLabel: string, note: string | null, embargo: string | null, period: { id: string, key: string, label: string } } | null, latestValue: { id: string, value: number | null, formatted: string, periodLabel: string, note: string | null, embargo: string | null, period: { id: string, key: string, label: string } } | null, directionOfTravel: { direction: Direction, arrow: string, significant: boolean | null, comparable: boolean, explanation: string, method: string } | null, rag: { status: Rag, rule: string, explanation: string } | null }> }> } | null };

export type DashboardDistrictsQueryVariables = Exact<{
  slug: string;
}>;


export type DashboardDistrictsQuery = { dashboard: { id: string, outcomes: Array<{ id: string, supportingIndicators: Array<{ id: string, districtComparison: { explanation: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null }, members: Array<{ outcome: ComparisonOutcome, rank: number | null, area: { id: string, code: string, name: string }, value: { id: string, formatted: string } | null }> } | null }> }> } | null };

export type DashboardPeersQueryVariables = Exact<{
  slug: string;
}>;


export type DashboardPeersQuery = { dashboard: { id: string, narrative: string | null, outcomes: Array<{ id: string, supportingIndicators: Array<{ id: string, countyComparison: { explanation: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null }, subject: { outcome: ComparisonOutcome, rank: number | null, groupSize: number | null, level: number | null, percentDifference: number | null } | null } | null, flag: { flag: Flag, explanation: string } | null }> }> } | null };

export type IndicatorPageQueryVariables = Exact<{
  id: string | number;
  area: string | number | null | undefined;
}>;


export type IndicatorPageQuery = { indicator: { id: string, name: string, unit: string | null, valueType: ValueType, polarity: Polarity, decimals: number, definition: string | null, publisher: string | null, value: { id: string, area: { id: string, code: string, name: string, type: AreaType }, period: { id: string, label: string } } | null, series: Array<{ id: string, value: number | null, formatted: string, numerator: number | null, denominator: number | null, lowerCI95: number | null, upperCI95: number | null, embargo: string | null, period: { id: string, key: string, label: string, start: string, end: string, type: PeriodType } }>, recentTrend: { label: string, direction: Direction, significant: boolean, explanation: string, method: string, points: Array<{ id: string, period: { id: string, key: string } }> } | null } | null };

export type IndicatorDistrictsQueryVariables = Exact<{
  id: string | number;
  area: string | number | null | undefined;
}>;


export type IndicatorDistrictsQuery = { indicator: { id: string, districtComparison: { explanation: string, method: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null, area: { id: string, code: string, name: string } | null }, members: Array<{ outcome: ComparisonOutcome, rank: number | null, level: number | null, explanation: string, area: { id: string, code: string, name: string }, value: { id: string, value: number | null, formatted: string, lowerCI95: number | null, upperCI95: number | null, embargo: string | null } | null }> } | null } | null };

export type PeerFunnelFragment = { explanation: string, method: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null, group: { id: string, name: string } | null }, subject: { area: { id: string, code: string } } | null, overdispersion: { method: OverdispersionMethod, adjusted: boolean, explanation: string } | null, funnelLimits: Array<{ denominator: number, lower95: number, upper95: number, lower998: number, upper998: number }> | null, members: Array<{ outcome: ComparisonOutcome, rank: number | null, level: number | null, explanation: string, area: { id: string, code: string, name: string }, value: { id: string, value: number | null, formatted: string, denominator: number | null, embargo: string | null } | null, benchmark: { lowerLimit: number | null, upperLimit: number | null } }> };

export type IndicatorPeersQueryVariables = Exact<{
  id: string | number;
  area: string | number | null | undefined;
}>;


export type IndicatorPeersQuery = { indicator: { id: string, countyComparison: { explanation: string, method: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null, group: { id: string, name: string } | null }, subject: { area: { id: string, code: string } } | null, overdispersion: { method: OverdispersionMethod, adjusted: boolean, explanation: string } | null, funnelLimits: Array<{ denominator: number, lower95: number, upper95: number, lower998: number, upper998: number }> | null, members: Array<{ outcome: ComparisonOutcome, rank: number | null, level: number | null, explanation: string, area: { id: string, code: string, name: string }, value: { id: string, value: number | null, formatted: string, denominator: number | null, embargo: string | null } | null, benchmark: { lowerLimit: number | null, upperLimit: number | null } }> } | null, chanceOnly: { explanation: string, method: string, period: { id: string, label: string }, benchmark: { label: string, value: number | null, group: { id: string, name: string } | null }, subject: { area: { id: string, code: string } } | null, overdispersion: { method: OverdispersionMethod, adjusted: boolean, explanation: string } | null, funnelLimits: Array<{ denominator: number, lower95: number, upper95: number, lower998: number, upper998: number }> | null, members: Array<{ outcome: ComparisonOutcome, rank: number | null, level: number | null, explanation: string, area: { id: string, code: string, name: string }, value: { id: string, value: number | null, formatted: string, denominator: number | null, embargo: string | null } | null, benchmark: { lowerLimit: number | null, upperLimit: number | null } }> } | null } | null };

export type WebViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type WebViewerQuery = { viewer: { keyName: string | null, role: Role | null, areas: Array<{ id: string, code: string, name: string }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PeerFunnelFragmentDoc = new TypedDocumentString(`
    fragment PeerFunnel on GroupComparison {
  explanation
  method
  period {
    id
    label
  }
  benchmark {
    label
    value
    group {
      id
      name
    }
  }
  subject {
    area {
      id
      code
    }
  }
  overdispersion {
    method
    adjusted
    explanation
  }
  funnelLimits {
    denominator
    lower95
    upper95
    lower998
    upper998
  }
  members {
    area {
      id
      code
      name
    }
    outcome
    rank
    level
    value {
      id
      value
      formatted
      denominator
      embargo
    }
    benchmark {
      lowerLimit
      upperLimit
    }
    explanation
  }
}
    `, {"fragmentName":"PeerFunnel"}) as unknown as TypedDocumentString<PeerFunnelFragment, unknown>;
export const DashboardListDocument = new TypedDocumentString(`
    query DashboardList {
  dashboards {
    id
    slug
    status
    title
    heading
    area {
      id
      code
      name
    }
    period {
      id
      key
      label
    }
    latestPeriodLabel
    outcomes {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardListQuery, DashboardListQueryVariables>;
export const DashboardPageDocument = new TypedDocumentString(`
    query DashboardPage($slug: String!) {
  dashboard(slug: $slug) {
    id
    slug
    status
    publishedAt
    title
    heading
    source
    area {
      id
      code
      name
    }
    period {
      id
      key
      label
    }
    previousPeriod {
      id
      key
      label
    }
    previousPeriodLabel
    latestPeriod {
      id
      key
      label
    }
    latestPeriodLabel
    outcomes {
      id
      position
      title
      benefit
      reported {
        rag
        progress
        arrow
        direction
        comment
      }
      agreesWithReported
      rag {
        status
        rule
        explanation
      }
      directionOfTravel {
        direction
        arrow
        explanation
      }
      supportingIndicators {
        id
        position
        note
        indicator {
          id
          name
          unit
          valueType
          polarity
        }
        previousValue {
          id
          value
          formatted
          periodLabel
          note
          embargo
          period {
            id
            key
            label
          }
        }
        latestValue {
          id
          value
          formatted
          periodLabel
          note
          embargo
          period {
            id
            key
            label
          }
        }
        directionOfTravel {
          direction
          arrow
          significant
          comparable
          explanation
          method
        }
        rag {
          status
          rule
          explanation
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardPageQuery, DashboardPageQueryVariables>;
export const DashboardDistrictsDocument = new TypedDocumentString(`
    query DashboardDistricts($slug: String!) {
  dashboard(slug: $slug) {
    id
    outcomes {
      id
      supportingIndicators {
        id
        districtComparison {
          explanation
          period {
            id
            label
          }
          benchmark {
            label
            value
          }
          members {
            area {
              id
              code
              name
            }
            outcome
            rank
            value {
              id
              formatted
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDistrictsQuery, DashboardDistrictsQueryVariables>;
export const DashboardPeersDocument = new TypedDocumentString(`
    query DashboardPeers($slug: String!) {
  dashboard(slug: $slug) {
    id
    narrative
    outcomes {
      id
      supportingIndicators {
        id
        countyComparison {
          explanation
          period {
            id
            label
          }
          benchmark {
            label
            value
          }
          subject {
            outcome
            rank
            groupSize
            level
            percentDifference
          }
        }
        flag {
          flag
          explanation
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardPeersQuery, DashboardPeersQueryVariables>;
export const IndicatorPageDocument = new TypedDocumentString(`
    query IndicatorPage($id: ID!, $area: ID) {
  indicator(id: $id) {
    id
    name
    unit
    valueType
    polarity
    decimals
    definition
    publisher
    value(area: $area) {
      id
      area {
        id
        code
        name
        type
      }
      period {
        id
        label
      }
    }
    series(area: $area) {
      id
      value
      formatted
      numerator
      denominator
      lowerCI95
      upperCI95
      embargo
      period {
        id
        key
        label
        start
        end
        type
      }
    }
    recentTrend(area: $area) {
      label
      direction
      significant
      explanation
      method
      points {
        id
        period {
          id
          key
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IndicatorPageQuery, IndicatorPageQueryVariables>;
export const IndicatorDistrictsDocument = new TypedDocumentString(`
    query IndicatorDistricts($id: ID!, $area: ID) {
  indicator(id: $id) {
    id
    districtComparison(area: $area) {
      explanation
      method
      period {
        id
        label
      }
      benchmark {
        label
        value
        area {
          id
          code
          name
        }
      }
      members {
        area {
          id
          code
          name
        }
        outcome
        rank
        level
        value {
          id
          value
          formatted
          lowerCI95
          upperCI95
          embargo
        }
        explanation
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IndicatorDistrictsQuery, IndicatorDistrictsQueryVariables>;
export const IndicatorPeersDocument = new TypedDocumentString(`
    query IndicatorPeers($id: ID!, $area: ID) {
  indicator(id: $id) {
    id
    countyComparison(area: $area) {
      ...PeerFunnel
    }
    chanceOnly: funnel(area: $area, overdispersion: NONE) {
      ...PeerFunnel
    }
  }
}
    fragment PeerFunnel on GroupComparison {
  explanation
  method
  period {
    id
    label
  }
  benchmark {
    label
    value
    group {
      id
      name
    }
  }
  subject {
    area {
      id
      code
    }
  }
  overdispersion {
    method
    adjusted
    explanation
  }
  funnelLimits {
    denominator
    lower95
    upper95
    lower998
    upper998
  }
  members {
    area {
      id
      code
      name
    }
    outcome
    rank
    level
    value {
      id
      value
      formatted
      denominator
      embargo
    }
    benchmark {
      lowerLimit
      upperLimit
    }
    explanation
  }
}`) as unknown as TypedDocumentString<IndicatorPeersQuery, IndicatorPeersQueryVariables>;
export const WebViewerDocument = new TypedDocumentString(`
    query WebViewer {
  viewer {
    keyName
    role
    areas {
      id
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<WebViewerQuery, WebViewerQueryVariables>;