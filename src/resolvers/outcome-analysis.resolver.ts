/** Contract part 2 on Outcome: the computed RAG and direction, rolled up from its rows, beside what was published. */
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Outcome } from '../entities';
import { Context } from '../context';
import { DirectionResult, RagResult } from '../services/judgements';
import { DirectionOfTravel, RagRating } from './analysis.types';
import { COST, outcomeNarrativeCost } from './cost';

const AREA = 'ONS code. Default: the dashboard\'s area.';

@Resolver((_of) => Outcome)
export class OutcomeAnalysisResolver {
  @FieldResolver((_returns) => String, { nullable: true, complexity: outcomeNarrativeCost, description: 'A few plain-English sentences from the data: what changed, how it compares, what disagrees with what was published.' })
  narrative(@Root() outcome: Outcome, @Ctx() { judgements }: Context): Promise<string> {
    return judgements.outcomeNarrative(outcome);
  }

  @FieldResolver((_returns) => RagRating, { nullable: true, complexity: COST.judgement, description: 'Rolled up from the outcome\'s rows (each rated against its target, or by its direction of travel without one): majority of rated indicators, ties to the headline; beside what was published.' })
  async rag(@Root() outcome: Outcome, @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined, @Ctx() { judgements }: Context): Promise<RagResult> {
    return (await judgements.outcome(outcome, area)).rag;
  }

  @FieldResolver((_returns) => DirectionOfTravel, { nullable: true, complexity: COST.judgement, description: 'Rolled up from the rows\' directions of travel: those not comparable are left out, the majority of improving against worsening decides, the headline indicator breaks ties.' })
  async directionOfTravel(@Root() outcome: Outcome, @Arg('area', (_type) => ID, { nullable: true, description: AREA }) area: string | undefined, @Ctx() { judgements }: Context): Promise<DirectionResult> {
    return (await judgements.outcome(outcome, area)).direction;
  }

  @FieldResolver((_returns) => Boolean, { nullable: true, complexity: COST.judgement, description: 'true when the computed RAG and direction agree with what the dashboard published; null when nothing was published.' })
  async agreesWithReported(@Root() outcome: Outcome, @Ctx() { judgements }: Context): Promise<boolean | null> {
    return (await judgements.outcome(outcome, null)).agreesWithReported;
  }
}
