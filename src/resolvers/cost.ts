import type { ComplexityEstimator } from 'graphql-query-complexity';
import { FUNNEL_CURVE_POINTS } from '../analysis/comparison';

/** Query complexity of the judgements: they read many values, so they count for many fields. */
export const COST = { judgement: 100, comparison: 500 } as const;

/**
 * A funnel curve reads nothing more than its comparison did, but computes limits at each of its
 * `points`: it costs what a list of that many items does (1 + points × one point's fields, as
 * listEstimator counts a page), 301 for the default 60 points of five fields. Points outside
 * 2..500 count as the nearest bound, so the resolver, not the cost, rejects them (a bad argument).
 */
export const funnelCurveCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const { min, max } = FUNNEL_CURVE_POINTS;
  const points = typeof args.points === 'number' ? Math.min(max, Math.max(min, args.points)) : FUNNEL_CURVE_POINTS.default;
  return 1 + points * childComplexity;
};
