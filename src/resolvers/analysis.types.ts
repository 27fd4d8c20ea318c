/** GraphQL types of the computed judgements (contract parts 2 and 4). The services' plain results (src/services/judgements/types.ts) are served as they are. */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OverdispersionMethod } from '../analysis/types';
import { Area, AreaGroup, ComparisonOutcome, Direction, Observation, Period, Rag } from '../entities';
import { Flag } from '../analysis/flag';


@ObjectType({ description: 'What a value was compared against.' })
export class Benchmark {
  @Field((_type) => String, { description: 'e.g. Leicestershire, or "Two-tier counties in the shared police.uk downloads average".' })
  label!: string;

  @Field((_type) => Area, { nullable: true, description: 'The benchmark area, when it is one area.' })
  area!: Area | null;

  @Field((_type) => AreaGroup, { nullable: true, description: 'The benchmark group, when it is a named group\'s average.' })
  group!: AreaGroup | null;

  @Field((_type) => Float, { nullable: true, description: 'The benchmark value: the area\'s value or the group average.' })
  value!: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Limits around the benchmark where the method uses them: a group member\'s 99.8% funnel (control) limits, or an area\'s 95% confidence interval.' })
  lowerLimit!: number | null;

  @Field((_type) => Float, { nullable: true, description: 'See lowerLimit.' })
  upperLimit!: number | null;
}

@ObjectType({ description: 'One area\'s value against a benchmark, with the test used and an explanation.' })
export class Comparison {
  @Field((_type) => Area, { description: 'The area compared.' })
  area!: Area;

  @Field((_type) => Period, { description: 'The period compared.' })
  period!: Period;

  @Field((_type) => Observation, { nullable: true, description: 'The area\'s value with its counts and confidence limits; null when it has none.' })
  value!: Observation | null;

  @Field((_type) => Benchmark, { description: 'What it was compared against.' })
  benchmark!: Benchmark;

  @Field((_type) => ComparisonOutcome, { description: 'BETTER / SIMILAR / WORSE (HIGHER / LOWER without polarity), NOT_COMPARED without a test.' })
  outcome!: ComparisonOutcome;

  @Field((_type) => String, { description: 'The technical account for an analyst: the test, the intervals or funnel limits with their numbers, and which excluded the benchmark, e.g. "95% and 99.8% confidence intervals (published) against the benchmark value: significant when the interval excludes it. Charnwood 78.2 per 1,000 (95% CI 76.9–79.5; 99.8% CI 76.0–80.4) against Leicestershire 70.1: the 99.8% interval excludes it".' })
  method!: string;

  @Field((_type) => Float, { nullable: true, description: 'The confidence level at which the outcome is significant (0.95 or 0.998); null when SIMILAR or untested.' })
  level!: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Value minus benchmark, in the indicator\'s unit.' })
  difference!: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Difference as a percentage of the benchmark, e.g. 11.6 for 11.6% above.' })
  percentDifference!: number | null;

  @Field((_type) => Int, { nullable: true, description: '1 = best by polarity (largest for NO_JUDGEMENT); null outside a group comparison.' })
  rank!: number | null;

  @Field((_type) => Int, { nullable: true, description: 'How many members were ranked; null outside a group comparison.' })
  groupSize!: number | null;

  @Field((_type) => Int, { nullable: true, description: '1 = the best quarter of the group … 4 = the worst; null outside a group comparison.' })
  quartile!: number | null;

  @Field((_type) => String, { description: 'The judgement in plain words for a board member, with the numbers as the indicator prints them and no statistic\'s name (those are in method), e.g. "Charnwood, 78.2 per 1,000, is 11.6% higher than Leicestershire\'s 70.1: worse, by more than chance would explain (99.8% confidence)."' })
  explanation!: string;
}

@ObjectType({ description: 'One point of a funnel plot\'s control limits: the limits around the group average at one denominator.' })
export class FunnelPoint {
  @Field((_type) => Float, { description: 'The denominator the limits are for: the population of a rate, the cohort of a percentage.' })
  denominator!: number;

  @Field((_type) => Float, { description: 'The lower 95% control limit at this denominator, in the indicator\'s unit.' })
  lower95!: number;

  @Field((_type) => Float, { description: 'The upper 95% control limit at this denominator, in the indicator\'s unit.' })
  upper95!: number;

