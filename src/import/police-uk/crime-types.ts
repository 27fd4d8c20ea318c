/**
 * police.uk's crime types (the categories of its street-level files since May 2013) and the
 * indicators made from them: a monthly count per district (stored) and, derived on demand,
 * counts for larger areas and longer periods and rates per 1,000 population.
 */
import { Indicator, Polarity, ValueType } from '../../entities';
import { slugify } from '../dashboard.importer';

export const ASB = 'Anti-social behaviour';
export const ALL_CRIME = 'All crime (excluding anti-social behaviour)';

export const CRIME_TYPES: readonly string[] = [
  ASB, 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft',
  'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime',
  'Violence and sexual offences',
];

export const POLICE_UK_PUBLISHER = 'police.uk (Home Office and police forces), Open Government Licence v3.0';

export function crimeTypeSlug(crimeType: string): string {
  return crimeType === ALL_CRIME ? 'all-crime' : slugify(crimeType);
}

export function countIndicatorId(crimeType: string): string {
  return `police-uk/${crimeTypeSlug(crimeType)}/count`;
}

export function rateIndicatorId(crimeType: string): string {
  return `police-uk/${crimeTypeSlug(crimeType)}/rate`;
}

function displayName(crimeType: string): string {
  return crimeType === ASB ? 'Anti-social behaviour incidents' : crimeType;
}

/** The count and rate indicators of one crime type (or of all crime excluding ASB). */
export function policeUkIndicators(crimeType: string): [Indicator, Indicator] {
  const name = displayName(crimeType);
  const what = crimeType === ALL_CRIME
    ? 'every street-level crime police.uk publishes except anti-social behaviour'
    : crimeType === ASB ? 'anti-social behaviour incidents police.uk publishes' : `street-level crimes police.uk categorises as "${crimeType}"`;
  const common = {
    polarity: Polarity.LOW_IS_GOOD,
    polarityReason: crimeType === ASB
      ? 'Fewer incidents mean fewer people affected by anti-social behaviour.'
      : 'Fewer recorded crimes mean fewer people harmed by crime (a rise can also reflect more reporting or recording).',
    publisher: POLICE_UK_PUBLISHER,
  };
  const count = Object.assign(new Indicator(), {
    ...common,
    id: countIndicatorId(crimeType),
    name: `${name} (police.uk count)`,
    unit: null,
    valueType: ValueType.COUNT,
    decimals: 0,
    multiplier: null,
    definition: `Number of ${what}, placed in a district by the LSOA of its approximate location. Stored monthly by district; larger areas and longer periods are sums of the monthly district counts.`,
    derivation: 'SUM_OF_MONTHLY_COUNTS',
    baseIndicatorId: null,
  });
  const rate = Object.assign(new Indicator(), {
    ...common,
    id: rateIndicatorId(crimeType),
    name: `${name} per 1,000 population (police.uk)`,
    unit: 'per 1,000 population',
    valueType: ValueType.RATE,
    decimals: 2,
    multiplier: 1000,
    definition: `The ${count.name.replace(' (police.uk count)', '').toLowerCase()} count in the period per 1,000 residents (ONS mid-year estimate; see Area.population for the year used).`,
    derivation: 'RATE_OF_COUNTS',
    baseIndicatorId: count.id,
  });
  return [count, rate];
}

export function allPoliceUkIndicators(extraTypes: readonly string[] = []): Indicator[] {
  return [...CRIME_TYPES, ...extraTypes.filter((t) => !CRIME_TYPES.includes(t)), ALL_CRIME].flatMap((type) => policeUkIndicators(type));
}
