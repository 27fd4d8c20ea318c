/**
 * Overdispersion in funnel plots: how much the members of a group differ beyond what chance
 * (Poisson or binomial variation) allows, and funnel limits widened for it.
 *
 * Chance-only limits narrow with the square root of the population, so for areas of hundreds of
 * thousands almost every real difference between them looks significant. Spiegelhalter's remedy,
 * as NHS England's SHMI and the FunnelPlotR package apply it, for N members with values yᵢ,
 * denominators nᵢ and the group average θ:
 *
 * 1. the chance-only standard error at the average: sᵢ = √(θ·m / nᵢ) for a rate per m (Poisson);
 *    for a percentage √(θ(100 − θ) / nᵢ), i.e. 100·√(p(1 − p) / nᵢ) (binomial);
 * 2. z-scores zᵢ = (yᵢ − θ) / sᵢ, winsorised: those below their 10th percentile are set to it, those
 *    above the 90th to it (percentiles by linear interpolation: R's type 7, numpy's default);
 * 3. φ = Σ zᵢ² / N of the winsorised z-scores (1 is chance alone);
 * 4. overdispersed when N·φ exceeds the 95th percentile of χ² with N − 1 degrees of freedom;
 * 5. MULTIPLICATIVE limits θ ± z·sᵢ·√φ; ADDITIVE limits θ ± z·√(sᵢ² + τ²) with
 *    τ² = max(0, (N·φ − (N − 1)) / (Σwᵢ − Σwᵢ² / Σwᵢ)), wᵢ = 1 / sᵢ² (DerSimonian & Laird).
 *
 * Limits are widened only for a group that is overdispersed, and the spread is not estimated from
 * fewer than 5 members (OVERDISPERSION_MINIMUM_MEMBERS).
 *
 * Sources:
 * - Spiegelhalter DJ. Handling over-dispersion of performance indicators. Qual Saf Health Care
 *   2005;14:347–351 (winsorising at 10%, the χ² test, the additive random-effects limits).
 * - Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 *   2005;24:1185–1202 (multiplicative and additive limits).
 * - NHS Digital, Summary Hospital-level Mortality Indicator (SHMI) methodology: additive
 *   random-effects limits from z-scores winsorised at 10%.
 * - DerSimonian R, Laird N. Meta-analysis in clinical trials. Control Clin Trials 1986;7:177–188.
 * - Hyndman RJ, Fan Y. Sample quantiles in statistical packages. Am Stat 1996;50:361–365 (type 7).
 *
 * Pure functions of numbers: no I/O, no ORM, no GraphQL.
 */
import { chiSquaredQuantile, confidenceFraction, normalQuantile } from './confidence';
import { formatNumber } from './format';
import { IndicatorFacts, OverdispersionMethod } from './types';

export { OverdispersionMethod };

/** A method, or AUTO: ADDITIVE when the group is overdispersed, else NONE (what countyComparison uses). */
export type OverdispersionChoice = OverdispersionMethod | 'AUTO';
export const OVERDISPERSION_CHOICES: readonly OverdispersionChoice[] = ['NONE', 'MULTIPLICATIVE', 'ADDITIVE', 'AUTO'];

/** The fewest members the spread between areas is estimated from: with fewer, the limits stay chance-only. */
export const OVERDISPERSION_MINIMUM_MEMBERS = 5;

/** The share of z-scores winsorised at each end (Spiegelhalter 2005; SHMI). */
export const WINSORISED_SHARE = 0.1;

/** The level of the χ² test for overdispersion. */
export const OVERDISPERSION_TEST_LEVEL = 0.95;

/** A member compared by funnel limits: its value on the indicator's scale and its denominator. */
export interface DispersionMember {
  readonly value: number;
  readonly denominator: number;
}

