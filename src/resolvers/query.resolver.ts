import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { PeriodInfo } from '../analysis/periods';
import { Area, AreaGroup, AreaType, Dashboard, Indicator, Period } from '../entities';
import { Context } from '../context';
import { seesDashboard } from '../services/publishing/access';
import { badArgument, periodArgument } from '../services/errors';
import { dashboardsCost, groupsCost, indicatorPageCost } from './cost';
import { DEFAULT_PAGE_SIZE, IndicatorConnection } from './types';

function encodeCursor(id: string): string {
  return Buffer.from(`indicator:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('indicator:')) throw badArgument('after', 'not a cursor from this list; pass an endCursor or edge cursor you were given');
  return text.slice('indicator:'.length);
}

@Resolver()
export class QueryResolver {
  @Query((_returns) => [Dashboard], { complexity: dashboardsCost, description: 'Every dashboard, by slug: the published ones, and the drafts of the areas the caller\'s key reads.' })
  dashboards(@Ctx() { reference, access }: Context): readonly Dashboard[] {
    return reference.dashboards.filter((dashboard) => seesDashboard(access, dashboard));
  }

  @Query((_returns) => Dashboard, { nullable: true, description: 'One dashboard by its slug, e.g. safer-communities-2014-15-q2; null if there is none (or it is a draft the caller\'s key does not read).' })
  dashboard(@Arg('slug', (_type) => String, { description: 'e.g. safer-communities-2014-15-q2' }) slug: string, @Ctx() { reference, access }: Context): Dashboard | null {
    const dashboard = reference.dashboard(slug);
    return dashboard && seesDashboard(access, dashboard) ? dashboard : null;
  }

  @Query((_returns) => Indicator, { nullable: true, description: 'One indicator by its stable id, e.g. safer-communities/total-crime-rate; null if there is none.' })
  indicator(@Arg('id', (_type) => ID, { description: 'The indicator\'s id, e.g. police-uk/burglary/rate.' }) id: string, @Ctx() { reference }: Context): Indicator | null {
    return reference.indicator(id);
  }

  @Query((_returns) => IndicatorConnection, { complexity: indicatorPageCost, description: 'Indicators ordered by id, a page at a time.' })
  indicators(
    @Arg('first', (_type) => Int, { nullable: true, description: 'Page size. Default 20, at most 100 (MAX_PAGE_SIZE).' }) first: number | undefined,
    @Arg('after', (_type) => String, { nullable: true, description: 'Start after this cursor (an endCursor from the previous page). Default: from the start.' }) after: string | undefined,
    @Arg('search', (_type) => String, { nullable: true, description: 'Only indicators whose name or id contains this text, any case, e.g. "burglary". Default: all.' }) search: string | undefined,
    @Ctx() { reference, config }: Context,
  ): IndicatorConnection {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > config.maxPageSize) throw badArgument('first', `must be from 0 to ${config.maxPageSize} (got ${size})`);
    const matching = reference.searchIndicators(search);
    const afterId = after ? decodeCursor(after) : null;
    const rest = afterId === null ? matching : matching.filter((i) => i.id > afterId);
    const page = rest.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return {
      edges,
      nodes: page,
      totalCount: matching.length,
      pageInfo: {
        hasNextPage: rest.length > size,
        hasPreviousPage: afterId !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Query((_returns) => Area, { nullable: true, description: 'One area by its ONS code, e.g. E10000018; null if there is none.' })
  area(@Arg('code', (_type) => ID, { description: 'An ONS code, e.g. E07000130 for Charnwood.' }) code: string, @Ctx() { reference }: Context): Area | null {
    return reference.geography.get(code) ?? null;
  }

  @Query((_returns) => [Area], { description: 'Areas by name, optionally of one type and/or with one parent.' })
  areas(
    @Arg('type', (_type) => AreaType, { nullable: true, description: 'Only areas of this type. Default: all types.' }) type: AreaType | undefined,
    @Arg('parent', (_type) => ID, { nullable: true, description: 'Only the children of this area (through either hierarchy: a CSP\'s districts as well as a county\'s), e.g. E10000018 for its districts. Default: any parent.' }) parent: string | undefined,
    @Ctx() { reference }: Context,
  ): Area[] {
    const { geography } = reference;
    const found = parent ? geography.children(parent) : geography.all();
    return type ? found.filter((area) => area.type === type) : found;
  }

  @Query((_returns) => [AreaGroup], { complexity: groupsCost, description: 'Every named group of areas, by name.' })
  areaGroups(@Ctx() { reference }: Context): readonly AreaGroup[] {
    return reference.groups;
  }

  @Query((_returns) => Period, { nullable: true, description: 'Any span of whole months, by key (2014-04/2014-06) or label (Q1 2014-15, 2013-14, 12 months to Sep 2014); an argument that is neither is an error.' })
  period(@Arg('key', (_type) => ID, { description: 'A period key or label.' }) key: string): PeriodInfo {
    return periodArgument('key', key);
  }
}
