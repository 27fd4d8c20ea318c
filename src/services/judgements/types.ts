/**
 * What the judgement services return: plain domain objects (entities for the values and areas
 * they are about), which the GraphQL layer serves as they are. Every result carries its method
 * and a plain-English explanation.
 */
import { GroupFunnel } from '../../analysis/comparison';
import { Overdispersion } from '../../analysis/overdispersion';
import { PeriodInfo } from '../../analysis/periods';
import { DirectionOfTravel } from '../../analysis/direction';
import { ComparisonOutcome, Direction, Rag } from '../../analysis/types';
import { Area, AreaGroup, Observation } from '../../entities';

/** The pure direction of travel with the two values it compared. */
export interface DirectionResult extends DirectionOfTravel {
  from: Observation | null;
  to: Observation | null;
}

export interface TrendResult {
  label: string;
  direction: Direction;
  points: Observation[];
  chiSquared: number | null;
  significant: boolean;
  method: string;
  explanation: string;
}

export interface RagResult {
  status: Rag;
  rule: string;
  target: number | null;
  explanation: string;
}

export interface BenchmarkResult {
  label: string;
  area: Area | null;
  group: AreaGroup | null;
  value: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
}

export interface ComparisonResult {
  area: Area;
  period: PeriodInfo;
  value: Observation | null;
  benchmark: BenchmarkResult;
  outcome: ComparisonOutcome;
  method: string;
  level: number | null;
  difference: number | null;
  percentDifference: number | null;
  rank: number | null;
  groupSize: number | null;
  quartile: number | null;
  explanation: string;
}

export interface GroupComparisonResult {
  period: PeriodInfo;
  benchmark: BenchmarkResult;
  members: ComparisonResult[];
  subject: ComparisonResult | null;
  /** What the funnel curves are drawn from (funnelCurveOf); null when no member was compared by funnel limits. */
  funnel: GroupFunnel | null;
  /** The members' spread beyond chance and whether their funnel limits were widened for it; null without funnel limits. */
  overdispersion: Overdispersion | null;
  method: string;
  explanation: string;
}

/** An outcome rolled up from its rows: RAG, direction and whether they agree with what was published. */
export interface OutcomeRollUpResult {
  rag: RagResult;
  direction: DirectionResult;
  agreesWithReported: boolean | null;
}
