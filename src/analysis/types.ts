/**
 * The shapes the analysis functions take and give. Plain data: no TypeORM, no type-graphql.
 * The domain's enums are listed here once (PeriodType in periods.ts, ValueType in format.ts); the
 * database stores their names and the GraphQL layer registers these same objects.
 */
import { enumOf } from './enum';
import { ValueType } from './format';
import { PeriodInfo, PeriodType } from './periods';

export { ValueType, PeriodType };
export type { PeriodInfo };

export const AreaType = enumOf(['COUNTRY', 'REGION', 'POLICE_FORCE_AREA', 'COUNTY', 'UNITARY_AUTHORITY', 'DISTRICT', 'COMMUNITY_SAFETY_PARTNERSHIP']);
export type AreaType = keyof typeof AreaType;

export const Polarity = enumOf(['HIGH_IS_GOOD', 'LOW_IS_GOOD', 'NO_JUDGEMENT']);
export type Polarity = keyof typeof Polarity;

export const Direction = enumOf(['IMPROVING', 'WORSENING', 'NO_CHANGE', 'INCREASING', 'DECREASING', 'NOT_COMPARABLE', 'NO_DATA']);
export type Direction = keyof typeof Direction;
export type DirectionValue = Direction;

export const Rag = enumOf(['RED', 'AMBER', 'GREEN', 'GREY']);
export type Rag = keyof typeof Rag;
export type RagStatus = Rag;

/** A dashboard is drafted, filled, then published; once published its values change only by correction. */
export const DashboardStatus = enumOf(['DRAFT', 'PUBLISHED']);
export type DashboardStatus = keyof typeof DashboardStatus;

export const ComparisonOutcome = enumOf(['BETTER', 'SIMILAR', 'WORSE', 'HIGHER', 'LOWER', 'NOT_COMPARED']);
export type ComparisonOutcome = keyof typeof ComparisonOutcome;
export type ComparisonOutcomeValue = ComparisonOutcome;

/** How funnel limits allow for variation between areas beyond chance (overdispersion.ts). */
export const OverdispersionMethod = enumOf(['NONE', 'MULTIPLICATIVE', 'ADDITIVE']);
export type OverdispersionMethod = keyof typeof OverdispersionMethod;

/** What the analysis needs to know about an indicator. */
export interface IndicatorFacts {
  readonly name: string;
  readonly valueType: ValueType;
  readonly polarity: Polarity;
  readonly decimals: number;
  /** e.g. "per 1,000 population", "%"; null for counts. */
  readonly unit: string | null;
  /**
   * What value = numerator / denominator is multiplied by: 1000 for a rate per 1,000,
   * 100 for a percentage, 1 otherwise. Used to compute limits from counts.
   */
  readonly multiplier: number;
}

/** One value of an indicator for an area and period, with whatever counts the source gives. */
export interface ValuePoint {
  /** e.g. "Charnwood", used in explanations. */
  readonly areaName: string;
  readonly areaCode: string;
  readonly period: PeriodInfo;
  readonly value: number | null;
  /** Events (count, or numerator of a rate or percentage). */
  readonly numerator: number | null;
  /** Population or cohort; null for plain counts. */
  readonly denominator: number | null;
  /** Published limits, used when there are no counts to compute them from. */
  readonly lowerCI95?: number | null;
  readonly upperCI95?: number | null;
  readonly lowerCI998?: number | null;
  readonly upperCI998?: number | null;
}
