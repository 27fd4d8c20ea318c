/**
 * The domain's enums (listed once, in src/analysis; the roles in src/auth) registered with GraphQL: names as they are,
 * with a description for each value. Imported before the schema is built (src/resolvers/index.ts).
 */
import { registerEnumType } from 'type-graphql';
import { AreaType, ComparisonOutcome, DashboardStatus, Direction, OverdispersionMethod, PeriodType, Polarity, Rag, ValueType } from '../analysis/types';
import { Role } from '../auth/roles';
import { Flag } from '../analysis/flag';

registerEnumType(AreaType, {
  name: 'AreaType',
  description: 'The kind of area, by ONS geography: a country, region, county, district and so on.',
  valuesConfig: {
    COUNTRY: { description: 'A country, e.g. England (E92000001).' },
    REGION: { description: 'A region of England, e.g. East Midlands (E12000004).' },
    POLICE_FORCE_AREA: { description: 'A police force area, e.g. Leicestershire (E23000021).' },
    COUNTY: { description: 'A two-tier (non-metropolitan) county, e.g. Leicestershire (E10000018).' },
    UNITARY_AUTHORITY: { description: 'A unitary authority, metropolitan or London borough: one tier, e.g. Leicester (E06000016).' },
    DISTRICT: { description: 'A lower-tier district of a county, e.g. Charnwood (E07000130).' },
    COMMUNITY_SAFETY_PARTNERSHIP: { description: 'A Community Safety Partnership, e.g. Charnwood CSP (E22000134).' },
  },
});
registerEnumType(PeriodType, {
  name: 'PeriodType',
  description: 'What kind of span a period is, inferred from its months with an April financial year.',
  valuesConfig: {
    MONTH: { description: 'One calendar month: Sep 2014.' },
    QUARTER: { description: 'A financial quarter: Q2 2014-15 is Jul-Sep 2014.' },
    FINANCIAL_YEAR: { description: 'April to March: 2013-14.' },
    CALENDAR_YEAR: { description: 'January to December: 2014.' },
    ROLLING_12_MONTHS: { description: 'Any other 12 consecutive months: 12 months to Sep 2014.' },
    YEAR_TO_DATE: { description: 'From April to a month before March: Apr-Sep 2014.' },
    OTHER: { description: 'Any other span of whole months: May-Jul 2014.' },
  },
});
registerEnumType(Polarity, {
  name: 'Polarity',
  description: 'Which way is better for an indicator.',
  valuesConfig: {
    HIGH_IS_GOOD: { description: 'A higher value is better, e.g. % satisfied.' },
    LOW_IS_GOOD: { description: 'A lower value is better, e.g. crimes per 1,000 population.' },
    NO_JUDGEMENT: { description: 'Neither direction is simply better, e.g. referrals to a service.' },
  },
});
registerEnumType(ValueType, {
  name: 'ValueType',
  description: 'What kind of number an indicator is; it decides formatting and the statistics that apply.',
  valuesConfig: {
    COUNT: { description: 'A number of events in the period, e.g. 1,259 referrals.' },
    RATE: { description: 'Events per unit of population or cohort in the period, e.g. 47.18 crimes per 1,000 population.' },
    PERCENTAGE: { description: 'A proportion times 100, e.g. 38.9%.' },
    RATIO: { description: 'Any other quotient, e.g. a ratio of observed to expected.' },
  },
});
registerEnumType(Rag, {
  name: 'Rag',
  description: 'A red/amber/green rating; GREY where there is no rating.',
  valuesConfig: {
    RED: { description: 'Off track.' },
    AMBER: { description: 'At risk, or no significant change.' },
    GREEN: { description: 'On track.' },
    GREY: { description: 'Not rated: no target, no value or nothing published.' },
  },
});
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Direction of travel between two periods, judged by the indicator\'s polarity.',
  valuesConfig: {
    IMPROVING: { description: 'Moving in the better direction (↑).' },
    WORSENING: { description: 'Moving in the worse direction (↓).' },
    NO_CHANGE: { description: 'No change beyond the no-change band (→).' },
    INCREASING: { description: 'Rising, for an indicator with no polarity.' },
    DECREASING: { description: 'Falling, for an indicator with no polarity.' },
    NOT_COMPARABLE: { description: 'The two values cannot be compared, e.g. periods of different length.' },
    NO_DATA: { description: 'A value is missing.' },
  },
});
registerEnumType(ComparisonOutcome, {
  name: 'ComparisonOutcome',
  description: 'How a value compares with its benchmark, significant at 95% or 99.8%, by the indicator\'s polarity.',
  valuesConfig: {
    BETTER: { description: 'Significantly better than the benchmark.' },
    SIMILAR: { description: 'Not significantly different.' },
    WORSE: { description: 'Significantly worse than the benchmark.' },
    HIGHER: { description: 'Significantly higher, for an indicator with no polarity.' },
    LOWER: { description: 'Significantly lower, for an indicator with no polarity.' },
    NOT_COMPARED: { description: 'No test was possible: no value, no benchmark, or no confidence limits or counts.' },
  },
});
registerEnumType(OverdispersionMethod, {
  name: 'OverdispersionMethod',
  description: 'How funnel limits allow for variation between areas beyond chance.',
  valuesConfig: {
    NONE: { description: 'Chance alone (Poisson or binomial), as Fingertips draws them.' },
    MULTIPLICATIVE: { description: 'Spiegelhalter\'s multiplicative inflation of the limits by the square root of phi.' },
    ADDITIVE: { description: 'Spiegelhalter\'s additive random effects (DerSimonian-Laird tau-squared), as used for NHS England\'s SHMI.' },
  },
});

registerEnumType(DashboardStatus, {
  name: 'DashboardStatus',
  description: 'Where a dashboard is in its quarter: being filled, or published.',
  valuesConfig: {
    DRAFT: { description: 'Drafted from the last quarter\'s dashboard and being filled: values and assessments may change.' },
    PUBLISHED: { description: 'Frozen: its values change only through correctValue, with a reason.' },
  },
});
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do; each role may also do everything the one before it may.',
  valuesConfig: {
    VIEWER: { description: 'Reads what is public and what its areas hold.' },
    EDITOR: { description: 'Also writes values and outcome assessments within its areas, and drafts dashboards for them.' },
    ADMIN: { description: 'Also publishes dashboards, corrects published values and manages keys.' },
  },
});
registerEnumType(Flag, {
  name: 'Flag',
  description: 'Worse than the comparator, getting worse, both (red-red) or neither; or that the data cannot say.',
  valuesConfig: {
    RED_RED: { description: 'Significantly worse than the benchmark and significantly getting worse.' },
    WORSE_NOT_WORSENING: { description: 'Significantly worse than the benchmark, not getting worse.' },
    WORSENING_NOT_WORSE: { description: 'Significantly getting worse, not worse than the benchmark.' },
    NONE: { description: 'Neither.' },
    UNKNOWN: { description: 'The data cannot say: the comparison or the trend cannot be made, or the indicator has no better direction.' },
  },
});
