import { PeriodInfo, periodFromMonths } from '../analysis/periods';
import { AreaGroupMember } from '../entities';

/** Whether an area was a member of its group for the whole of a period (validity months are inclusive). */
export function memberDuring(member: AreaGroupMember, period: PeriodInfo): boolean {
  const first = periodFromMonths(period.startMonth, period.startMonth).key.slice(0, 7);
  const last = periodFromMonths(period.endMonth, period.endMonth).key.slice(0, 7);
  return (!member.validFrom || member.validFrom <= first) && (!member.validTo || member.validTo >= last);
}
