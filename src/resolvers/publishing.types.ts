/** GraphQL types of quarterly publishing (contract part 3): the mutations' inputs and payloads, and the audit trail's pages. */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AuditEvent, Dashboard, Direction, Observation, OutcomeAssessment, Rag } from '../entities';
import { PageInfo } from './types';

@InputType({ description: 'One value for an indicator, an area and a period; checked by the same rules as a tidy CSV row.' })
export class ValueInput {
  @Field((_type) => ID, { description: 'An indicator id, e.g. safer-communities/total-crime-rate.' })
  indicator!: string;

  @Field((_type) => ID, { description: 'An ONS area code, e.g. E10000018.' })
  area!: string;

  @Field((_type) => ID, { description: 'A period key or label.' })
  period!: string;

  @Field((_type) => Float, { nullable: true, description: 'The value (38.9 for 38.9%); leave it out only with a note saying why.' })
  value?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Events counted, for a rate or percentage; with the denominator it must agree with the value.' })
  numerator?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'The population or cohort, greater than zero.' })
  denominator?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Lower 95% confidence limit, where the supplier publishes one (give both limits of a level): at most the value. Left out, comparisons compute limits from the numerator and denominator where they can; a ratio has only the limits given.' })
  lowerCI95?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Upper 95% confidence limit, where the supplier publishes one: at least the value.' })
  upperCI95?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Lower 99.8% confidence limit, where the supplier publishes one: at most the value.' })
  lowerCI998?: number | null;

  @Field((_type) => Float, { nullable: true, description: 'Upper 99.8% confidence limit, where the supplier publishes one: at least the value.' })
  upperCI998?: number | null;

  @Field((_type) => String, { nullable: true, description: 'A caveat, or why there is no value.' })
  note?: string | null;
}

@InputType({ description: 'What a draft dashboard says about one of its outcomes.' })
export class OutcomeAssessmentInput {
  @Field((_type) => ID, { description: 'The outcome\'s id on a DRAFT dashboard.' })
  outcome!: string;

  @Field((_type) => Rag, { nullable: true, description: 'The Overall Progress RAG.' })
  rag?: Rag | null;

  @Field((_type) => Rag, { nullable: true, description: 'The Progress column\'s RAG.' })
  progress?: Rag | null;

  @Field((_type) => Direction, { nullable: true, description: 'The arrow: IMPROVING ↑, WORSENING ↓, NO_CHANGE →.' })
  direction?: Direction | null;

  @Field((_type) => String, { nullable: true, description: 'The Overall Comment, at most 4,000 characters.' })
  comment?: string | null;
}

@InputType({ description: 'The next quarter\'s dashboard, drafted from the last.' })
export class DraftDashboardInput {
  @Field((_type) => String, { description: 'The dashboard to copy outcomes and indicators from.' })
  from!: string;

  @Field((_type) => ID, { description: 'The new reporting period, e.g. Q3 2014-15.' })
  period!: string;

  @Field((_type) => String, { nullable: true, description: 'The new slug; default: the old one with its period replaced, e.g. safer-communities-2014-15-q3.' })
  slug?: string | null;
}

@ObjectType({ description: 'A problem with one item of a mutation\'s input; the whole mutation then changed nothing.' })
export class InputProblem {
  @Field((_type) => String, { description: 'Which item and field, e.g. values[3].period.' })
  path!: string;

  @Field((_type) => String, { description: 'What is wrong and what would be right.' })
  message!: string;
}

@ObjectType({ description: 'What setValues or correctValue stored, or why it stored nothing.' })
export class ValuesPayload {
  @Field((_type) => [Observation], { description: 'The values as stored, in input order; empty when any item was refused.' })
  values!: Observation[];

  @Field((_type) => [InputProblem], { description: 'Every problem of every item; empty when the values were stored.' })
  problems!: InputProblem[];
}

@ObjectType({ description: 'What setOutcomeAssessment stored, or why it stored nothing.' })
export class OutcomeAssessmentPayload {
  @Field((_type) => OutcomeAssessment, { nullable: true, description: 'The assessment as stored; null when refused.' })
  assessment!: OutcomeAssessment | null;

  @Field((_type) => [InputProblem], { description: 'Every problem; empty when it was stored.' })
  problems!: InputProblem[];
}

@ObjectType({ description: 'The dashboard drafted or published, or why nothing changed.' })
export class DashboardPayload {
  @Field((_type) => Dashboard, { nullable: true, description: 'The dashboard as it now is; null when refused.' })
  dashboard!: Dashboard | null;

  @Field((_type) => [InputProblem], { description: 'Every problem; empty when it was done.' })
  problems!: InputProblem[];
}

@ObjectType({ description: 'A link in the audit trail.' })
export class AuditEventEdge {
  @Field((_type) => String, { description: 'Opaque; pass it as `after` to read on (older events).' })
  cursor!: string;

  @Field((_type) => AuditEvent, { description: 'The event.' })
  node!: AuditEvent;
}

@ObjectType({ description: 'A page of the audit trail, newest first.' })
export class AuditEventConnection {
  @Field((_type) => [AuditEventEdge], { description: 'The events on this page with their cursors.' })
  edges!: AuditEventEdge[];

  @Field((_type) => [AuditEvent], { description: 'The events on this page.' })
  nodes!: AuditEvent[];

  @Field((_type) => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field((_type) => Int, { description: 'How many events match, on all pages.' })
  totalCount!: number;
}
