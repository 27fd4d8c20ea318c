/** GraphQL object types that are views, not stored entities. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Indicator } from '../entities';

@ObjectType({ description: 'A link in a list of indicators.' })
export class IndicatorEdge {
  @Field((_type) => String, { description: 'Opaque; pass it as `after` to read on from here.' })
  cursor!: string;

  @Field((_type) => Indicator, { description: 'The indicator.' })
  node!: Indicator;
}

@ObjectType({ description: 'Where a page sits in the whole list.' })
export class PageInfo {
  @Field((_type) => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field((_type) => Boolean, { description: 'Whether items come before this page.' })
  hasPreviousPage!: boolean;

  @Field((_type) => String, { nullable: true, description: 'The cursor of the first item on the page.' })
  startCursor!: string | null;

  @Field((_type) => String, { nullable: true, description: 'The cursor of the last item on the page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

/** The page of a connection when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'A page of indicators, ordered by id.' })
export class IndicatorConnection {
  @Field((_type) => [IndicatorEdge], { description: 'The indicators on this page with their cursors.' })
  edges!: IndicatorEdge[];

  @Field((_type) => [Indicator], { description: 'The indicators on this page.' })
  nodes!: Indicator[];

  @Field((_type) => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field((_type) => Int, { description: 'How many indicators match, on all pages.' })
  totalCount!: number;
}

@ObjectType({ description: 'One row of a dashboard\'s Supporting Indicators column: the indicator as that dashboard shows it, with its two values and the dashboard\'s judgements (src/resolvers/supporting-indicator.resolver.ts).' })
export class SupportingIndicator {
  @Field((_type) => ID, { description: 'Stable: the outcome (its dashboard and position) and the indicator, e.g. safer-communities-2014-15-q2/outcomes/1/safer-communities/total-crime-rate.' })
  id!: string;

  @Field((_type) => Int, { description: 'The indicator\'s place in its outcome, from 1; 1 is the headline indicator.' })
  position!: number;

  @Field((_type) => Indicator, { description: 'The indicator. Its own fields answer the same on every path; what this dashboard shows is on this row.' })
  indicator!: Indicator;

  @Field((_type) => String, { nullable: true, description: 'A caveat about the indicator on this dashboard, e.g. how the police.uk category differs from the original definition.' })
  note!: string | null;
}
