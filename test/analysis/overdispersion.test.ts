/**
 * Overdispersion (src/analysis/overdispersion.ts) against calculations written out here step by
 * step. The intermediate numbers were computed separately with numpy 2.4 and scipy 1.17
 * (numpy.percentile, scipy.stats.chi2.ppf, scipy.stats.norm.ppf), to 12 significant figures.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { funnelCurve, funnelLimits, groupComparison } from '../../src/analysis/comparison';
import {
  chanceStandardError,
  dispersionRatio,
  estimateOverdispersion,
  overdispersedLimits,
  overdispersionBound,
  percentileType7,
  tauSquared,
  winsorise,
  zScore,
} from '../../src/analysis/overdispersion';
import { monthIndex, periodFromMonths } from '../../src/analysis/periods';
import { IndicatorFacts, ValuePoint } from '../../src/analysis/types';

function close(actual: number | null | undefined, expected: number, relative = 1e-9, message = ''): void {
  assert.ok(typeof actual === 'number', `${message} expected a number, got ${String(actual)}`);
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(1e-300, Math.abs(expected)), `${message} expected ${expected}, got ${actual}`);
}

function closeAll(actual: readonly number[], expected: readonly number[], relative = 1e-9, message = ''): void {
  assert.equal(actual.length, expected.length, `${message} length`);
  actual.forEach((a, i) => close(a, expected[i], relative, `${message}[${i}]`));
}

/** Byar's limits of k events (Breslow & Day), for the chance-only (NONE) funnel. */
function byar(k: number, z: number): { lower: number; upper: number } {
  return {
    lower: k * (1 - 1 / (9 * k) - z / (3 * Math.sqrt(k))) ** 3,
    upper: (k + 1) * (1 - 1 / (9 * (k + 1)) + z / (3 * Math.sqrt(k + 1))) ** 3,
  };
}

/** qnorm(0.975) and qnorm(0.999). */
const Z95 = 1.95996398454005;
const Z998 = 3.09023230616781;

const FY_2021_22 = periodFromMonths(monthIndex(2021, 4), monthIndex(2022, 3));

const CRIME_RATE: IndicatorFacts = {
  name: 'All crime rate', valueType: 'RATE', polarity: 'LOW_IS_GOOD', decimals: 2, unit: 'per 1,000 population', multiplier: 1000,
};
const SATISFIED: IndicatorFacts = {
  name: 'Victims satisfied', valueType: 'PERCENTAGE', polarity: 'HIGH_IS_GOOD', decimals: 1, unit: '%', multiplier: 100,
};

function point(name: string, numerator: number, denominator: number, scale: number): ValuePoint {
  return { areaName: name, areaCode: `E-${name}`, period: FY_2021_22, value: (numerator / denominator) * scale, numerator, denominator };
}

// ---------------------------------------------------------------------------------------------
// Percentiles (type 7) and winsorising
// ---------------------------------------------------------------------------------------------

describe('percentileType7: numpy.percentile / R quantile(type = 7)', () => {
  test('against numpy values worked by hand', () => {
    // 1..10: h = 9p. p = 0.1: h = 0.9, 1 + 0.9 × (2 − 1) = 1.9; p = 0.9: h = 8.1, 9 + 0.1 = 9.1;
    // p = 0.25: h = 2.25, 3.25; p = 0.5: h = 4.5, 5.5. numpy.percentile(range(1, 11), [10, 25, 50, 90]) = [1.9, 3.25, 5.5, 9.1].
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    closeAll([0.1, 0.25, 0.5, 0.9].map((p) => percentileType7(ten, p)), [1.9, 3.25, 5.5, 9.1], 1e-14);
    // Unsorted [40, 15, 35, 20, 50], sorted 15 20 35 40 50, h = 4p. p = 0.1: h = 0.4, 15 + 0.4 × 5 = 17;
    // p = 0.4: h = 1.6, 20 + 0.6 × 15 = 29; p = 0.9: h = 3.6, 40 + 0.6 × 10 = 46. numpy: [17, 29, 46].
    closeAll([0.1, 0.4, 0.9].map((p) => percentileType7([40, 15, 35, 20, 50], p)), [17, 29, 46], 1e-14);
    // Two values: h = p; [-2, 7] at 0.1: -2 + 0.1 × 9 = -1.1; at 0.9: -2 + 0.9 × 9 = 6.1. numpy: [-1.1, 6.1].
    closeAll([0.1, 0.9].map((p) => percentileType7([7, -2], p)), [-1.1, 6.1], 1e-14);
    // One value is every percentile; the ends are the minimum and maximum.
    assert.deepEqual([0, 0.1, 0.9, 1].map((p) => percentileType7([3.5], p)), [3.5, 3.5, 3.5, 3.5]);
    assert.deepEqual([percentileType7(ten, 0), percentileType7(ten, 1)], [1, 10]);
  });

  test('winsorise at 10% and 90%: those beyond are set to the percentile, the rest kept', () => {
    closeAll(winsorise([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]), [9.1, 1.9, 2, 3, 4, 5, 6, 7, 8, 9], 1e-14);
    assert.deepEqual(winsorise([5, 5, 5]), [5, 5, 5]);
  });

  test('inputs a user can correct', () => {
    assert.throws(() => percentileType7([], 0.1), { name: 'RangeError', message: 'a percentile needs at least one value' });
    assert.throws(() => percentileType7([1, Number.NaN], 0.1), { name: 'RangeError', message: 'every value of a percentile must be a finite number (got NaN)' });
    assert.throws(() => percentileType7([1, 2], 10), {
      name: 'RangeError', message: 'a percentile\'s probability must be between 0 and 1, e.g. 0.1 for the 10th percentile (got 10)',
    });
    assert.throws(() => winsorise([1, 2], 0.5), { name: 'RangeError', message: 'the share winsorised at each end must be from 0 to less than 0.5, e.g. 0.1 (got 0.5)' });
  });
});

