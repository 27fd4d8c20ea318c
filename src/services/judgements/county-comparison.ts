/**
 * An area against its comparator group (default: the area's configured peer group), with funnel
 * limits, ranks and quartiles. Without a period it compares the latest span, of the preferred
 * period's length, for which every member has values: the peers' police.uk months end before
 * Leicestershire's, and one area against nine blanks is no comparison.
 *
 * The funnel limits allow for the spread between areas beyond chance by AUTO unless asked
 * otherwise: ADDITIVE when the group is overdispersed, else NONE. Counties of 600,000 to 900,000
 * differ by far more than chance, and chance-only limits would call almost every one significant.
 */
import { groupComparison } from '../../analysis/comparison';
import { OverdispersionChoice } from '../../analysis/overdispersion';
import { periodFromMonths, PeriodInfo } from '../../analysis/periods';
import { Area, Indicator } from '../../entities';
import { isDerived } from '../derived-values';
import { badArgument } from '../errors';
import { memberDuring } from '../groups';
import { factsOf, JudgementScope } from './common';
import { countReason, groupResult, notComparedGroup, pointsFor } from './comparisons';
import { GroupComparisonResult } from './types';

/**
 * `preferred` is the period asked for or defaulted to; `explicit` says whether it was asked for
 * (then it is used as it is) or defaulted (then the latest common span is looked for).
 * `overdispersion` is how the funnel limits allow for spread beyond chance (default AUTO).
 */
export async function compareWithGroup(
  scope: JudgementScope,
  indicator: Indicator,
  subject: Area,
  groupId: string | null | undefined,
  preferred: PeriodInfo,
  explicit: boolean,
  overdispersion: OverdispersionChoice = 'AUTO',
): Promise<GroupComparisonResult> {
  const id = groupId ?? subject.comparatorGroupId;
  if (!id) throw badArgument('group', `${subject.name} has no comparator group set; name one, e.g. group: "police-uk-peer-counties"`);
  const group = scope.reference.group(id);
  if (!group) throw badArgument('group', `no area group has the id "${id}"; see areaGroups`);
  const allMembers = scope.reference.members(group.id);
  const period = explicit ? preferred : await latestCommonPeriod(scope, indicator, preferred, allMembers.filter((m) => memberDuring(m, preferred)).map((m) => m.area!));
  const members = allMembers.filter((m) => memberDuring(m, period)).map((m) => m.area!);
  if (members.length === 0) throw badArgument('period', `${group.name} has no members for the whole of ${period.label}`);
  const compared = await pointsFor(scope, indicator, members, period);
  const label = `${group.name} average`;
  const others = compared.points.filter((p) => p.areaCode !== subject.code);
  const refused = countReason(indicator)
    ?? (others.every((p) => p.value === null) ? `no member of ${group.name} other than ${subject.name} has a value for ${period.label}, so there is no group average` : null);
  const result = refused
    ? notComparedGroup(factsOf(indicator), compared.points, period, subject.code, label, refused)
    : groupComparison(factsOf(indicator), compared.points, subject.code, { label, overdispersion });
  return groupResult(result, compared, { label, area: null, group, value: result.benchmark.value, lowerLimit: null, upperLimit: null });
}

async function latestCommonPeriod(scope: JudgementScope, indicator: Indicator, preferred: PeriodInfo, members: Area[]): Promise<PeriodInfo> {
  if (!isDerived(indicator) || members.length === 0) return preferred;
  const monthSets = (await Promise.all(members.map((m) => scope.loaders.derivedMonths(indicator.id, m.code)))).map((months) => new Set(months));
  const length = preferred.months;
  for (let end = preferred.endMonth; end >= preferred.endMonth - 120; end--) {
    let complete = true;
    for (let month = end - length + 1; month <= end && complete; month++) complete = monthSets.every((set) => set.has(month));
    if (complete) {
      const candidate = periodFromMonths(end - length + 1, end);
      return candidate.type === preferred.type || preferred.type === 'ROLLING_12_MONTHS' || preferred.type === 'MONTH' ? candidate : preferred;
    }
  }
  return preferred;
}
