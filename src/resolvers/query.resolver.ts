import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { periodFromKey } from '../analysis/periods';
import { Area, AreaGroup, AreaType, Dashboard, Indicator, Period } from '../entities';
import { Context } from '../context';
import { IndicatorConnection } from './types';
import { badInput, periodArgument } from './errors';

const DEFAULT_PAGE_SIZE = 20;

function encodeCursor(id: string): string {
  return Buffer.from(`indicator:${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('indicator:')) throw badInput('after', 'not a cursor from this list; pass an endCursor or edge cursor you were given');
  return text.slice('indicator:'.length);
}

@Resolver()
export class QueryResolver {
  @Query((_returns) => [Dashboard], { description: 'Every dashboard, by slug.' })
  dashboards(@Ctx() { dataSource }: Context): Promise<Dashboard[]> {
    return dataSource.getRepository(Dashboard).find({ order: { slug: 'ASC' } });
  }

  @Query((_returns) => Dashboard, { nullable: true, description: 'One dashboard by its slug, e.g. safer-communities-2014-15-q2; null if there is none.' })
  dashboard(@Arg('slug', (_type) => String, { description: 'e.g. safer-communities-2014-15-q2' }) slug: string, @Ctx() { loaders }: Context): Promise<Dashboard | null> {
    return loaders.dashboard.load(slug);
  }

  @Query((_returns) => Indicator, { nullable: true, description: 'One indicator by its stable id, e.g. safer-communities/total-crime-rate; null if there is none.' })
  indicator(@Arg('id', (_type) => ID) id: string, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    return loaders.indicator.load(id);
  }

  @Query((_returns) => IndicatorConnection, { description: 'Indicators ordered by id, a page at a time.' })
  async indicators(
    @Arg('first', (_type) => Int, { nullable: true, description: 'Page size. Default 20, at most 100 (MAX_PAGE_SIZE).' }) first: number | undefined,
    @Arg('after', (_type) => String, { nullable: true, description: 'Start after this cursor (an endCursor from the previous page). Default: from the start.' }) after: string | undefined,
    @Arg('search', (_type) => String, { nullable: true, description: 'Only indicators whose name or id contains this text, any case, e.g. "burglary". Default: all.' }) search: string | undefined,
    @Ctx() { dataSource, config }: Context,
  ): Promise<IndicatorConnection> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > config.maxPageSize) throw badInput('first', `must be from 0 to ${config.maxPageSize} (got ${size})`);
    const query = dataSource.getRepository(Indicator).createQueryBuilder('i');
    if (search && search.trim() !== '') {
      const pattern = `%${search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.where("(LOWER(i.name) LIKE :pattern ESCAPE '\\' OR LOWER(i.id) LIKE :pattern ESCAPE '\\')", { pattern });
    }
    const totalCount = await query.clone().getCount();
    const afterId = after ? decodeCursor(after) : null;
    if (afterId !== null) query.andWhere('i.id > :afterId', { afterId });
    const rows = await query.orderBy('i.id', 'ASC').take(size + 1).getMany();
    const page = rows.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
    return {
      edges,
      nodes: page,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > size,
        hasPreviousPage: afterId !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @Query((_returns) => Area, { nullable: true, description: 'One area by its ONS code, e.g. E10000018; null if there is none.' })
  area(@Arg('code', (_type) => ID) code: string, @Ctx() { loaders }: Context): Promise<Area | null> {
    return loaders.area.load(code);
  }

  @Query((_returns) => [Area], { description: 'Areas by name, optionally of one type and/or with one parent.' })
  async areas(
    @Arg('type', (_type) => AreaType, { nullable: true, description: 'Only areas of this type. Default: all types.' }) type: AreaType | undefined,
    @Arg('parent', (_type) => ID, { nullable: true, description: 'Only the children of this area, e.g. E10000018 for its districts. Default: any parent.' }) parent: string | undefined,
    @Ctx() { dataSource, loaders }: Context,
  ): Promise<Area[]> {
    if (parent) {
      // Children through both hierarchies: a CSP's districts as well as a county's.
      const children = (await loaders.geography()).children(parent);
      return type ? children.filter((child) => child.type === type) : children;
    }
    return dataSource.getRepository(Area).find({
      where: { ...(type ? { type } : {}), ...(parent ? { parentCode: parent } : {}) },
      order: { name: 'ASC' },
    });
  }

  @Query((_returns) => [AreaGroup], { description: 'Every named group of areas, by name.' })
  areaGroups(@Ctx() { dataSource }: Context): Promise<AreaGroup[]> {
    return dataSource.getRepository(AreaGroup).find({ order: { name: 'ASC' } });
  }

  @Query((_returns) => Period, { nullable: true, description: 'Any span of whole months, by key (2014-04/2014-06) or label (Q1 2014-15, 2013-14, 12 months to Sep 2014); an argument that is neither is an error.' })
  period(@Arg('key', (_type) => ID) key: string): Period {
    return Period.fromInfo(periodFromKey(periodArgument('key', key).key));
  }
}
