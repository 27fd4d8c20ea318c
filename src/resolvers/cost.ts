/**
 * The cost of fields, as the complexity limit (src/complexity.ts) estimates it before an operation
 * runs: 1 a field, more for the judgements, and a list by how many items it can hold. Where that
 * is cheap to know (the reference data of the request's data version is in memory), a list is
 * counted by its real bound, not a guess.
 */
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { FUNNEL_CURVE_POINTS } from '../analysis/comparison';
import { ReferenceData } from '../services/reference-data';
import { DEFAULT_PAGE_SIZE } from './types';

/** Query complexity of the judgements: they read many values, so they count for many fields. */
export const COST = { judgement: 100, comparison: 500 } as const;

/**
 * A narrative reads every row's direction, comparison and trend: an outcome's as many comparisons
 * as its largest has rows, a dashboard's as many as the largest dashboard has rows in all.
 */
export const outcomeNarrativeCost: ComplexityEstimator = ({ context }) => {
  const { reference } = costContext(context);
  return COST.comparison * Math.max(1, reference.largest.rowsPerOutcome);
};
export const dashboardNarrativeCost: ComplexityEstimator = ({ context }) => {
  const { reference } = costContext(context);
  return COST.comparison * Math.max(1, reference.largest.rowsPerOutcome * reference.largest.outcomesPerDashboard);
};

/** What an estimate may read besides the operation: the request's reference data and the largest page. */
export interface CostContext {
  readonly reference: ReferenceData;
  readonly maxPageSize: number;
}

function costContext(context: Record<string, unknown> | undefined): CostContext {
  if (!(context?.reference instanceof ReferenceData)) throw new Error('A cost estimate needs the reference data (the complexity plugin passes it as context).');
  return context as unknown as CostContext;
}

/** A list of at most `items` items: one for the field, and what is selected in it for each item. */
export function listCost(items: number, childComplexity: number): number {
  return 1 + Math.max(0, items) * childComplexity;
}

/** `dashboards`: every dashboard there is. */
export const dashboardsCost: ComplexityEstimator = ({ context, childComplexity }) =>
  listCost(costContext(context).reference.dashboards.length, childComplexity);

/** A dashboard's outcomes: as many as the dashboard with the most. */
export const outcomesCost: ComplexityEstimator = ({ context, childComplexity }) =>
  listCost(costContext(context).reference.largest.outcomesPerDashboard, childComplexity);

/** An outcome's rows (supporting indicators, or their indicators): as many as the outcome with the most. */
export const rowsCost: ComplexityEstimator = ({ context, childComplexity }) =>
  listCost(costContext(context).reference.largest.rowsPerOutcome, childComplexity);

/** `areaGroups`: every group there is. */
export const groupsCost: ComplexityEstimator = ({ context, childComplexity }) =>
  listCost(costContext(context).reference.groups.length, childComplexity);

/** A group's members: as many as the group with the most. */
export const groupMembersCost: ComplexityEstimator = ({ context, childComplexity }) =>
  listCost(costContext(context).reference.largest.membersPerGroup, childComplexity);

/**
 * `indicators(first:, search:)`: the page, at most `first` and at most what the search matches,
 * times what is selected in it (its `nodes` and `edges` count once each: src/complexity.ts; its
 * pageInfo and totalCount are counted per item too, a small overcount). A `first` larger than any
 * page the server gives is counted as asked, so the operation is refused before it runs.
 */
export const indicatorPageCost: ComplexityEstimator = ({ args, context, childComplexity }) => {
  const { reference, maxPageSize } = costContext(context);
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  const search = typeof args.search === 'string' ? args.search : null;
  return listCost(first > maxPageSize ? first : Math.min(first, reference.searchIndicators(search).length), childComplexity);
};

/**
 * A funnel curve reads nothing more than its comparison did, but computes limits at each of its
 * `points`: it costs what a list of that many items does, 301 for the default 60 points of five
 * fields. Points outside 2..500 count as the nearest bound, so the resolver, not the cost, rejects
 * them (a bad argument).
 */
export const funnelCurveCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const { min, max } = FUNNEL_CURVE_POINTS;
  const points = typeof args.points === 'number' ? Math.min(max, Math.max(min, args.points)) : FUNNEL_CURVE_POINTS.default;
  return listCost(points, childComplexity);
};
