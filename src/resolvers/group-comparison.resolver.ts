/** A group comparison's funnel plot curves, computed from what the comparison placed its members against. */
import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { FUNNEL_CURVE_POINTS, FunnelPoint as FunnelPointResult } from '../analysis/comparison';
import { funnelCurveOf, GroupComparisonResult } from '../services/judgements';
import { FunnelPoint, GroupComparison } from './analysis.types';
import { funnelCurveCost } from './cost';

@Resolver((_of) => GroupComparison)
export class GroupComparisonResolver {
  @FieldResolver((_returns) => [FunnelPoint], {
    nullable: true,
    complexity: funnelCurveCost,
    description:
      'The funnel plot\'s control limits around the group average, at `points` denominators spread evenly on a log scale from half the smallest member\'s denominator to twice the largest, smallest first; each point\'s 99.8% limits are what a member of that denominator is judged by (its benchmark lowerLimit and upperLimit). ' +
      'null when the members were not compared by funnel limits: a district comparison (against the county\'s value), a count (counts of areas of different sizes are not compared; a count\'s funnel would be at denominator 1, one pair of limits rather than a curve), a ratio, no member with counts, or no group average.',
  })
  funnelLimits(
    @Root() comparison: GroupComparisonResult,
    @Arg('points', (_type) => Int, {
      nullable: true,
      defaultValue: FUNNEL_CURVE_POINTS.default,
      description: `How many denominators to compute the limits at: ${FUNNEL_CURVE_POINTS.min} to ${FUNNEL_CURVE_POINTS.max}.`,
    }) points: number | null,
  ): FunnelPointResult[] | null {
    return funnelCurveOf(comparison, points ?? FUNNEL_CURVE_POINTS.default);
  }
}
