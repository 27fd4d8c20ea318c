/**
 * The shapes the analysis functions take and give. Plain data: no TypeORM, no type-graphql.
 * String unions match the GraphQL enum values of the same names.
 */
import { ValueType } from './format';
import { PeriodInfo, PeriodType } from './periods';

export type { ValueType, PeriodInfo, PeriodType };

export type Polarity = 'HIGH_IS_GOOD' | 'LOW_IS_GOOD' | 'NO_JUDGEMENT';
export type DirectionValue = 'IMPROVING' | 'WORSENING' | 'NO_CHANGE' | 'INCREASING' | 'DECREASING' | 'NOT_COMPARABLE' | 'NO_DATA';
export type RagStatus = 'RED' | 'AMBER' | 'GREEN' | 'GREY';
export type ComparisonOutcomeValue = 'BETTER' | 'SIMILAR' | 'WORSE' | 'HIGHER' | 'LOWER' | 'NOT_COMPARED';

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