  @Field((_type) => Float, { description: 'The lower 99.8% control limit at this denominator, in the indicator\'s unit.' })
  lower998!: number;

  @Field((_type) => Float, { description: 'The upper 99.8% control limit at this denominator, in the indicator\'s unit.' })
  upper998!: number;
}

@ObjectType({ description: 'The spread of a group\'s members beyond what chance allows, estimated from winsorised z-scores.' })
export class Overdispersion {
  @Field((_type) => OverdispersionMethod, { description: 'The method asked for; countyComparison\'s AUTO shows ADDITIVE when the group is overdispersed, else NONE. The limits were widened only when `adjusted`.' })
  method!: OverdispersionMethod;

  @Field((_type) => Float, { description: 'The dispersion ratio φ: the mean of the members\' squared z-scores (z = (value − average) / chance-only standard error), winsorised at the 10th and 90th percentiles (Spiegelhalter 2005); 1 means chance alone, e.g. 138.0 for the 2021-22 all-crime rates of the peer counties.' })
  phi!: number;

  @Field((_type) => Float, { nullable: true, description: 'Between-area variance τ² on the value\'s scale (e.g. 14.12 for a rate per 1,000: a standard deviation of 3.76 per 1,000), for ADDITIVE; 0 when phi shows no overdispersion; null for the other methods, and for a group too small to estimate it.' })
  tau2!: number | null;

  @Field((_type) => Float, { description: 'The share of z-scores winsorised at each end, e.g. 0.1.' })
  winsorisedShare!: number;

  @Field((_type) => Boolean, { description: 'true when phi exceeds the chance-alone bound (members × phi above the 95th percentile of χ² with members − 1 degrees of freedom) and the limits were widened; false for NONE, a group within chance, or fewer than 5 members.' })
  adjusted!: boolean;

  @Field((_type) => String, { description: 'In plain words, with the numbers rounded: whether the limits were widened and why, e.g. "Areas this size differ by more than chance alone, so only differences beyond that spread are called significant: the 9 members\' differences from the average are typically 11.7 times as large as chance alone would make them. …", or why the group is too small to say. φ, τ² and the test are in the group comparison\'s method.' })
  explanation!: string;
}

@ObjectType({ description: 'Every member of a group (a county\'s districts, a peer group) against one benchmark, best first.' })
export class GroupComparison {
  @Field((_type) => Period, { description: 'The period compared.' })
  period!: Period;

  @Field((_type) => Benchmark, { description: 'The county, or the group average.' })
  benchmark!: Benchmark;

  @Field((_type) => [Comparison], { description: 'Every member, best first; members without a value last.' })
  members!: Comparison[];

  @Field((_type) => Comparison, { nullable: true, description: 'The area asked about, when it is a member.' })
  subject!: Comparison | null;

  @Field((_type) => Overdispersion, { nullable: true, description: 'How the funnel limits allow for spread between the members beyond chance, and whether they were widened for it. null where no funnel was used: district comparisons (against the county\'s value), counts, ratios, members without counts.' })
  overdispersion!: Overdispersion | null;

  @Field((_type) => String, { description: 'How the members were compared and ranked, for an analyst: the average, the funnel method, and the overdispersion estimate and test with references.' })
  method!: string;

  @Field((_type) => String, { description: 'The result in plain words: how many are better, similar and worse, and where the area asked about ranks, e.g. "… 1 better, 8 similar. … Leicestershire ranks 5 of 9 (1 is best), in the second quarter of the group."' })
  explanation!: string;
}

@InputType({ description: 'What to compare against. Exactly one of the three.' })
export class ComparatorInput {
  @Field((_type) => ID, { nullable: true, description: 'One area, e.g. the parent county (E10000018) or England (E92000001).' })
  area?: string | null;

  @Field((_type) => ID, { nullable: true, description: 'The average of a named group, e.g. police-uk-peer-counties.' })
  group?: string | null;

  @Field((_type) => [ID], { nullable: true, description: 'The average of an ad-hoc list of areas (the area compared is included).' })
  areas?: string[] | null;
}

@ObjectType({ description: 'Direction of travel between an earlier and a later value, judged by polarity, with its test.' })
export class DirectionOfTravel {
  @Field((_type) => Direction, { description: 'IMPROVING / WORSENING / NO_CHANGE (INCREASING / DECREASING without polarity), NOT_COMPARABLE, NO_DATA.' })
  direction!: Direction;

