import { Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../context';
import { Area } from '../entities';
import { Viewer } from './viewer.type';

@Resolver((_of) => Viewer)
export class ViewerResolver {
  @Query((_returns) => Viewer, { description: 'Who is calling: the API key\'s name, role and areas, or null fields without a key. A key that is not valid (mistyped, truncated, revoked) is refused with HTTP 401 before any query runs.' })
  viewer(@Ctx() { caller, reference }: Context): Viewer {
    if (caller.kind === 'anonymous') return { keyName: null, role: null, areas: [] };
    const areas = caller.areas.map((code) => reference.geography.get(code)).filter((area): area is Area => area !== undefined);
    return { keyName: caller.name, role: caller.role, areas };
  }
}