// ---------------------------------------------------------------------------------------------
// Worked example 1: the 2021-22 all-crime rate of the police.uk peer counties
// ---------------------------------------------------------------------------------------------

/**
 * All crime (excluding anti-social behaviour) in 2021-22 and the mid-2020 population, as
 * `indicator(id: "police-uk/all-crime/rate") { countyComparison(area: "E10000018", period: "2021-22") }`
 * answers on the seeded database (the shipped police.uk counts and ONS estimates).
 */
const PEER_COUNTIES: ReadonlyArray<readonly [string, number, number]> = [
  ['Staffordshire', 43978, 883172],
  ['Gloucestershire', 41198, 640650],
  ['Warwickshire', 38308, 583786],
  ['Cambridgeshire', 43257, 657204],
  ['Leicestershire', 46961, 713085],
  ['Nottinghamshire', 58377, 833377],
  ['Worcestershire', 41991, 598070],
  ['Derbyshire', 56837, 807183],
  ['Lincolnshire', 55389, 766333],
];
const peers = PEER_COUNTIES.map(([name, events, population]) => point(name, events, population, 1000));

describe('worked example 1: all crime per 1,000 in the nine peer counties, 2021-22', () => {
  // Group average θ = Σ crimes / Σ population × 1,000 = 426,296 / 6,482,860 × 1,000 = 65.7573971982.
  const theta = 65.7573971982;
  // For each county in the order above: y = crimes / population × 1,000; s = √(θ × 1,000 / population);
  // z = (y − θ) / s. Gloucestershire: y = 41,198 / 640,650 × 1,000 = 64.3065636463,
  // s = √(65,757.3971982 / 640,650) = 0.320377414401, z = (64.3065636463 − 65.7573971982) / 0.320377414401 = −4.52851382975.
  const s = [0.272866148863, 0.320377414401, 0.335618173418, 0.316316763461, 0.303669837347, 0.280899879013, 0.33158608588, 0.285421250128, 0.292929792201];
  const z = [-58.4971329103, -4.52851382975, -0.409575930545, 0.197107065489, 0.325046813087, 15.2770882761, 13.4307435561, 16.314913191, 22.2598771029];
  // Sorted: −58.497, −4.529, −0.410, 0.197, 0.325, 13.431, 15.277, 16.315, 22.260.
  // 10th percentile: h = (9 − 1) × 0.1 = 0.8, −58.4971329103 + 0.8 × (−4.52851382975 + 58.4971329103) = −15.3222376459.
  // 90th percentile: h = 7.2, 16.314913191 + 0.2 × (22.2598771029 − 16.314913191) = 17.5039059734.
  const p10 = -15.3222376459;
  const p90 = 17.5039059734;
  // Winsorised: Staffordshire's −58.497 becomes −15.322 and Lincolnshire's 22.260 becomes 17.504; the rest stand.
  const winsorised = [p10, ...z.slice(1, 8), p90];
  // Σ z² (winsorised) = 1,241.92807848; φ = 1,241.92807848 / 9 = 137.992008719.
  const phi = 137.992008719;
  // The test: N·φ = 1,241.93 against χ²(0.95, 8) = 15.5073130559: overdispersed, by far.
  const bound = 15.5073130559;
  // τ²: w = 1/s², Σw = 98.587539596, Σw² = 1,101.43740946, Σw − Σw²/Σw = 87.4153629297;
  // τ² = (1,241.92807848 − 8) / 87.4153629297 = 14.1156890176 (τ = 3.757 per 1,000).
  const tau2 = 14.1156890176;

  test('standard errors, z-scores, percentiles, winsorised z-scores, φ, the χ² bound and τ²', () => {
    const average = ((426296 / 6482860) * 1000);
    close(average, theta, 1e-11);
    const errors = peers.map((p) => chanceStandardError(CRIME_RATE, average, p.denominator!));
    closeAll(errors, s, 1e-10, 's');
    const scores = peers.map((p, i) => zScore(p.value!, average, errors[i]));
    closeAll(scores, z, 1e-10, 'z');
    close(percentileType7(scores, 0.1), p10, 1e-10);
    close(percentileType7(scores, 0.9), p90, 1e-10);
    closeAll(winsorise(scores), winsorised, 1e-10, 'winsorised');
    close(dispersionRatio(winsorise(scores)), phi, 1e-10);
    close(overdispersionBound(9), bound, 1e-10);
    close(tauSquared(phi, errors), tau2, 1e-9);
  });

  test('AUTO: overdispersed, so ADDITIVE; the explanation says so in plain words', () => {
    const members = peers.map((p) => ({ value: p.value!, denominator: p.denominator! }));
    const od = estimateOverdispersion(CRIME_RATE, theta, members, 'AUTO');
    assert.deepEqual([od.method, od.adjusted, od.overdispersed, od.members, od.winsorisedShare], ['ADDITIVE', true, true, 9, 0.1]);
    close(od.phi, phi, 1e-9);
    close(od.statistic, 1241.92807848, 1e-9);
    close(od.bound, bound, 1e-9);
    close(od.tau2, tau2, 1e-9);
    // In plain words: √φ = 11.75 and τ = √14.12 = 3.757, rounded; φ, the test and τ² are in the technical account.
    assert.equal(
      od.explanation,
      'Areas this size differ by more than chance alone, so only differences beyond that spread are called significant: ' +
        'the 9 members\' differences from the average are typically 11.7 times as large as chance alone would make them. ' +
        'The limits allow for a spread between areas of about 3.8 per 1,000 population on top of chance.',
    );
    assert.match(od.technical, /^φ = 138\.0, the mean squared z-score of the 9 members .*; N·φ = 1,242 exceeds 15\.51, the 95th percentile of χ² with 8 degrees of freedom, /);
    assert.match(od.technical, /τ² = 14\.12 by DerSimonian–Laird/);
    assert.match(od.technical, /Spiegelhalter, Handling over-dispersion of performance indicators, QSHC 2005/);
    assert.match(od.technical, /NHS Digital SHMI methodology/);
    // MULTIPLICATIVE: the same φ, no τ²; NONE: φ reported, nothing widened.
    const multiplicative = estimateOverdispersion(CRIME_RATE, theta, members, 'MULTIPLICATIVE');
    assert.deepEqual([multiplicative.method, multiplicative.adjusted, multiplicative.tau2], ['MULTIPLICATIVE', true, null]);
    assert.match(multiplicative.explanation, /^Areas this size differ by more than chance alone.*The limits are drawn 11\.7 times as wide as chance alone would draw them\.$/);
    assert.match(multiplicative.technical, /multiplicative limits θ ± z·s·√φ/);
    const none = estimateOverdispersion(CRIME_RATE, theta, members, 'NONE');
    assert.deepEqual([none.method, none.adjusted, none.tau2, none.overdispersed], ['NONE', false, null, true]);
    assert.match(none.explanation, /^The limits allow for chance alone, as asked, although the 9 members' differences/);
  });

  test('each method\'s limits for Gloucestershire and Staffordshire', () => {
    const glos = { s: s[1], n: 640650 };
    // NONE: the chance-only funnel (Poisson, Byar's method at these counts). Expected crimes at the
    // average μ = 65.7573971982 × 640.650 = 42,127.47; the lower 99.8% limit is the count whose
    // Byar upper limit reaches μ, the upper the count whose Byar lower limit does.
    const none = funnelLimits(CRIME_RATE, theta, glos.n);
    const mu = (theta * glos.n) / 1000;
    close(byar((none.lower998 * glos.n) / 1000, Z998).upper, mu, 1e-9);
    close(byar((none.upper998 * glos.n) / 1000, Z998).lower, mu, 1e-9);
    // About θ ± 3.09 × s = 65.757 ± 0.990: [64.77, 66.75]. Gloucestershire's 64.31 is below it.
    close(none.lower998, 64.7688026437, 1e-9);
    close(none.upper998, 66.7504401413, 1e-9);
    // MULTIPLICATIVE: θ ± z × s × √φ. 99.8%: 3.09023230616781 × 0.320377414401 × √137.992008719 = 11.630007341.
    const multiplicative = { method: 'MULTIPLICATIVE' as const, phi, tau2: null };
    const m998 = overdispersedLimits(CRIME_RATE, theta, glos.n, multiplicative, 0.998);
    close(m998.lower, 54.1273898571, 1e-9);
    close(m998.upper, 77.3874045392, 1e-9);
    close(Z998 * glos.s * Math.sqrt(phi), 11.630007341, 1e-9);
    // ADDITIVE: θ ± z × √(s² + τ²). 95%: 1.95996398454005 × √(0.320377414401² + 14.1156890176) = 7.39047575622;
    // 99.8%: 3.09023230616781 × the same root = 11.6524013298.
    const additive = { method: 'ADDITIVE' as const, phi, tau2 };
    const a95 = overdispersedLimits(CRIME_RATE, theta, glos.n, additive, 0.95);
    const a998 = overdispersedLimits(CRIME_RATE, theta, glos.n, additive, 0.998);
    close(Z95 * Math.sqrt(glos.s ** 2 + tau2), 7.39047575622, 1e-9);
    close(a95.lower, 58.3669214419, 1e-9);
    close(a95.upper, 73.1478729544, 1e-9);
    close(a998.lower, 54.1049958684, 1e-9);
    close(a998.upper, 77.4097985279, 1e-9);
    // funnelLimits takes the same path when given an adjusted overdispersion.
    const od = estimateOverdispersion(CRIME_RATE, theta, peers.map((p) => ({ value: p.value!, denominator: p.denominator! })), 'ADDITIVE');
    const widened = funnelLimits(CRIME_RATE, theta, glos.n, od);
    close(widened.lower998, 54.1049958684, 1e-9);
    close(widened.upper95, 73.1478729544, 1e-9);
    close(widened.expected, mu, 1e-12);
    assert.match(widened.method, /^additive random-effects control limits θ ± z√\(s² \+ τ²\), s² = θ × 1,000\/n \(Poisson\) and τ² = 14\.12/);
    // Staffordshire (883,172 people, 49.80 per 1,000) is outside even the widened limits:
    // ADDITIVE 99.8% [54.116551185, 77.3982432113], MULTIPLICATIVE 99.8% [55.852094353, 75.6627000433].
    const staffs = overdispersedLimits(CRIME_RATE, theta, 883172, additive, 0.998);
    close(staffs.lower, 54.116551185, 1e-9);
    close(overdispersedLimits(CRIME_RATE, theta, 883172, multiplicative, 0.998).lower, 55.852094353, 1e-9);
  });

  test('the county comparison: chance alone calls 6 of 9 significant at 99.8%; widened, only Staffordshire', () => {
    const outcomes = (choice: 'NONE' | 'MULTIPLICATIVE' | 'ADDITIVE' | 'AUTO') =>
      Object.fromEntries(groupComparison(CRIME_RATE, peers, 'E-Leicestershire', { overdispersion: choice }).members.map((m) => [m.areaName, `${m.outcome} ${m.level ?? ''}`.trim()]));
    assert.deepEqual(outcomes('NONE'), {
      Staffordshire: 'BETTER 0.998', Gloucestershire: 'BETTER 0.998', Warwickshire: 'SIMILAR', Cambridgeshire: 'SIMILAR', Leicestershire: 'SIMILAR',
      Nottinghamshire: 'WORSE 0.998', Worcestershire: 'WORSE 0.998', Derbyshire: 'WORSE 0.998', Lincolnshire: 'WORSE 0.998',
    });
    const widened = {
      Staffordshire: 'BETTER 0.998', Gloucestershire: 'SIMILAR', Warwickshire: 'SIMILAR', Cambridgeshire: 'SIMILAR', Leicestershire: 'SIMILAR',
      Nottinghamshire: 'SIMILAR', Worcestershire: 'SIMILAR', Derbyshire: 'SIMILAR', Lincolnshire: 'SIMILAR',
    };
    assert.deepEqual(outcomes('AUTO'), widened);
    assert.deepEqual(outcomes('ADDITIVE'), widened);
    assert.deepEqual(outcomes('MULTIPLICATIVE'), widened);

    const result = groupComparison(CRIME_RATE, peers, 'E-Leicestershire', { overdispersion: 'AUTO', label: 'peer group average' });
    assert.equal(result.overdispersion?.method, 'ADDITIVE');
    assert.equal(result.funnel?.overdispersion, result.overdispersion, 'the curve is drawn with the limits the members were judged by');
    const glos = result.members.find((m) => m.areaName === 'Gloucestershire')!;
    close(glos.benchmark.lowerLimit, 54.1049958684, 1e-9);
    close(glos.benchmark.upperLimit, 77.4097985279, 1e-9);
    assert.equal(
      glos.explanation,
      'Gloucestershire, 64.31 per 1,000 population, is 2.2% lower than the peer group average of 65.76: ' +
        'similar, within what chance and the usual spread between areas would explain for an area of its size.',
    );
    assert.match(
      glos.method,
      /^funnel plot: additive random-effects control limits .*Gloucestershire 64\.31 per 1,000 population against peer group average 65\.76 for its denominator 640,650, widened for the spread between areas beyond chance: 95% limits 58\.37–73\.15, 99\.8% limits 54\.10–77\.41; within the 95% limits$/,
    );
    const staffs = result.members.find((m) => m.areaName === 'Staffordshire')!;
    assert.equal(
      staffs.explanation,
      'Staffordshire, 49.80 per 1,000 population, is 24.3% lower than the peer group average of 65.76: better, by more than chance ' +
        'and the usual spread between areas would explain for an area of its size (99.8% confidence).',
    );
    assert.match(staffs.method, /99\.8% limits 54\.12–77\.40; outside the 99\.8% limits$/);
    assert.match(result.explanation, /: 1 better, 8 similar\. Areas this size differ by more than chance alone, so only differences beyond that spread are called significant\. Leicestershire ranks 5 of 9 \(1 is best\), in the second quarter of the group\.$/);
    assert.match(result.method, /widened for overdispersion: φ = 138\.0, the mean squared z-score of the 9 members/);
    // Chance alone, the method says which funnel it is and what φ would have said.
    const chance = groupComparison(CRIME_RATE, peers, null, { overdispersion: 'NONE' });
    assert.match(chance.method, /PHEindicatormethods funnel method: Poisson for rates and counts, binomial for percentages; overdispersion: φ = 138\.0/);
    assert.doesNotMatch(chance.explanation, /chance alone/);
  });

  test('the funnel curve follows the widened limits; each member\'s limits lie on it', () => {
    const result = groupComparison(CRIME_RATE, peers, null, { overdispersion: 'AUTO' });
    const funnel = result.funnel!;
    const curve = funnelCurve(funnel.indicator, funnel.average, [640650], 3, funnel.overdispersion)!;
    close(curve[1].denominator, 640650, 1e-12);
    close(curve[1].lower998, 54.1049958684, 1e-9);
    close(curve[1].upper95, 73.1478729544, 1e-9);
    // Without the adjustment, the chance-only curve.
    const chance = funnelCurve(funnel.indicator, funnel.average, [640650], 3)!;
    close(chance[1].lower998, 64.7688026437, 1e-9);
  });
});

// ---------------------------------------------------------------------------------------------
// Worked example 2: percentages, where the two methods differ
// ---------------------------------------------------------------------------------------------

describe('worked example 2: a percentage in eight areas of different sizes', () => {
  // Cohorts and percentages: A 5,000 at 37%, B 4,000 at 41%, C 3,000 at 42%, D 2,000 at 40%,
  // E 1,000 at 43%, F 800 at 38%, G 500 at 46%, H 300 at 33%.
  const rows: ReadonlyArray<readonly [string, number, number]> = [
    ['A', 1850, 5000], ['B', 1640, 4000], ['C', 1260, 3000], ['D', 800, 2000], ['E', 430, 1000], ['F', 304, 800], ['G', 230, 500], ['H', 99, 300],
  ];
  const areas = rows.map(([name, x, n]) => point(name, x, n, 100));
  // θ = 6,613 / 16,600 × 100 = 39.8373493976%.
  const theta = 39.8373493976;
  // s = √(θ(100 − θ)/n): A √(39.8373493976 × 60.1626506024 / 5,000) = 0.692346810888; …; H 2.82649401953.
  const s = [0.692346810888, 0.774067266575, 0.893815889456, 1.09469642658, 1.54813453315, 1.73086702722, 2.18939285316, 2.82649401953];
  // z: A (37 − 39.8373493976) / 0.692346810888 = −4.09816200923; …
  const z = [-4.09816200923, 1.50200202568, 2.41957054906, 0.14858055481, 2.0428784028, -1.06151967118, 2.81477606612, -2.41902135662];
  // Sorted: −4.098, −2.419, −1.062, 0.149, 1.502, 2.043, 2.420, 2.815. h = 7 × 0.1 = 0.7:
  // −4.09816200923 + 0.7 × (−2.41902135662 + 4.09816200923) = −2.9227635524; h = 6.3:
  // 2.41957054906 + 0.3 × (2.81477606612 − 2.41957054906) = 2.53813220418.
  // Winsorised: A −4.098 → −2.923, G 2.815 → 2.538. Σ z² = 34.2689102821, φ = 34.2689102821 / 8 = 4.28361378526.
  const phi = 4.28361378526;
  // N·φ = 34.27 > χ²(0.95, 7) = 14.0671404493: overdispersed.
  // Σw = 6.92613084141, Σw² = 9.74536480781, Σw − Σw²/Σw = 5.51908771286; τ² = (34.2689102821 − 7) / 5.51908771286 = 4.94083654778.
  const tau2 = 4.94083654778;

  test('z-scores, winsorising, φ, the test and τ²', () => {
    const errors = areas.map((a) => chanceStandardError(SATISFIED, theta, a.denominator!));
    closeAll(errors, s, 1e-10, 's');
    const scores = areas.map((a, i) => zScore(a.value!, theta, errors[i]));
    closeAll(scores, z, 1e-9, 'z');
    closeAll(winsorise(scores), [-2.9227635524, ...z.slice(1, 6), 2.53813220418, z[7]], 1e-9, 'winsorised');
    close(dispersionRatio(winsorise(scores)), phi, 1e-9);
    close(overdispersionBound(8), 14.0671404493, 1e-10);
    close(tauSquared(phi, errors), tau2, 1e-9);
    const od = estimateOverdispersion(SATISFIED, theta, areas.map((a) => ({ value: a.value!, denominator: a.denominator! })), 'AUTO');
    assert.deepEqual([od.method, od.adjusted], ['ADDITIVE', true]);
    close(od.tau2, tau2, 1e-9);
    // τ = √4.941 = 2.22 percentage points, rounded.
    assert.match(od.explanation, /a spread between areas of about 2\.2 percentage points on top of chance\.$/);
    assert.match(od.technical, /τ² = 4\.941/);
  });

  test('limits: multiplicative stays narrow for the largest area, additive has a floor for all', () => {
    // A (5,000): MULTIPLICATIVE 95% 39.8373 ± 1.95996 × 0.692346810888 × √4.28361378526 = ± 2.80851624887 → [37.0288331487, 42.6458656465];
    // 37% is below: lower at 95% (99.8%: [35.4092233131, 44.2654754821], inside).
    // ADDITIVE 95% ± 1.95996 × √(0.692346810888² + 4.94083654778) = ± 4.5630473134 → [35.2743020842, 44.400396711]: inside.
    const mult = { method: 'MULTIPLICATIVE' as const, phi, tau2: null };
    const add = { method: 'ADDITIVE' as const, phi, tau2 };
    const a = (method: typeof mult | typeof add, c: number) => overdispersedLimits(SATISFIED, theta, 5000, method, c);
    close(a(mult, 0.95).lower, 37.0288331487, 1e-9);
    close(a(mult, 0.95).upper, 42.6458656465, 1e-9);
    close(a(mult, 0.998).lower, 35.4092233131, 1e-9);
    close(a(add, 0.95).lower, 35.2743020842, 1e-9);
    close(a(add, 0.998).upper, 47.0318062007, 1e-9);
    // G (500): MULTIPLICATIVE 95% ± 8.88130819202 → [30.9560412056, 48.7186575896]: 46% inside.
    // ADDITIVE 95% ± 1.95996 × √(2.18939285316² + 4.94083654778) = ± 6.11504919036 → [33.7223002072, 45.9523985879]: 46% is above.
    const g = (method: typeof mult | typeof add, c: number) => overdispersedLimits(SATISFIED, theta, 500, method, c);
    close(g(mult, 0.95).upper, 48.7186575896, 1e-9);
    close(g(add, 0.95).lower, 33.7223002072, 1e-9);
    close(g(add, 0.95).upper, 45.9523985879, 1e-9);
    close(g(add, 0.998).upper, 49.4788135831, 1e-9);
  });

  test('outcomes by method: chance alone flags five; multiplicative only A, additive only G', () => {
    const outcomes = (choice: 'NONE' | 'MULTIPLICATIVE' | 'ADDITIVE') =>
      groupComparison(SATISFIED, areas, null, { overdispersion: choice }).members
        .filter((m) => m.outcome !== 'SIMILAR').map((m) => `${m.areaName} ${m.outcome} ${m.level}`).sort();
    // NONE (binomial, θ ± z√(θ(100 − θ)/n)): A is 4.10 standard errors below, C 2.42 and E 2.04 and G 2.81 above, H 2.42 below.
    assert.deepEqual(outcomes('NONE'), ['A WORSE 0.998', 'C BETTER 0.95', 'E BETTER 0.95', 'G BETTER 0.95', 'H WORSE 0.95']);
    assert.deepEqual(outcomes('MULTIPLICATIVE'), ['A WORSE 0.95']);
    assert.deepEqual(outcomes('ADDITIVE'), ['G BETTER 0.95']);
  });
});

// ---------------------------------------------------------------------------------------------
// Worked example 3: within chance, so nothing is widened
// ---------------------------------------------------------------------------------------------

describe('worked example 3: six rates within chance', () => {
  const rows: ReadonlyArray<readonly [string, number, number]> = [
    ['U', 5090, 100000], ['V', 3950, 80000], ['W', 6050, 120000], ['X', 4940, 100000], ['Y', 2610, 50000], ['Z', 4890, 100000],
  ];
  const areas = rows.map(([name, x, n]) => point(name, x, n, 1000));
  // θ = 27,530 / 550,000 × 1,000 = 50.0545454545.
  const theta = 50.0545454545;
  // s = √(θ × 1,000 / n): 0.707492370662, 0.791000517182, 0.645849217791, 0.707492370662, 1.00054530587, 0.707492370662.
  const s = [0.707492370662, 0.791000517182, 0.645849217791, 0.707492370662, 1.00054530587, 0.707492370662];
  // z: 1.19500164315, −0.859096093852, 0.560690021983, −0.925162562435, 2.14428525413, −1.6318839643.
  // h = 5 × 0.1 = 0.5: −1.6318839643 + 0.5 × (−0.925162562435 + 1.6318839643) = −1.27852326337;
  // h = 4.5: 1.19500164315 + 0.5 × (2.14428525413 − 1.19500164315) = 1.66964344864.
  // Winsorised: Y 2.144 → 1.670, Z −1.632 → −1.279. Σ z² = 7.75870507382, φ = 1.2931175123.
  const phi = 1.2931175123;
  // N·φ = 7.7587 ≤ χ²(0.95, 5) = 11.0704976935: within chance. N·φ > N − 1 = 5, so the
  // DerSimonian–Laird formula alone gives τ² = (7.75870507382 − 5) / 9.05194333454 = 0.304763847039,
  // but the group is not overdispersed and nothing is widened.

  test('φ within the χ² bound: AUTO is NONE; ADDITIVE asked for reports τ² 0 and widens nothing', () => {
    const errors = areas.map((a) => chanceStandardError(CRIME_RATE, theta, a.denominator!));
    closeAll(errors, s, 1e-10);
    const scores = areas.map((a, i) => zScore(a.value!, theta, errors[i]));
    closeAll(winsorise(scores), [1.19500164315, -0.859096093852, 0.560690021983, -0.925162562435, 1.66964344864, -1.27852326337], 1e-9);
    close(dispersionRatio(winsorise(scores)), phi, 1e-9);
    close(overdispersionBound(6), 11.0704976935, 1e-10);
    close(tauSquared(phi, errors), 0.304763847039, 1e-8);
    const members = areas.map((a) => ({ value: a.value!, denominator: a.denominator! }));
    const auto = estimateOverdispersion(CRIME_RATE, theta, members, 'AUTO');
    assert.deepEqual([auto.method, auto.adjusted, auto.overdispersed, auto.tau2], ['NONE', false, false, null]);
    assert.equal(
      auto.explanation,
      'The 6 members differ no more than chance alone would explain (their differences from the average are typically 1.1 times ' +
        'as large as chance alone would make them), so the limits allow for chance alone.',
    );
    assert.match(auto.technical, /^φ = 1\.293, .*; N·φ = 7\.759 does not exceed 11\.07, the 95th percentile of χ² with 5 degrees of freedom; the limits are chance-only/);
    const additive = estimateOverdispersion(CRIME_RATE, theta, members, 'ADDITIVE');
    assert.deepEqual([additive.method, additive.adjusted, additive.tau2], ['ADDITIVE', false, 0]);
    assert.match(additive.explanation, /so the limits allow for chance alone, and the additive widening asked for is not needed\.$/);
  });

  test('Y is above the chance-only 95% limit whichever method is asked for', () => {
    // Y: 2,610 in 50,000 = 52.2 per 1,000; μ = 50.0545454545 × 50 = 2,502.73 expected; Byar's 95%
    // limits of the funnel ≈ θ ± 1.96 × 1.00054530587 = [48.09, 52.02]: 52.2 is above, not at 99.8%.
    for (const choice of ['NONE', 'MULTIPLICATIVE', 'ADDITIVE', 'AUTO'] as const) {
      const result = groupComparison(CRIME_RATE, areas, 'E-Y', { overdispersion: choice });
      assert.deepEqual([result.subject?.outcome, result.subject?.level], ['WORSE', 0.95], choice);
      assert.equal(result.overdispersion?.adjusted, false);
      assert.equal(result.funnel?.overdispersion?.adjusted, false);
      assert.doesNotMatch(result.subject!.explanation, /widened/);
    }
    // Had it been widened (it is not): ADDITIVE 95% with τ² = 0.3048 would be [47.8148161692, 52.2942747399] and hold 52.2.
    const hypothetical = overdispersedLimits(CRIME_RATE, theta, 50000, { method: 'ADDITIVE', phi, tau2: 0.304763847039 }, 0.95);
    close(hypothetical.upper, 52.2942747399, 1e-8);
  });
});

// ---------------------------------------------------------------------------------------------
// Too small, edge cases, inputs
// ---------------------------------------------------------------------------------------------

describe('a group too small to estimate the spread', () => {
  test('fewer than 5 members: not tested, not widened, and the explanation says why', () => {
    const four = peers.slice(0, 4);
    for (const choice of ['AUTO', 'ADDITIVE', 'MULTIPLICATIVE', 'NONE'] as const) {
      const result = groupComparison(CRIME_RATE, four, null, { overdispersion: choice });
      const od = result.overdispersion!;
      assert.deepEqual([od.method, od.adjusted, od.tau2, od.bound, od.overdispersed, od.members], [choice === 'AUTO' ? 'NONE' : choice, false, null, null, null, 4]);
      assert.ok(od.phi > 1, 'φ is still computed');
      assert.match(od.explanation, /^Only 4 members were compared with the average: too few to estimate how much areas differ beyond chance \(at least 5 are needed\), so the limits allow for chance alone/);
      // Every member is judged by the chance-only funnel.
      for (const m of result.members) assert.deepEqual(m.funnel, funnelLimits(CRIME_RATE, result.benchmark.value!, m.point.denominator!));
    }
    assert.match(groupComparison(CRIME_RATE, four, null, { overdispersion: 'ADDITIVE' }).overdispersion!.explanation, /; the additive widening asked for was not made\.$/);
    // Members without counts are not counted: five members, one of them with published limits only, is four.
    const withPublished = [...four, { ...point('Published', 500, 10000, 1000), numerator: null, denominator: null, lowerCI95: 45, upperCI95: 55 }];
    assert.equal(groupComparison(CRIME_RATE, withPublished, null, { overdispersion: 'AUTO' }).overdispersion?.members, 4);
  });

  test('no overdispersion where there is no funnel: counts, ratios, no average', () => {
    const count: IndicatorFacts = { ...CRIME_RATE, name: 'All crime', valueType: 'COUNT', unit: null, multiplier: 1 };
    const counts = peers.map((p) => ({ ...p, value: p.numerator, denominator: null }));
    assert.equal(groupComparison(count, counts, null, { overdispersion: 'AUTO' }).overdispersion, null);
    const ratio: IndicatorFacts = { ...CRIME_RATE, name: 'Ratio', valueType: 'RATIO', unit: null, multiplier: 1 };
    assert.equal(groupComparison(ratio, peers.map((p) => ({ ...p, numerator: null, denominator: null })), null, { overdispersion: 'AUTO' }).overdispersion, null);
    const blank = peers.map((p) => ({ ...p, value: null, numerator: null, denominator: null }));
    assert.equal(groupComparison(CRIME_RATE, blank, null, { overdispersion: 'AUTO' }).overdispersion, null);
  });

  test('all members at an average of zero: every z-score is 0, φ is 0, nothing is widened', () => {
    const zero = ['A', 'B', 'C', 'D', 'E'].map((name, i) => point(name, 0, 1000 * (i + 1), 1000));
    const od = groupComparison(CRIME_RATE, zero, null, { overdispersion: 'AUTO' }).overdispersion!;
    assert.deepEqual([od.phi, od.method, od.adjusted], [0, 'NONE', false]);
  });
});

describe('inputs', () => {
  test('sentences a user can act on', () => {
    assert.throws(() => chanceStandardError({ ...CRIME_RATE, valueType: 'COUNT' }, 10, 1), {
      name: 'RangeError', message: 'overdispersion is estimated for rates and percentages: indicator "All crime rate" is a count',
    });
    assert.throws(() => chanceStandardError(CRIME_RATE, 50, 0), { name: 'RangeError', message: 'a denominator must be greater than zero (got 0)' });
    assert.throws(() => chanceStandardError(SATISFIED, 120, 10), { name: 'RangeError', message: 'a group percentage cannot exceed 100% (got 120)' });
    assert.throws(() => zScore(3, 0, 0), { name: 'RangeError', message: 'a value of 3 cannot differ from the average 0 when its standard error is 0' });
    assert.throws(() => overdispersionBound(1), { name: 'RangeError', message: 'the test for overdispersion needs a whole number of at least 2 members (got 1)' });
    assert.throws(() => tauSquared(2, [1]), { name: 'RangeError', message: 'τ² needs the standard errors of at least 2 members' });
    assert.throws(() => overdispersedLimits(CRIME_RATE, 50, 1000, { method: 'ADDITIVE', phi: 2, tau2: null }, 0.95), {
      name: 'RangeError', message: 'additive limits need τ², a finite number zero or more (got null)',
    });
    assert.throws(() => overdispersedLimits(CRIME_RATE, 50, 1000, { method: 'NONE', phi: 2, tau2: null }, 0.95), {
      name: 'RangeError', message: 'overdispersed limits are MULTIPLICATIVE or ADDITIVE; chance-only (NONE) limits are the funnel\'s own (got NONE)',
    });
    assert.throws(() => estimateOverdispersion(CRIME_RATE, 50, [{ value: 50, denominator: 1000 }], 'SOMETIMES' as 'AUTO'), {
      name: 'RangeError', message: 'overdispersion must be one of NONE, MULTIPLICATIVE, ADDITIVE, AUTO (got SOMETIMES)',
    });
    assert.throws(() => estimateOverdispersion(CRIME_RATE, 50, [], 'AUTO'), { name: 'RangeError', message: 'overdispersion needs at least one member compared by funnel limits' });
  });

  test('property: widened limits contain the chance-only normal limits, and are widened only when N·φ exceeds the bound', () => {
    const member = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1000, max: 200000 }));
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 12 }), fc.constantFrom('MULTIPLICATIVE', 'ADDITIVE', 'AUTO') as fc.Arbitrary<'MULTIPLICATIVE' | 'ADDITIVE' | 'AUTO'>, (rows, choice) => {
        const points = rows.map(([x, n], i) => point(`A${i}`, x, n, 1000));
        const average = (rows.reduce((t, [x]) => t + x, 0) / rows.reduce((t, [, n]) => t + n, 0)) * 1000;
        const od = groupComparison(CRIME_RATE, points, null, { overdispersion: choice }).overdispersion!;
        assert.equal(od.adjusted, rows.length >= 5 && od.statistic > overdispersionBound(rows.length));
        if (!od.adjusted) return;
        for (const [, n] of rows) {
          const widened = overdispersedLimits(CRIME_RATE, average, n, od, 0.998);
          const half = Z998 * chanceStandardError(CRIME_RATE, average, n);
          assert.ok(widened.lower <= Math.max(0, average - half) && widened.upper >= average + half);
        }
      }),
      { numRuns: 200 },
    );
  });
});
