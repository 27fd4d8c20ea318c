/** Contract part 2 on Outcome: the computed RAG and direction, rolled up from its indicators, beside what was published. */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Direction, Outcome, Rag } from '../entities';
import { Context } from '../context';
import { outcomeRollUp } from '../services/analysis';
import { DirectionOfTravel, RagRating } from './analysis.types';
import { COST } from './indicator-analysis.resolver';

const AREA = 'ONS code. Default: the dashboard\'s area.';

@Resolver((_of) => Outcome)
export class OutcomeAnalysisResolver {
  @FieldResolver((_returns) => RagRating, { complexity: COST.judgement, description: 'Rolled up from the outcome\'s indicators (each rated against its target, or by direction of travel without one): majority of rated indicators, ties to the headline; beside what was published.' })
  async rag(@Root() outcome: Outcome, @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined, @Ctx() { loaders }: Context): Promise<RagRating> {
    const rollUp = await outcomeRollUp(outcome, area, loaders);
    return Object.assign(new RagRating(), { status: rollUp.rag as Rag, rule: rollUp.rule, target: null, explanation: rollUp.explanation });
  }

  @FieldResolver((_returns) => DirectionOfTravel, { complexity: COST.judgement, description: 'Rolled up from the indicators\' directions of travel: those not comparable are left out, the majority of improving against worsening decides, the headline indicator breaks ties.' })
  async directionOfTravel(@Root() outcome: Outcome, @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined, @Ctx() { loaders }: Context): Promise<DirectionOfTravel> {
    const rollUp = await outcomeRollUp(outcome, area, loaders);
    return Object.assign(new DirectionOfTravel(), {
      direction: rollUp.direction as Direction,
      arrow: rollUp.arrow,
      from: null,
      to: null,
      change: null,
      percentChange: null,
      comparable: rollUp.direction !== 'NOT_COMPARABLE' && rollUp.direction !== 'NO_DATA',
      significant: null,
      pValue: null,
      method: rollUp.rule,
      explanation: rollUp.explanation,
    });
  }

  @FieldResolver((_returns) => Boolean, { complexity: COST.judgement, nullable: true, description: 'true when the computed RAG and direction agree with what the dashboard published; null when nothing was published.' })
  async agreesWithReported(@Root() outcome: Outcome, @Ctx() { loaders }: Context): Promise<boolean | null> {
    return (await outcomeRollUp(outcome, null, loaders)).agreesWithReported;
  }
}
