import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { PeriodInfo, periodFromKey } from '../analysis/periods';
import { Area, AreaGroup, AreaType, OutcomeAssessment, Period } from '../entities';
import { Context } from '../context';
import { badArgument, periodArgument } from '../services/errors';
import { memberDuring } from '../services/groups';
import { groupMembersCost } from './cost';

@Resolver((_of) => Area)
export class AreaResolver {
  @FieldResolver((_returns) => ID, { description: 'The ONS code, as code: stable, so client caches can key on it.' })
  id(@Root() area: Area): string {
    return area.code;
  }

  @FieldResolver((_returns) => Area, { nullable: true, description: 'The area above: a district\'s county, a county\'s region, a region\'s country; null for a country.' })
  parent(@Root() area: Area, @Ctx() { reference }: Context): Area | null {
    return area.parentCode ? reference.geography.get(area.parentCode) ?? null : null;
  }

  @FieldResolver((_returns) => [Area], { description: 'The areas directly below, by name, e.g. a county\'s districts.' })
  children(
    @Root() area: Area,
    @Arg('type', (_type) => AreaType, { nullable: true, description: 'Only children of this type. Default: all.' }) type: AreaType | undefined,
    @Ctx() { reference }: Context,
  ): Area[] {
    const children = reference.geography.children(area.code);
    return type ? children.filter((child) => child.type === type) : children;
  }

  @FieldResolver((_returns) => Area, {
    nullable: true,
    description: 'The area of a type that contains this one, through either hierarchy: within(type: COMMUNITY_SAFETY_PARTNERSHIP) of a district is its CSP, within(type: POLICE_FORCE_AREA) its force area, within(type: REGION) its region. The area itself when it is of that type; null when none.',
  })
  within(
    @Root() area: Area,
    @Arg('type', (_type) => AreaType, { description: 'The kind of containing area, e.g. POLICE_FORCE_AREA.' }) type: AreaType,
    @Ctx() { reference }: Context,
  ): Area | null {
    return reference.geography.within(area.code, type);
  }

  @FieldResolver((_returns) => AreaGroup, { nullable: true, description: 'The group this area is compared with by default, e.g. Leicestershire\'s peer counties; null when none is set.' })
  comparatorGroup(@Root() area: Area, @Ctx() { reference }: Context): AreaGroup | null {
    return area.comparatorGroupId ? reference.group(area.comparatorGroupId) : null;
  }

  @FieldResolver((_returns) => Int, {
    nullable: true,
    description: 'Mid-year population estimate used as the denominator for rates; null where unknown. A county without its own estimate is the sum of its districts\' when all have one.',
  })
  population(
    @Root() area: Area,
    @Arg('year', (_type) => Int, { description: 'The year of the mid-year (30 June) estimate, e.g. 2014.' }) year: number,
    @Ctx() { reference }: Context,
  ): number | null {
    if (!Number.isInteger(year) || year < 1800 || year > 2200) throw badArgument('year', `must be a year such as 2014 (got ${year})`);
    return reference.population(area.code, year);
  }
}

@Resolver((_of) => AreaGroup)
export class AreaGroupResolver {
  @FieldResolver((_returns) => [Area], { complexity: groupMembersCost, description: 'The members, in the group\'s order. With a period, only the areas that were members for the whole of it (Northamptonshire left the peer group after March 2021).' })
  members(
    @Root() group: AreaGroup,
    @Arg('period', (_type) => ID, { nullable: true, description: 'Only members for the whole of this period (key or label). Default: every member, past and present.' }) period: string | undefined,
    @Ctx() { reference }: Context,
  ): Area[] {
    const info = period ? periodArgument('period', period) : null;
    return reference.members(group.id).filter((member) => !info || memberDuring(member, info)).map((member) => member.area!);
  }
}

@Resolver((_of) => Period)
export class PeriodResolver {
  @FieldResolver((_returns) => ID, { description: 'The key, as key: stable, so client caches can key on it.' })
  id(@Root() period: PeriodInfo): string {
    return period.key;
  }
}

@Resolver((_of) => OutcomeAssessment)
export class OutcomeAssessmentResolver {
  @FieldResolver((_returns) => Period, { description: 'The period the assessment was published for, e.g. Q2 2014-15.' })
  period(@Root() assessment: OutcomeAssessment): PeriodInfo {
    return periodFromKey(assessment.periodKey);
  }
}
