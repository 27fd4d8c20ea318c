/**
 * Confidence limits for the statistics a dashboard publishes: proportions (Wilson score),
 * counts and rates (exact Poisson below 10 events, Byar's method from 10).
 *
 * The methods, thresholds and argument checks follow the UKHSA/OHID R package
 * PHEindicatormethods (phe_proportion, phe_rate, wilson_lower/upper, byars_lower/upper), which
 * implements the APHO technical guidance, so a figure computed here matches the one published
 * with the national indicator. Tests compare every row of that package's reference spreadsheet.
 *
 * Pure functions of numbers: no I/O, no dependencies.
 */

export interface Interval {
  lower: number;
  upper: number;
}

export type CountMethod = 'exact Poisson' | "Byar's method";
export type ProportionMethod = 'Wilson score';

export interface CountInterval extends Interval {
  method: CountMethod;
}

/** A rate or proportion with its limits, all on the multiplier's scale (per 1,000, percent, ...). */
export interface EstimateInterval<M extends string> extends Interval {
  /** The point estimate: numerator / denominator × multiplier. */
  value: number;
  method: M;
  /** The confidence level used, as a fraction (0.95, 0.998) whichever way it was given. */
  confidence: number;
}

export type RateInterval = EstimateInterval<CountMethod>;
export type ProportionInterval = EstimateInterval<ProportionMethod>;

/** phe_rate switches from the exact method to Byar's at this many events (Byar is poor for small counts). */
export const BYAR_MINIMUM_COUNT = 10;

// ---------------------------------------------------------------------------------------------
// Input checks. Messages are sentences a dashboard user can act on, in the manner of
// PHEindicatormethods ("confidence level must be between 90 and 100 or between 0.9 and 1").
// ---------------------------------------------------------------------------------------------

/**
 * Confidence as a fraction. Like PHEindicatormethods, accepts 0.9 ≤ c ≤ 1 or 90 ≤ c ≤ 100 (the
 * latter read as a percentage), except the 100% end itself, where the interval is unbounded and
 * the formulas would return Infinity or NaN (the R package lets that through).
 */
export function confidenceFraction(confidence: number): number {
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) {
    throw new RangeError(`confidence level must be a finite number such as 0.95 or 95 (got ${String(confidence)})`);
  }
  const inFractionRange = confidence >= 0.9 && confidence <= 1;
  const inPercentRange = confidence >= 90 && confidence <= 100;
  if (!inFractionRange && !inPercentRange) {
    throw new RangeError(
      `confidence level must be between 90 and 100 or between 0.9 and 1 (got ${confidence})`,
    );
  }
  if (confidence === 1 || confidence === 100) {
    throw new RangeError(
      `confidence level must be less than 100%, because a 100% confidence interval is unbounded (got ${confidence})`,
    );
  }
  // Same scaling as R's `if (confidence >= 90) confidence <- confidence/100`: 99.8/100 === 0.998.
  return inPercentRange ? confidence / 100 : confidence;
}