/** How the limits of a group comparison allow for variation between its members beyond chance. */
export interface Overdispersion {
  /** The method asked for; AUTO is resolved to ADDITIVE when the group is overdispersed, else NONE. */
  method: OverdispersionMethod;
  /** φ = Σ zᵢ² / N of the winsorised z-scores: 1 is chance alone. */
  phi: number;
  /** ADDITIVE only: the between-area variance τ² on the value's scale, 0 when the group is not overdispersed; null for the other methods or too few members. */
  tau2: number | null;
  /** The share of z-scores winsorised at each end: 0.1. */
  winsorisedShare: number;
  /** Whether the limits were widened: the group is overdispersed and the method is not NONE. */
  adjusted: boolean;
  /** N: the members the spread was estimated from. */
  members: number;
  /** N·φ, the test statistic. */
  statistic: number;
  /** The 95th percentile of χ² with N − 1 degrees of freedom; null with too few members to test. */
  bound: number | null;
  /** N·φ above the bound; null with too few members to test. */
  overdispersed: boolean | null;
  /** In plain words: whether and why the limits were widened, with the numbers. */
  explanation: string;
  /** The technical account, with references. */
  technical: string;
}

function checkFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number (got ${String(value)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Percentiles and winsorising
// ---------------------------------------------------------------------------------------------

/**
 * The p-th quantile by linear interpolation between order statistics, Hyndman & Fan's type 7 (R's
 * quantile() default, numpy.percentile's default): with the values sorted x₀ ≤ … ≤ xₙ₋₁ and
 * h = (n − 1)·p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
 */
export function percentileType7(values: readonly number[], p: number): number {
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('a percentile needs at least one value');
  for (const value of values) checkFinite('every value of a percentile', value);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(`a percentile's probability must be between 0 and 1, e.g. 0.1 for the 10th percentile (got ${String(p)})`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
}

/** The values with those below the `share` percentile set to it and those above the (1 − share) percentile set to it. */
export function winsorise(values: readonly number[], share: number = WINSORISED_SHARE): number[] {
  if (typeof share !== 'number' || !(share >= 0 && share < 0.5)) {
    throw new RangeError(`the share winsorised at each end must be from 0 to less than 0.5, e.g. 0.1 (got ${String(share)})`);
  }
  const lower = percentileType7(values, share);
  const upper = percentileType7(values, 1 - share);
  return values.map((value) => Math.min(upper, Math.max(lower, value)));
}

// ---------------------------------------------------------------------------------------------
// Standard errors, z-scores, φ, the test and τ²
// ---------------------------------------------------------------------------------------------

type Dispersible = Pick<IndicatorFacts, 'name' | 'valueType' | 'multiplier'>;

function checkDispersible(indicator: Dispersible): void {
  if (indicator.valueType !== 'RATE' && indicator.valueType !== 'PERCENTAGE') {
    throw new RangeError(`overdispersion is estimated for rates and percentages: indicator "${indicator.name}" is a ${String(indicator.valueType).toLowerCase()}`);
  }
}

/**
 * The chance-only standard error of a member's value at the group average, on the value's scale:
 * √(θ·m / n) for a rate per m (Poisson: var(O) = θ/m·n events), √(θ(100 − θ) / n) for a percentage
 * (binomial), where θ is the average and n the member's denominator.
 */
export function chanceStandardError(indicator: Dispersible, average: number, denominator: number): number {
  checkDispersible(indicator);
  checkFinite('the group average', average);
  if (average < 0) throw new RangeError(`the group average must be zero or more (got ${average})`);
  if (indicator.valueType === 'PERCENTAGE' && average > 100) throw new RangeError(`a group percentage cannot exceed 100% (got ${average})`);
  checkFinite('a denominator', denominator);
  if (denominator <= 0) throw new RangeError(`a denominator must be greater than zero (got ${denominator})`);
  const variance = indicator.valueType === 'PERCENTAGE' ? (average * (100 - average)) / denominator : (average * indicator.multiplier) / denominator;
  return Math.sqrt(variance);
}

/**
 * (value − average) / standard error. A standard error of 0 arises only where the average is 0 (or
 * 100%), when every member's value equals it: the z-score is then 0.
 */
export function zScore(value: number, average: number, standardError: number): number {
  checkFinite('a value', value);
  checkFinite('the group average', average);
  checkFinite('a standard error', standardError);
  if (standardError < 0) throw new RangeError(`a standard error cannot be negative (got ${standardError})`);
  if (standardError === 0) {
    if (value !== average) throw new RangeError(`a value of ${value} cannot differ from the average ${average} when its standard error is 0`);
    return 0;
  }
  return (value - average) / standardError;
}

/** φ = Σ zᵢ² / N: the mean squared (winsorised) z-score; 1 is chance alone. */
export function dispersionRatio(zScores: readonly number[]): number {
  if (!Array.isArray(zScores) || zScores.length === 0) throw new RangeError('φ needs at least one z-score');
  for (const z of zScores) checkFinite('every z-score', z);
  return zScores.reduce((sum, z) => sum + z * z, 0) / zScores.length;
}

/** What N·φ is tested against: the 95th percentile of χ² with N − 1 degrees of freedom. */
export function overdispersionBound(members: number): number {
  if (!Number.isInteger(members) || members < 2) {
    throw new RangeError(`the test for overdispersion needs a whole number of at least 2 members (got ${String(members)})`);
  }
  return chiSquaredQuantile(OVERDISPERSION_TEST_LEVEL, members - 1);
}

/**
 * DerSimonian–Laird between-area variance on the value's scale:
 * τ² = max(0, (N·φ − (N − 1)) / (Σwᵢ − Σwᵢ² / Σwᵢ)), wᵢ = 1 / sᵢ².
 */
export function tauSquared(phi: number, standardErrors: readonly number[]): number {
  checkFinite('φ', phi);
  if (phi < 0) throw new RangeError(`φ cannot be negative (got ${phi})`);
  if (!Array.isArray(standardErrors) || standardErrors.length < 2) throw new RangeError('τ² needs the standard errors of at least 2 members');
  for (const s of standardErrors) {
    checkFinite('every standard error', s);
    if (s <= 0) throw new RangeError(`τ² needs standard errors greater than zero (got ${s})`);
  }
  const n = standardErrors.length;
  const weights = standardErrors.map((s) => 1 / (s * s));
  const sum = weights.reduce((a, w) => a + w, 0);
  const sumOfSquares = weights.reduce((a, w) => a + w * w, 0);
  return Math.max(0, (n * phi - (n - 1)) / (sum - sumOfSquares / sum));
}

// ---------------------------------------------------------------------------------------------
// Widened limits
// ---------------------------------------------------------------------------------------------

/**
 * Control limits widened for overdispersion at one denominator, on the value's scale:
 * MULTIPLICATIVE θ ± z·s·√φ, ADDITIVE θ ± z·√(s² + τ²), with s the chance-only standard error at
 * the average (chanceStandardError) and z the normal quantile for the confidence (1.96 at 95%,
 * 3.09 at 99.8%). Clamped to 0 (and to 100 for a percentage).
 */
export function overdispersedLimits(
  indicator: Dispersible,
  average: number,
  denominator: number,
  adjustment: { method: OverdispersionMethod; phi: number; tau2: number | null },
  confidence: number,
): { lower: number; upper: number } {
  const s = chanceStandardError(indicator, average, denominator);
  const z = normalQuantile(1 - (1 - confidenceFraction(confidence)) / 2);
  let half: number;
  switch (adjustment.method) {
    case 'MULTIPLICATIVE':
      checkFinite('φ', adjustment.phi);
      if (adjustment.phi < 0) throw new RangeError(`φ cannot be negative (got ${adjustment.phi})`);
      half = z * s * Math.sqrt(adjustment.phi);
      break;
    case 'ADDITIVE': {
      const tau2 = adjustment.tau2;
      if (tau2 === null || typeof tau2 !== 'number' || !Number.isFinite(tau2) || tau2 < 0) {
        throw new RangeError(`additive limits need τ², a finite number zero or more (got ${String(tau2)})`);
      }
      half = z * Math.sqrt(s * s + tau2);
      break;
    }
    default:
      throw new RangeError(`overdispersed limits are MULTIPLICATIVE or ADDITIVE; chance-only (NONE) limits are the funnel's own (got ${String(adjustment.method)})`);
  }
  const top = indicator.valueType === 'PERCENTAGE' ? 100 : Infinity;
  return { lower: Math.max(0, average - half), upper: Math.min(top, average + half) };
}

// ---------------------------------------------------------------------------------------------
// A group
// ---------------------------------------------------------------------------------------------

/** Four significant figures, thousands separated: 1,242; 138.0; 14.12; 0.4100. */
function figures(x: number): string {
  const magnitude = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  return formatNumber(x, Math.min(6, Math.max(0, 3 - magnitude)));
}

/** A number for a sentence: whole above 100, one decimal from 1, else two significant figures: 138; 11.8; 3.8; 0.41. */
function roughly(x: number): string {
  const magnitude = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  return formatNumber(x, x >= 100 ? 0 : x >= 1 ? 1 : Math.min(6, 1 - magnitude));
}

const WINSORISED_TEXT = `${Math.round(WINSORISED_SHARE * 100)}th and ${Math.round((1 - WINSORISED_SHARE) * 100)}th percentiles`;

const WORD: Record<OverdispersionMethod, string> = { NONE: 'chance-only', MULTIPLICATIVE: 'multiplicative', ADDITIVE: 'additive' };

const REFERENCES =
  'Spiegelhalter, Handling over-dispersion of performance indicators, QSHC 2005; Funnel plots for comparing institutional performance, Stat Med 2005; NHS Digital SHMI methodology';

function standardErrorText(indicator: Dispersible): string {
  return indicator.valueType === 'PERCENTAGE' ? 's² = θ(100 − θ)/n (binomial)' : `s² = θ × ${formatNumber(indicator.multiplier, 0)}/n (Poisson)`;
}

/**
 * Estimates the spread of a group's members beyond chance and decides, for the method chosen,
 * whether their funnel limits are widened (module comment). `members` are those compared by funnel
 * limits; `average` the group average they are compared with.
 *
 * - Fewer than 5 members: too few to estimate the spread; φ is computed but not tested, nothing is
 *   widened (AUTO means NONE) and the explanation says so.
 * - NONE: chance-only limits; φ and the test are reported, so a reader sees whether they would widen.
 * - MULTIPLICATIVE, ADDITIVE: widened when the group is overdispersed, else chance-only.
 * - AUTO: ADDITIVE when the group is overdispersed, else NONE.
 */
export function estimateOverdispersion(
  indicator: IndicatorFacts,
  average: number,
  members: readonly DispersionMember[],
  choice: OverdispersionChoice,
): Overdispersion {
  checkDispersible(indicator);
  if (!OVERDISPERSION_CHOICES.includes(choice)) {
    throw new RangeError(`overdispersion must be one of ${OVERDISPERSION_CHOICES.join(', ')} (got ${String(choice)})`);
  }
  if (!Array.isArray(members) || members.length === 0) throw new RangeError('overdispersion needs at least one member compared by funnel limits');
  const standardErrors = members.map((m) => chanceStandardError(indicator, average, m.denominator));
  const z = members.map((m, i) => zScore(m.value, average, standardErrors[i]));
  const n = members.length;
  const phi = dispersionRatio(winsorise(z));
  const statistic = n * phi;
  const base = { phi, winsorisedShare: WINSORISED_SHARE, members: n, statistic };
  const phiText = `φ = ${figures(phi)}`;
  const phiAccount = `${phiText}, the mean squared z-score of the ${n} members (z = (y − θ)/s at the average θ, ${standardErrorText(indicator)}) winsorised at the ${WINSORISED_TEXT}`;

  if (n < OVERDISPERSION_MINIMUM_MEMBERS) {
    const method: OverdispersionMethod = choice === 'AUTO' ? 'NONE' : choice;
    const notMade = method === 'NONE' ? '' : `; the ${WORD[method]} widening asked for was not made`;
    return {
      ...base,
      method,
      tau2: null,
      adjusted: false,
      bound: null,
      overdispersed: null,
      explanation:
        `Only ${n} member${n === 1 ? ' was' : 's were'} compared with the average: too few to estimate how much areas differ beyond chance ` +
        `(at least ${OVERDISPERSION_MINIMUM_MEMBERS} are needed), so the limits allow for chance alone${notMade}.`,
      technical:
        `${phiAccount}, is not tested: the spread between areas is not estimated from fewer than ${OVERDISPERSION_MINIMUM_MEMBERS} members, ` +
        `so the limits are chance-only (${REFERENCES})`,
    };
  }

  const bound = overdispersionBound(n);
  const overdispersed = statistic > bound;
  const method: OverdispersionMethod = choice === 'AUTO' ? (overdispersed ? 'ADDITIVE' : 'NONE') : choice;
  const adjusted = overdispersed && method !== 'NONE';
  const tau2 = method !== 'ADDITIVE' ? null : overdispersed ? tauSquared(phi, standardErrors) : 0;
  const test = `N·φ = ${figures(statistic)} ${overdispersed ? 'exceeds' : 'does not exceed'} ${figures(bound)}, the 95th percentile of χ² with ${n - 1} degrees of freedom`;
  const how =
    method === 'ADDITIVE'
      ? `additive random-effects limits θ ± z√(s² + τ²), z = 1.96 and 3.09, with τ² = ${figures(tau2 as number)} by DerSimonian–Laird, max(0, (N·φ − (N − 1))/(Σw − Σw²/Σw)), w = 1/s²`
      : `multiplicative limits θ ± z·s·√φ, z = 1.96 and 3.09`;
  const technical =
    `${phiAccount}; ${test}` +
    (adjusted
      ? `, so the limits are ${how} (${REFERENCES})`
      : method === 'NONE'
        ? `; the limits are chance-only${overdispersed ? ', as asked' : ''} (${REFERENCES})`
        : `, so the ${WORD[method]} limits asked for are not needed and the limits are chance-only (${REFERENCES})`);

  // In words: √φ is how many times chance the typical difference is; τ is the spread between areas. φ, τ² and the test are in `technical`.
  const numbers = `the ${n} members' differences from the average are typically ${roughly(Math.sqrt(phi))} times as large as chance alone would make them`;
  let explanation: string;
  if (adjusted) {
    const spread =
      method === 'ADDITIVE'
        ? `The limits allow for a spread between areas of about ${spreadText(indicator, Math.sqrt(tau2 as number))} on top of chance.`
        : `The limits are drawn ${roughly(Math.sqrt(phi))} times as wide as chance alone would draw them.`;
    explanation = `Areas this size differ by more than chance alone, so only differences beyond that spread are called significant: ${numbers}. ${spread}`;
  } else if (overdispersed) {
    explanation =
      `The limits allow for chance alone, as asked, although ${numbers}. By default (ADDITIVE) they are widened for this group, ` +
      'so that only differences beyond the spread between areas are called significant.';
  } else {
    const notNeeded = method === 'NONE' ? '' : `, and the ${WORD[method]} widening asked for is not needed`;
    explanation =
      `The ${n} members differ no more than chance alone would explain (their differences from the average are typically ${roughly(Math.sqrt(phi))} times as large as chance alone would make them), ` +
      `so the limits allow for chance alone${notNeeded}.`;
  }
  return { ...base, method, tau2, adjusted, bound, overdispersed, explanation, technical };
}

/** A spread on the value's scale, roughly: `3.8 per 1,000 population`, `2.2 percentage points`. */
function spreadText(indicator: IndicatorFacts, spread: number): string {
  const text = roughly(spread);
  if (indicator.valueType === 'PERCENTAGE' || indicator.unit?.trim() === '%') return `${text} percentage points`;
  const unit = indicator.unit?.trim() ?? '';
  return unit === '' ? text : `${text} ${unit}`;
}

/**
 * The method of one member's limits, for its comparison: chance-only limits keep the funnel's own
 * method; widened ones name theirs with φ or τ².
 */
export function overdispersedLimitsMethod(indicator: Dispersible, overdispersion: Overdispersion): string {
  const s = standardErrorText(indicator);
  return overdispersion.method === 'ADDITIVE'
    ? `additive random-effects control limits θ ± z√(s² + τ²), ${s} and τ² = ${figures(overdispersion.tau2 as number)} (DerSimonian–Laird, from z-scores winsorised at the ${WINSORISED_TEXT}), z = 1.96 and 3.09 (Spiegelhalter 2005; NHS Digital SHMI methodology)`
    : `multiplicative control limits θ ± z·s·√φ, ${s} and φ = ${figures(overdispersion.phi)} (from z-scores winsorised at the ${WINSORISED_TEXT}), z = 1.96 and 3.09 (Spiegelhalter 2005)`;
}