  @Field((_type) => String, { description: '↑ improving, ↓ worsening, → no change; for NO_JUDGEMENT indicators ↑ increasing and ↓ decreasing; empty when not comparable or no data.' })
  arrow!: string;

  @Field((_type) => Observation, { nullable: true, description: 'The earlier value.' })
  from!: Observation | null;

  @Field((_type) => Observation, { nullable: true, description: 'The later value.' })
  to!: Observation | null;

  @Field((_type) => Float, { nullable: true, description: 'Later minus earlier, in the indicator\'s unit.' })
  change!: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Change as a percentage of the earlier value.' })
  percentChange!: number | null;

  @Field((_type) => Boolean, { description: 'Whether the two values can be compared (equal lengths for counts and rates; any lengths for percentages).' })
  comparable!: boolean;

  @Field((_type) => Boolean, { nullable: true, description: 'Whether the change is significant at 95%; null when no significance test was possible.' })
  significant!: boolean | null;

  @Field((_type) => Float, { nullable: true, description: 'The two-sided p-value of the test; null when there was none.' })
  pValue!: number | null;

  @Field((_type) => String, { description: 'The test, or the no-change band used when no test was possible.' })
  method!: string;

  @Field((_type) => String, { description: 'The judgement in plain English with its numbers.' })
  explanation!: string;
}

@ObjectType({ description: 'Fingertips-style recent trend of the five most recent consecutive non-overlapping points.' })
export class RecentTrend {
  @Field((_type) => String, { description: 'Fingertips wording: Increasing and getting better, No significant change, Cannot be calculated: <reason>, ...' })
  label!: string;

  @Field((_type) => Direction, { description: 'IMPROVING / WORSENING (INCREASING / DECREASING without polarity), NO_CHANGE when not significant, NO_DATA when it cannot be calculated.' })
  direction!: Direction;

  @Field((_type) => [Observation], { description: 'The points tested, oldest first.' })
  points!: Observation[];

  @Field((_type) => Float, { nullable: true, description: 'The chi-squared statistic for trend (1 df); significant above 9.5495 (99.8%).' })
  chiSquared!: number | null;

  @Field((_type) => Boolean, { description: 'Significant at 99.8%, with the slope keeping its sign when each point is left out in turn.' })
  significant!: boolean;

  @Field((_type) => String, { description: 'The test: Cochran–Armitage for proportions, weighted least squares (weights 1/SE²) for rates and counts.' })
  method!: string;

  @Field((_type) => String, { description: 'The result in plain English with its numbers.' })
  explanation!: string;
}

@ObjectType({ description: 'A red/amber/green rating with the rule that produced it.' })
export class RagRating {
  @Field((_type) => Rag, { description: 'GREEN meets the target, AMBER misses within tolerance, RED misses by more, GREY without a target or value (or, without a target, by direction of travel).' })
  status!: Rag;

  @Field((_type) => String, { description: 'The rule that produced it, e.g. target 45.0 with 5% tolerance, or direction of travel.' })
  rule!: string;

  @Field((_type) => Float, { nullable: true, description: 'The target value; null for a range or a rating by direction of travel.' })
  target!: number | null;

  @Field((_type) => String, { description: 'The rating in plain English with its numbers.' })
  explanation!: string;
}

@ObjectType({ description: 'The two questions a board asks, together: is the area significantly worse than its comparator, and is it significantly getting worse?' })
export class FlagAssessment {
  @Field((_type) => Flag, { description: 'RED_RED when both; UNKNOWN, with the reason, when the data cannot say.' })
  flag!: Flag;

  @Field((_type) => Comparison, { nullable: true, description: 'The comparison the flag rests on (a district against its county, another area against its comparator group, or `against`); null when it could not be made.' })
  comparison!: Comparison | null;

  @Field((_type) => RecentTrend, { nullable: true, description: 'The recent trend the flag rests on; null when it could not be calculated.' })
  trend!: RecentTrend | null;

  @Field((_type) => String, { description: 'The flag in a sentence, e.g. "Red-red: Leicestershire is worse than the peer average on Vehicle crime, and getting worse."' })
  explanation!: string;
}