function checkCount(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative finite number (got ${String(value)})`);
  }
}

function checkPositive(name: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number greater than zero (got ${String(value)})`);
  }
  if (value <= 0) throw new RangeError(`${name} must be greater than zero (got ${value})`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number (got ${value})`);
}

// ---------------------------------------------------------------------------------------------
// Normal quantile
// ---------------------------------------------------------------------------------------------

/**
 * Inverse of the standard normal distribution function, Wichura's algorithm AS 241 (PPND16),
 * Applied Statistics 37 (1988) 477–484: relative error about 1e-16, the same algorithm R's qnorm
 * uses, so z matches the z in PHEindicatormethods to the last bit or two.
 * normalQuantile(0) is -Infinity and normalQuantile(1) is Infinity, as in R.
 */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || Number.isNaN(p) || p < 0 || p > 1) {
    throw new RangeError(`probability must be between 0 and 1 for a normal quantile (got ${String(p)})`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.4952788528545610 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}

/** Two-sided z for a confidence level, as PHEindicatormethods: qnorm(confidence + (1 - confidence)/2). */
function zFor(confidence: number): number {
  return normalQuantile(confidence + (1 - confidence) / 2);
}

// ---------------------------------------------------------------------------------------------
// Regularized incomplete gamma and its inverse (for the exact Poisson limits)
// ---------------------------------------------------------------------------------------------

const LOG_SQRT_2PI = 0.91893853320467274178; // ln √(2π)

// Lanczos approximation (g = 607/128, 15 terms, Godfrey's coefficients): ln Γ to about 1e-15.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174,
  -0.49191381609762019978, 0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4,
  0.15808870322491248884e-3, -0.21026444172410488319e-3, 0.2174396181152126432e-3, -0.16431810653676389022e-3,
  0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];

/** ln Γ(a) for a > 0. */
export function logGamma(a: number): number {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new RangeError(`the gamma function is only used here for finite positive arguments (got ${a})`);
  }
  // Γ(a) ≈ 1/a − γ near 0, where the reflection below would overflow.
  if (a < 1e-8) return -Math.log(a) - 0.5772156649015329 * a;
  if (a < 0.5) {
    // Reflection keeps the Lanczos sum in its accurate range: Γ(a)Γ(1-a) = π / sin(πa).
    return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  }
  if (a >= 10) return (a - 0.5) * Math.log(a) - a + LOG_SQRT_2PI + stirlingError(a);
  const x = a - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
  const t = x + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln Γ(a) − [(a − ½) ln a − a + ln √(2π)], the Stirling series, accurate for a ≥ 10. */
function stirlingError(a: number): number {
  const a2 = a * a;
  return (
    (1 / 12 -
      (1 / 360 - (1 / 1260 - (1 / 1680 - (1 / 1188 - (691 / 360360 - (1 / 156) / a2) / a2) / a2) / a2) / a2) /
        a2) /
    a
  );
}

/** ln(1 + t) − t without the cancellation of Math.log1p(t) − t near zero. */
function log1pMinusX(t: number): number {
  if (Math.abs(t) > 0.1) return Math.log1p(t) - t;
  // −t²/2 + t³/3 − t⁴/4 + …; |t| ≤ 0.1 so 20 terms reach double precision.
  let term = -t * t;
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    const add = term / k;
    sum += add;
    if (Math.abs(add) <= Math.abs(sum) * 1e-17) break;
    term *= -t;
  }
  return sum;
}

/**
 * x^a e^(−x) / Γ(a), the factor shared by the series, the continued fraction and the density.
 * For large a the naive exp(a ln x − x − ln Γ(a)) subtracts numbers near a·ln a and loses
 * digits; writing x = a(1 + t) gives exp(a·(ln(1+t) − t) − stirlingError(a)) · √(a/2π) instead.
 */
function gammaPrefix(a: number, x: number): number {
  if (x === 0) return 0;
  if (a >= 10) {
    const t = (x - a) / a;
    return Math.exp(a * log1pMinusX(t) - stirlingError(a)) * Math.sqrt(a / (2 * Math.PI));
  }
  return Math.exp(a * Math.log(x) - x - logGamma(a));
}

const GAMMA_EPSILON = 1e-16;

function maxIterations(a: number): number {
  // Both expansions need O(√a) terms near x ≈ a.
  return 1000 + Math.ceil(20 * Math.sqrt(a));
}

/** P(a, x) by its power series, used where x < a + 1 (Numerical Recipes §6.2). */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  const limit = maxIterations(a);
  for (let n = 1; n < limit; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * GAMMA_EPSILON) return sum * gammaPrefix(a, x);
  }
  throw new Error(`incomplete gamma series did not converge (a ${a}, x ${x})`);
}

/** Q(a, x) by Legendre's continued fraction (modified Lentz), used where x ≥ a + 1. */
function upperGammaFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  const limit = maxIterations(a);
  for (let i = 1; i < limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPSILON) return h * gammaPrefix(a, x);
  }
  throw new Error(`incomplete gamma continued fraction did not converge (a ${a}, x ${x})`);
}

/**
 * Regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q = 1 − P.
 * Each side is computed directly where it is the small one, so tail probabilities keep their
 * relative precision (needed for 99.8% limits, whose tails are 0.001).
 */
export function regularizedGamma(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new RangeError(`gamma shape must be a finite number greater than zero (got ${a})`);
  }
  if (!(x >= 0)) throw new RangeError(`gamma argument must be zero or more (got ${x})`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (x < a + 1) {
    const lower = lowerGammaSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = upperGammaFraction(a, x);
  return { lower: 1 - upper, upper };
}

/**
 * Quantile of the Gamma(shape a, scale 1) distribution. Give the tail probability and which
 * tail: `gammaQuantile(a, 0.001, 'upper')` is the x with Q(a, x) = 0.001, solved without first
 * forming 1 − 0.001. Newton's method on the tail function, kept inside a bracket that every
 * evaluation narrows and falling back to bisection, so it always converges.
 */
export function gammaQuantile(a: number, tailProbability: number, tail: 'lower' | 'upper' = 'lower'): number {
  if (!(a > 0) || !Number.isFinite(a)) {
    throw new RangeError(`gamma shape must be a finite number greater than zero (got ${a})`);
  }
  if (!(tailProbability >= 0 && tailProbability <= 1)) {
    throw new RangeError(`probability must be between 0 and 1 for a gamma quantile (got ${tailProbability})`);
  }
  const p = tail === 'lower' ? tailProbability : 1 - tailProbability; // only for the start and the ends
  if (tail === 'lower' ? tailProbability === 0 : tailProbability === 1) return 0;
  if (tail === 'lower' ? tailProbability === 1 : tailProbability === 0) return Infinity;

  // f(x) = (tail probability at x) − target, increasing in x for the lower tail, decreasing for the upper.
  const sign = tail === 'lower' ? 1 : -1;
  const f = (x: number): number => {
    const { lower, upper } = regularizedGamma(a, x);
    return tail === 'lower' ? lower - tailProbability : upper - tailProbability;
  };

  // Start: Wilson–Hilferty cube-root normal approximation; for small shapes, where it can go
  // negative, the leading term of the series P(a, x) ≈ x^a / Γ(a + 1).
  const z = tail === 'lower' ? normalQuantile(tailProbability) : -normalQuantile(tailProbability);
  const wh = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  let x = a * wh * wh * wh;
  // Its relative error is below 600·a^(−3/2) for tails down to 1e-300 (measured against the
  // solve below), under 1e-18 from a = 1e14, where the O(√a) expansions would take seconds.
  if (a >= 1e14) return x;
  if (!(x > 0) || a < 1) {
    const smallX = Math.exp((Math.log(Math.max(p, Number.MIN_VALUE)) + logGamma(a + 1)) / a);
    if (smallX === 0) return 0; // the quantile is below the smallest double
    if (!(x > 0) || smallX < x) x = smallX;
  }

  // Bracket [lo, hi] with sign-corrected f(lo) < 0 < f(hi). Bisection is geometric when the
  // bracket spans orders of magnitude: for small shapes the quantile can be 1e-300 or smaller.
  let lo = 0;
  let hi = Infinity;
  for (let i = 0; i < 5000; i++) {
    const fx = sign * f(x);
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    if (hi === Infinity) {
      x *= 2; // grow until the bracket closes
      continue;
    }
    // Newton step: d/dx P(a, x) = x^(a−1) e^(−x) / Γ(a).
    let next = x - fx / (gammaPrefix(a, x) / x);
    if (!(next > lo && next < hi)) {
      next = lo === 0 ? hi / 2 : hi / lo > 2 ? Math.sqrt(lo) * Math.sqrt(hi) : lo + (hi - lo) / 2;
      if (!(next > lo && next < hi)) return x; // lo and hi are neighbouring doubles
    }
    if (Math.abs(next - x) <= 4 * Number.EPSILON * x) return next;
    x = next;
  }
  throw new Error(`gamma quantile did not converge (shape ${a}, ${tail} tail ${tailProbability})`);
}

/** Quantile of the chi-squared distribution with `df` degrees of freedom (lower-tail p), as R's qchisq. */
export function chiSquaredQuantile(p: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`degrees of freedom must be a finite number greater than zero (got ${df})`);
  }
  if (p > 0.5) return 2 * gammaQuantile(df / 2, 1 - p, 'upper');
  return 2 * gammaQuantile(df / 2, p, 'lower');
}

// ---------------------------------------------------------------------------------------------
// Confidence intervals
// ---------------------------------------------------------------------------------------------

/*
 * Non-integer counts are accepted throughout, as in PHEindicatormethods, which has no integer
 * check: Byar's formula and the chi-squared (gamma) quantiles are defined for any non-negative
 * count, and phe_rate/phe_proportion are routinely given aggregated or weighted counts (its own
 * Wilson reference row uses 0.445 of 1).
 */

/**
 * Wilson score interval for a proportion, as a fraction in 0..1 (Wilson 1927; Newcombe & Altman,
 * Statistics with Confidence, 2000), the interval of PHEindicatormethods' wilson_lower/upper:
 * (2x + z² ∓ z√(z² + 4x(1 − x/n))) / 2 / (n + z²).
 *
 * Written as R writes it, the limit nearer the boundary subtracts two nearly equal numbers (for
 * 1 of 10^12, or 10^12 − 1 of 10^12, most digits cancel) and can then even move the wrong way as
 * confidence rises. So the near limit uses the equivalent cancellation-free form
 * 2x·(x/n) / (2x + z² + z√(…)) (the product of the two numerators is 4x²(1 + z²/n)), and
 * proportions above ½ use the symmetry lower(x, n) = 1 − upper(n − x, n). This matches a 60-digit
 * evaluation of the formula to about 1e-15, limits move monotonically with confidence even in
 * rounding, and they are exactly 0 at x = 0 and 1 at x = n.
 */
export function wilsonInterval(numerator: number, denominator: number, confidence = 0.95): Interval {
  checkCount('numerator', numerator);
  checkPositive('denominator', denominator);
  if (numerator > denominator) {
    throw new RangeError(
      `numerator must be less than or equal to denominator for a Wilson score to be calculated ` +
        `(got numerator ${numerator}, denominator ${denominator})`,
    );
  }
  const z = zFor(confidenceFraction(confidence));
  const n = denominator;
  const z2 = z * z;
  // Limits for x ≤ n/2: `near` is the one towards 0, `far` the one towards 1.
  const sum = (x: number): number => 2 * x + z2 + z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const near = (x: number): number => (x === 0 ? 0 : (2 * x * (x / n)) / sum(x));
  const far = (x: number): number => sum(x) / 2 / (n + z2);
  if (numerator <= n / 2) {
    return { lower: near(numerator), upper: Math.min(1, far(numerator)) };
  }
  const rest = n - numerator; // exact: numerator is within a factor 2 of n (Sterbenz)
  return { lower: Math.max(0, 1 - far(rest)), upper: 1 - near(rest) };
}

/**
 * Byar's approximation to the Poisson limits for a count (Breslow & Day 1987), as
 * PHEindicatormethods' byars_lower/upper:
 *   lower = x (1 − 1/(9x) − z/(3√x))³,  upper = (x+1) (1 − 1/(9(x+1)) + z/(3√(x+1)))³.
 * For very small counts at high confidence (e.g. 1 event at 99.8%) the lower cube goes negative:
 * the approximation has broken down (the APHO reference sheet leaves that cell blank, and R returns
 * the negative number); we return 0, the floor for a count. At 0 events the formula is 0 × ∞,
 * NaN in R; the lower limit is 0. phe_rate only uses Byar from 10 events: see countInterval.
 */
export function byarInterval(count: number, confidence = 0.95): Interval {
  checkCount('count', count);
  const z = zFor(confidenceFraction(confidence));
  const x = count;
  const lower = x === 0 ? 0 : Math.max(0, x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3);
  const upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
  return { lower, upper };
}

/**
 * Exact Poisson limits for a count (Armitage & Berry, Statistical Methods in Medical Research,
 * 2002), via the chi-squared/gamma link: lower = χ²((1−c)/2; 2x)/2, upper = χ²((1+c)/2; 2x+2)/2,
 * i.e. Gamma(x) and Gamma(x+1) quantiles, as phe_rate's qchisq(...)/2. The lower limit of 0 events is 0.
 */
export function exactPoissonInterval(count: number, confidence = 0.95): Interval {
  checkCount('count', count);
  const c = confidenceFraction(confidence);
  const tail = (1 - c) / 2;
  const lower = count === 0 ? 0 : gammaQuantile(count, tail, 'lower');
  const upper = gammaQuantile(count + 1, tail, 'upper');
  return { lower, upper };
}

/**
 * Limits for a count the way phe_rate chooses them: exact Poisson below 10 events, where Byar's
 * approximation is poor, and Byar's method from 10.
 */
export function countInterval(count: number, confidence = 0.95): CountInterval {
  checkCount('count', count);
  if (count < BYAR_MINIMUM_COUNT) return { ...exactPoissonInterval(count, confidence), method: 'exact Poisson' };
  return { ...byarInterval(count, confidence), method: "Byar's method" };
}

/**
 * A crude rate with limits, e.g. per 1,000 population: the count's limits (countInterval)
 * divided by the denominator times the multiplier, as phe_rate. A rate may exceed the
 * multiplier (more events than people), so count > denominator is allowed.
 */
export function rateInterval(
  count: number,
  denominator: number,
  confidence = 0.95,
  multiplier = 100000,
): RateInterval {
  checkCount('count', count);
  checkPositive('denominator', denominator);
  checkPositive('multiplier', multiplier);
  const c = confidenceFraction(confidence);
  const limits = countInterval(count, c);
  return {
    value: (count / denominator) * multiplier,
    lower: (limits.lower / denominator) * multiplier,
    upper: (limits.upper / denominator) * multiplier,
    method: limits.method,
    confidence: c,
  };
}

/**
 * A proportion with Wilson score limits, scaled by the multiplier (100 for a percentage), as
 * phe_proportion.
 */
export function proportionInterval(
  numerator: number,
  denominator: number,
  confidence = 0.95,
  multiplier = 1,
): ProportionInterval {
  checkCount('numerator', numerator);
  checkPositive('denominator', denominator);
  checkPositive('multiplier', multiplier);
  const c = confidenceFraction(confidence);
  const limits = wilsonInterval(numerator, denominator, c);
  return {
    value: (numerator / denominator) * multiplier,
    lower: limits.lower * multiplier,
    upper: limits.upper * multiplier,
    method: 'Wilson score',
    confidence: c,
  };
}
