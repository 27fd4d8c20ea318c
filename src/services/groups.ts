import { monthKey, PeriodInfo } from '../analysis/periods';
import { AreaGroupMember } from '../entities';

/** Whether an area was a member of its group for the whole of a period (validity months are inclusive). */
export function memberDuring(member: AreaGroupMember, period: PeriodInfo): boolean {
  const first = monthKey(period.startMonth);
  const last = monthKey(period.endMonth);
  return (!member.validFrom || member.validFrom <= first) && (!member.validTo || member.validTo >= last);
}
