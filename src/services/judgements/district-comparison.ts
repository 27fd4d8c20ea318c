/**
 * The districts and unitary authorities that make up an area (a county's districts; a force
 * area's, a region's or England's districts and unitary authorities), each against the area's own
 * value, ranked. The period defaults to the latest with a value for the area.
 */
import { districtComparison } from '../../analysis/comparison';
import { PeriodInfo } from '../../analysis/periods';
import { Area, Indicator } from '../../entities';
import { badArgument } from '../errors';
import { factsOf, JudgementScope } from './common';
import { countReason, groupResult, notComparedGroup, pointsFor } from './comparisons';
import { GroupComparisonResult } from './types';

export function districtsOf(scope: JudgementScope, area: Area): Area[] {
  const { geography } = scope.reference;
  const districts = geography.localAuthorities(area.code).filter((code) => code !== area.code).map((code) => geography.get(code)!);
  if (districts.length === 0) {
    throw badArgument('area', `${area.name} (${area.code}) is a ${area.type.toLowerCase().replace(/_/g, ' ')} with no districts to compare; use a county, CSP, police force area, region or country`);
  }
  return districts;
}

export async function compareDistricts(scope: JudgementScope, indicator: Indicator, area: Area, period: PeriodInfo): Promise<GroupComparisonResult> {
  const districts = districtsOf(scope, area);
  const compared = await pointsFor(scope, indicator, [area, ...districts], period);
  const [whole, ...parts] = compared.points;
  const refused = countReason(indicator);
  const result = refused
    ? notComparedGroup(factsOf(indicator), parts, period, null, area.name, `${refused}: each district is a part of ${area.name}`)
    : districtComparison(factsOf(indicator), whole, parts);
  return groupResult(result, compared, {
    label: area.name, area, group: null, value: whole.value, lowerLimit: whole.lowerCI95 ?? null, upperLimit: whole.upperCI95 ?? null,
  });
}
