import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  byarInterval,
  chiSquaredQuantile,
  confidenceFraction,
  countInterval,
  exactPoissonInterval,
  gammaQuantile,
  logGamma,
  normalQuantile,
  proportionInterval,
  rateInterval,
  regularizedGamma,
  wilsonInterval,
} from '../../src/analysis/confidence';

// ---------------------------------------------------------------------------------------------
// Reference data: the PHEindicatormethods / APHO spreadsheet values, copied under test/fixtures
// (see its README.md). Tests run from build/test/analysis, so find the project root by walking up.
// ---------------------------------------------------------------------------------------------

function referenceDirectory(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'test', 'fixtures', 'reference');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no project root with test/fixtures/reference above ${__dirname}`);
    dir = parent;
  }
}

interface CsvRow {
  /** 1-based line in the file, header being line 1, to name the row in failures. */
  line: number;
  cells: Record<string, string>;
}

/** The files are small, unquoted and comma-separated with CRLF endings; rows of only commas are padding. */
function readReference(file: string, expectedHeader: string[]): CsvRow[] {
  const text = readFileSync(path.join(referenceDirectory(), file), 'utf8');
  assert.ok(!text.includes('"'), `${file}: quoted fields are not expected`);
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  assert.deepEqual(header, expectedHeader, `${file}: unexpected columns`);
  const rows: CsvRow[] = [];
  lines.slice(1).forEach((text, index) => {
    const fields = text.split(',');
    if (fields.every((field) => field.trim() === '')) return;
    assert.equal(fields.length, header.length, `${file} line ${index + 2}: wrong number of fields`);
    rows.push({ line: index + 2, cells: Object.fromEntries(header.map((name, i) => [name, fields[i].trim()])) });
  });
  return rows;
}

/** A blank cell is the spreadsheet's "no value". */
function numberOrNaN(cell: string): number {
  return cell === '' ? NaN : Number(cell);
}

/*
 * Precision. The CSVs hold every value to 17 significant figures (0.445 is written
 * 0.44500000000000001): the round-trip form of an IEEE double, so the last digit or two are
 * binary noise rather than published information. The sheet itself is good to about 1e-14, not
 * 1e-17: its Wilson 99.8% limits imply z = 3.09023230616785 where z(0.999) is 3.0902323061678135
 * (its Byar 99.8% limits imply the right z), and its exact lower limit for 5 events at 99.8%,
 * 0.739371731917839, is 9e-15 from the 60-digit value 0.7393717319178326 (mpmath). Ours match the
 * 60-digit values to about 1e-15 and differ from the sheet by at most 2.4e-14 relative (Byar
 * 6e-16). So we require 13 significant figures: the difference must be at most half a unit in the
 * 13th significant digit of the reference value (the worst of the 190 values uses 0.41 of that).
 * (PHEindicatormethods' own tests of this data use expect_equal's default, 1.5e-8 relative.)
 */
const SIGNIFICANT_FIGURES = 13;

function assertReference(actual: number, expected: number, what: string): void {
  assert.ok(Number.isFinite(expected), `${what}: reference value is not a number`);
  if (expected === 0) {
    assert.equal(actual, 0, what);
    return;
  }
  const halfUnit = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(expected))) - (SIGNIFICANT_FIGURES - 1));
  const difference = Math.abs(actual - expected);
  assert.ok(
    difference <= halfUnit,
    `${what}: got ${actual}, reference ${expected}; differs by ${difference}, more than ${halfUnit} ` +
      `(half a unit in the ${SIGNIFICANT_FIGURES}th significant figure)`,
  );
}

// Spreadsheet method names → ours.
const METHODS: Record<string, string> = { Exact: 'exact Poisson', Byars: "Byar's method", Wilson: 'Wilson score' };

describe('reference values: byars-wilson.csv (byars_lower/upper, wilson_lower/upper)', () => {
  const rows = readReference('byars-wilson.csv', ['x', 'n', 'lowercl', 'uppercl', 'confidence', 'method']);

  test('has the 13 reference rows (6 Byar and 6 Wilson, plus 1 event at 99.8% with no lower limit)', () => {
    assert.equal(rows.length, 13);
  });

  for (const { line, cells } of rows) {
    // Confidence as the spreadsheet writes it, "95%" or "99.8%": passed as 95 / 99.8 to exercise
    // the percentage form.
    const confidence = Number(cells.confidence.replace(/%$/, ''));
    const name = `line ${line}: ${cells.method}, x ${cells.x}${cells.n ? `, n ${cells.n}` : ''}, ${cells.confidence}`;
    test(name, () => {
      assert.ok(confidence === 95 || confidence === 99.8, `${name}: unexpected confidence ${cells.confidence}`);
      const x = Number(cells.x);
      let result;
      if (cells.method === 'Byars') {
        assert.equal(cells.n, '', `${name}: Byar rows have no denominator`);
        result = byarInterval(x, confidence);
      } else {
        assert.equal(cells.method, 'Wilson', `${name}: unknown method`);
        result = wilsonInterval(x, Number(cells.n), confidence);
      }
      if (cells.lowercl === '') {
        // The only blank limit: Byar's lower limit for 1 event at 99.8%, where the bracket
        // (1 − 1/(9x) − z/(3√x)) is negative, so the formula's value is meaningless. We give 0.
        assert.equal(cells.method, 'Byars', `${name}: blank lower limit only expected for Byar`);
        const z = normalQuantile(0.999);
        assert.ok(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)) < 0, `${name}: Byar's bracket should be negative here`);
        assert.equal(result.lower, 0, `${name}: lower limit`);
      } else {
        assertReference(result.lower, Number(cells.lowercl), `${name}: lower limit`);
      }
      assertReference(result.upper, Number(cells.uppercl), `${name}: upper limit`);
    });
  }
});

describe('reference values: proportions.csv (phe_proportion, Wilson score)', () => {
  const header = ['Area', 'Numerator', 'Denominator', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl', 'statistic', 'method', 'multiplier'];
  const rows = readReference('proportions.csv', header);

  test('has the 19 reference rows (8 areas as proportions and as percentages, 3 with missing inputs)', () => {
    assert.equal(rows.length, 19);
  });

  for (const { line, cells } of rows) {
    const name = `line ${line}: ${cells.Area}, ${cells.Numerator || '(blank)'} / ${cells.Denominator || '(blank)'}, ${cells.statistic}`;
    test(name, () => {
      const numerator = numberOrNaN(cells.Numerator);
      const denominator = numberOrNaN(cells.Denominator);
      const multiplier = Number(cells.multiplier);
      assert.equal(cells.statistic, multiplier === 100 ? 'percentage' : `proportion of ${multiplier}`, `${name}: statistic`);
      assert.equal(cells.method, 'Wilson', `${name}: method`);

      if (Number.isNaN(numerator) || Number.isNaN(denominator)) {
        // No inputs, no limits: the spreadsheet leaves them blank; we refuse with a RangeError.
        for (const column of ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']) {
          assert.equal(cells[column], '', `${name}: ${column} should be blank`);
        }
        assert.throws(() => proportionInterval(numerator, denominator, 0.95, multiplier), RangeError, name);
        return;
      }

      for (const [confidence, lowerColumn, upperColumn] of [
        [0.95, 'lower95_0cl', 'upper95_0cl'],
        [0.998, 'lower99_8cl', 'upper99_8cl'],
      ] as const) {
        const result = proportionInterval(numerator, denominator, confidence, multiplier);
        assert.equal(result.method, METHODS[cells.method], `${name}: method`);
        assert.equal(result.confidence, confidence, `${name}: confidence`);
        assertReference(result.value, Number(cells.value), `${name}: value`);
        assertReference(result.lower, Number(cells[lowerColumn]), `${name}: ${lowerColumn}`);
        assertReference(result.upper, Number(cells[upperColumn]), `${name}: ${upperColumn}`);
      }
    });
  }
});

describe('reference values: rates.csv (phe_rate, exact below 10 events, Byar from 10)', () => {
  const header = ['Area', 'Numerator', 'Denominator', 'value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl', 'statistic', 'method', 'multiplier'];
  const rows = readReference('rates.csv', header);

  test('has the 20 reference rows (8 areas per 100 and per 100,000, 3 with missing inputs, 1 rate above the multiplier)', () => {
    assert.equal(rows.length, 20);
  });

  for (const { line, cells } of rows) {
    const name = `line ${line}: ${cells.Area}, ${cells.Numerator || '(blank)'} / ${cells.Denominator || '(blank)'}, ${cells.statistic}`;
    test(name, () => {
      const count = numberOrNaN(cells.Numerator);
      const denominator = numberOrNaN(cells.Denominator);
      const multiplier = Number(cells.multiplier);
      assert.equal(cells.statistic, `rate per ${multiplier}`, `${name}: statistic`);

      if (Number.isNaN(count) || Number.isNaN(denominator)) {
        for (const column of ['value', 'lower95_0cl', 'upper95_0cl', 'lower99_8cl', 'upper99_8cl']) {
          assert.equal(cells[column], '', `${name}: ${column} should be blank`);
        }
        // The sheet still names the method when only the denominator is missing (10 events: Byar).
        if (!Number.isNaN(count)) assert.equal(countInterval(count).method, METHODS[cells.method], `${name}: method`);
        else assert.equal(cells.method, '', `${name}: method should be blank`);
        assert.throws(() => rateInterval(count, denominator, 0.95, multiplier), RangeError, name);
        return;
      }

      for (const [confidence, lowerColumn, upperColumn] of [
        [0.95, 'lower95_0cl', 'upper95_0cl'],
        [0.998, 'lower99_8cl', 'upper99_8cl'],
      ] as const) {
        const result = rateInterval(count, denominator, confidence, multiplier);
        assert.equal(result.method, METHODS[cells.method], `${name}: method`);
        assert.equal(result.confidence, confidence, `${name}: confidence`);
        assertReference(result.value, Number(cells.value), `${name}: value`);
        assertReference(result.lower, Number(cells[lowerColumn]), `${name}: ${lowerColumn}`);
        assertReference(result.upper, Number(cells[upperColumn]), `${name}: ${upperColumn}`);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The building blocks against independent high-precision values (mpmath 1.3.0, 60 digits).
// ---------------------------------------------------------------------------------------------

function assertRelative(actual: number, expected: number, tolerance: number, what: string): void {
  const relative = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(relative <= tolerance, `${what}: got ${actual}, expected ${expected} (relative error ${relative})`);
}

describe('normalQuantile (AS 241)', () => {
  const cases: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [0.001, -3.0902323061678136],
    [0.025, -1.9599639845400543],
    [0.3, -0.5244005127080408],
    [0.6, 0.2533471031357997],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.9999999999, 6.361340889697422],
  ];
  for (const [p, z] of cases) {
    test(`normalQuantile(${p}) = ${z} to 1e-15`, () => assertRelative(normalQuantile(p), z, 1e-15, `p ${p}`));
  }

  test('is 0 at ½ and ±Infinity at the ends, as R qnorm', () => {
    assert.equal(normalQuantile(0.5), 0);
    assert.equal(normalQuantile(0), -Infinity);
    assert.equal(normalQuantile(1), Infinity);
  });

  test('is antisymmetric: z(p) = −z(1 − p)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 0.5, noNaN: true }), (p) => {
        const a = normalQuantile(p);
        const b = normalQuantile(1 - p);
        // 1 − p is rounded, so allow for that rounding's effect through the density.
        return Math.abs(a + b) <= 1e-13 * Math.max(1, Math.abs(a)) + 1e-16 / p;
      }),
    );
  });
});

describe('gamma and chi-squared quantiles (for the exact Poisson limits)', () => {
  const cases: [shape: number, tail: number, lower: number, upper: number][] = [
    [0.445, 0.025, 0.00019120105720048952, 2.3576154527502626],
    [0.445, 0.001, 1.3803672445372793e-7, 5.214748967476125],
    [1, 0.025, 0.025317807984289876, 3.6888794541139363],
    [1, 0.001, 0.0010005003335835335, 6.907755278982137],
    [5, 0.025, 1.6234863901184207, 10.241588675403698],
    [5, 0.001, 0.7393717319178326, 14.794149222537209],
    [9.5, 0.025, 4.4532582409939865, 16.426163430864854],
    [9.5, 0.001, 2.7034080088008987, 21.910097982258765],
    [65, 0.025, 50.16562772923427, 81.726571208885],
    [65, 0.001, 42.9018377497073, 92.78548519441262],
    [1045, 0.025, 982.593709411132, 1109.3004660905956],
    [1045, 0.001, 947.9464148953779, 1147.7525088438554],
    [1e6, 0.025, 998040.9833402939, 1001960.9109654503],
    [1e6, 0.001, 996912.6173198152, 1003093.0823698544],
  ];
  for (const [shape, tail, lower, upper] of cases) {
    test(`Gamma(${shape}) quantiles at tail ${tail} to 1e-13`, () => {
      assertRelative(gammaQuantile(shape, tail, 'lower'), lower, 1e-13, 'lower tail');
      assertRelative(gammaQuantile(shape, tail, 'upper'), upper, 1e-13, 'upper tail');
    });
  }

  test('chi-squared with 2 degrees of freedom is −2 ln(1 − p), and with 1 is z²', () => {
    for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) {
      assertRelative(chiSquaredQuantile(p, 2), -2 * Math.log1p(-p), 1e-14, `df 2, p ${p}`);
    }
    assertRelative(chiSquaredQuantile(0.95, 1), 1.959963984540054 ** 2, 1e-14, 'df 1, p 0.95');
    // Far upper tail: 1 − 2^−40 is exact in a double, and the quantile is −2 ln 2^−40 = 80 ln 2.
    // Solving P(x) = p there, rather than Q(x) = 1 − p, would lose four digits.
    assertRelative(chiSquaredQuantile(1 - 2 ** -40, 2), 80 * Math.LN2, 1e-14, 'df 2, p 1 − 2^−40');
  });

  test('logGamma matches factorials, Γ(½) = √π and high-precision values', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      factorial *= n;
      // ln 1! = 0, so compare absolutely below 1.
      const expected = Math.log(factorial);
      const error = Math.abs(logGamma(n + 1) - expected);
      assert.ok(error <= 1e-14 * Math.max(1, expected), `ln ${n}!: got ${logGamma(n + 1)}, expected ${expected}`);
    }
    assertRelative(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-15, 'ln Γ(½)');
    // Each branch: near 0, reflection below ½, Lanczos, Stirling from 10.
    const cases: [number, number][] = [
      [1e-10, 23.025850929882736],
      [1e-5, 11.512919692895826],
      [0.3, 1.0957979948180756],
      [2.5, 0.2846828704729192],
      [9.99, 12.779315214350193],
      [10.5, 13.940625219403763],
      [123.4, 469.3360974421906],
      [1e7, 151180949.3694739],
    ];
    for (const [a, expected] of cases) {
      // Absolute below 1: ln Γ crosses zero at 1 and 2, where relative error means nothing.
      const error = Math.abs(logGamma(a) - expected);
      assert.ok(error <= 2e-15 * Math.max(1, Math.abs(expected)), `ln Γ(${a}): got ${logGamma(a)}, expected ${expected}`);
    }
  });

  test('P and Q are complementary, and the quantile is within 1e-13 of where the tail equals the target', () => {
    // A residual check |P(x) − p| would be ill-conditioned (for shape 1e5, one unit in the last
    // place of x moves P by 1e-13 relative), so check instead that the target lies between the
    // tail probabilities at x(1 − 1e-13) and x(1 + 1e-13).
    fc.assert(
      fc.property(
        // From shape 0.1: below that, the 1e-6 quantile (about 1e-6^(1/shape)) underflows a double.
        fc.double({ min: 0.1, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        fc.constantFrom('lower' as const, 'upper' as const),
        (shape, target, tail) => {
          const x = gammaQuantile(shape, target, tail);
          const { lower, upper } = regularizedGamma(shape, x);
          assert.ok(Math.abs(lower + upper - 1) < 1e-15, `P + Q at shape ${shape}, x ${x}`);
          const below = regularizedGamma(shape, x * (1 - 1e-13))[tail];
          const above = regularizedGamma(shape, x * (1 + 1e-13))[tail];
          const [smaller, larger] = tail === 'lower' ? [below, above] : [above, below];
          assert.ok(
            smaller <= target && target <= larger,
            `shape ${shape}, ${tail} tail ${target}: quantile ${x} gives ${smaller}..${larger}`,
          );
        },
      ),
    );
  });

  test('exact Poisson limits solve the Poisson tail equations (summed term by term)', () => {
    // P(X ≥ k | μ = lower) = (1 − c)/2 and P(X ≤ k | μ = upper) = (1 − c)/2, with the Poisson
    // probabilities summed directly, independent of the incomplete gamma function.
    const poissonCdf = (k: number, mu: number): number => {
      let term = Math.exp(-mu);
      let sum = term;
      for (let j = 1; j <= k; j++) {
        term *= mu / j;
        sum += term;
      }
      return sum;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.constantFrom(0.9, 0.95, 0.99, 0.998), (k, confidence) => {
        const { lower, upper } = exactPoissonInterval(k, confidence);
        const tail = (1 - confidence) / 2;
        const aboveLower = 1 - poissonCdf(k - 1, lower);
        const belowUpper = poissonCdf(k, upper);
        assertRelative(aboveLower, tail, 1e-9, `P(X ≥ ${k} | ${lower})`);
        assertRelative(belowUpper, tail, 1e-9, `P(X ≤ ${k} | ${upper})`);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Behaviour: method choice, confidence forms, edge cases
// ---------------------------------------------------------------------------------------------

describe('method choice and confidence forms', () => {
  test('exact Poisson below 10 events, Byar from 10 (non-integer counts follow the same rule)', () => {
    assert.equal(countInterval(0).method, 'exact Poisson');
    assert.equal(countInterval(9).method, 'exact Poisson');
    assert.equal(countInterval(9.99).method, 'exact Poisson');
    assert.equal(countInterval(10).method, "Byar's method");
    assert.deepEqual(countInterval(9, 0.95), { ...exactPoissonInterval(9, 0.95), method: 'exact Poisson' });
    assert.deepEqual(countInterval(10, 0.998), { ...byarInterval(10, 0.998), method: "Byar's method" });
  });

  test('95 and 0.95, 99.8 and 0.998 give identical limits', () => {
    assert.equal(confidenceFraction(95), 0.95);
    assert.equal(confidenceFraction(99.8), 0.998);
    assert.deepEqual(rateInterval(7, 1000, 95, 1000), rateInterval(7, 1000, 0.95, 1000));
    assert.deepEqual(rateInterval(70, 1000, 99.8, 1000), rateInterval(70, 1000, 0.998, 1000));
    assert.deepEqual(proportionInterval(7, 10, 99.8, 100), proportionInterval(7, 10, 0.998, 100));
  });

  test('the ends of the accepted ranges are accepted', () => {
    for (const confidence of [0.9, 90, 0.9999, 99.99]) {
      const { lower, upper } = wilsonInterval(3, 10, confidence);
      assert.ok(lower > 0 && upper < 1, `confidence ${confidence}`);
    }
  });

  test('rate defaults to per 100,000 at 95%, proportion to a fraction at 95%', () => {
    assert.deepEqual(rateInterval(20, 100), rateInterval(20, 100, 0.95, 100000));
    assert.deepEqual(proportionInterval(20, 100), proportionInterval(20, 100, 0.95, 1));
  });

  test('zero events: lower limit 0, upper limit from the exact method (−ln(α/2) events)', () => {
    const { lower, upper, method } = countInterval(0, 0.95);
    assert.equal(lower, 0);
    assert.equal(method, 'exact Poisson');
    assertRelative(upper, -Math.log(0.025), 1e-14, 'upper limit for 0 events');
    const wilson = wilsonInterval(0, 50, 0.95);
    assert.equal(wilson.lower, 0);
    assert.ok(wilson.upper > 0);
    assert.equal(byarInterval(0).lower, 0); // R gives NaN here (0 × −∞)
  });

  test('all events: Wilson upper limit is exactly 1', () => {
    assert.equal(wilsonInterval(50, 50, 0.998).upper, 1);
    assert.equal(proportionInterval(50, 50, 0.95, 100).upper, 100);
  });

  test('a rate may exceed its multiplier (more events than population)', () => {
    const result = rateInterval(250, 220, 0.95, 100000);
    assert.ok(result.value > 100000 && result.lower < result.value && result.upper > result.value);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const confidenceLevel = fc.oneof(
  fc.constantFrom(0.95, 0.998, 95, 99.8),
  fc.double({ min: 0.9, max: 0.9999, noNaN: true }),
);
const eventCount = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 100_000, noNaN: true }));
const denominatorValue = fc.double({ min: 1e-3, max: 1e12, noNaN: true });
const proportionInputs = fc
  .tuple(denominatorValue, fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([denominator, share]) => ({ numerator: denominator * share, denominator }));

describe('properties', () => {
  test('limits contain the estimate (counts, rates, proportions)', () => {
    fc.assert(
      fc.property(eventCount, confidenceLevel, (count, confidence) => {
        for (const { lower, upper } of [
          countInterval(count, confidence),
          byarInterval(count, confidence),
          exactPoissonInterval(count, confidence),
        ]) {
          assert.ok(lower >= 0 && lower <= count && count <= upper, `count ${count}: ${lower}..${upper}`);
        }
      }),
    );
    fc.assert(
      fc.property(eventCount, denominatorValue, confidenceLevel, (count, denominator, confidence) => {
        const { value, lower, upper } = rateInterval(count, denominator, confidence, 1000);
        assert.ok(lower <= value && value <= upper, `rate ${count}/${denominator}: ${lower}..${value}..${upper}`);
      }),
    );
    fc.assert(
      fc.property(proportionInputs, confidenceLevel, ({ numerator, denominator }, confidence) => {
        const { value, lower, upper } = proportionInterval(numerator, denominator, confidence, 100);
        assert.ok(lower <= value && value <= upper, `${numerator}/${denominator}: ${lower}..${value}..${upper}`);
      }),
    );
  });

  test('99.8% limits contain the 95% limits, and limits widen with any higher confidence', () => {
    const widens = (narrow: { lower: number; upper: number }, wide: { lower: number; upper: number }): boolean =>
      wide.lower <= narrow.lower && narrow.upper <= wide.upper;
    fc.assert(
      fc.property(eventCount, proportionInputs, (count, { numerator, denominator }) => {
        assert.ok(widens(countInterval(count, 0.95), countInterval(count, 0.998)), `count ${count}`);
        assert.ok(widens(byarInterval(count, 0.95), byarInterval(count, 0.998)), `Byar ${count}`);
        assert.ok(widens(exactPoissonInterval(count, 0.95), exactPoissonInterval(count, 0.998)), `exact ${count}`);
        assert.ok(widens(wilsonInterval(numerator, denominator, 0.95), wilsonInterval(numerator, denominator, 0.998)));
      }),
    );
    fc.assert(
      fc.property(
        eventCount,
        proportionInputs,
        fc.double({ min: 0.9, max: 0.998, noNaN: true }),
        fc.double({ min: 0.001, max: 0.0019, noNaN: true }),
        (count, { numerator, denominator }, low, step) => {
          const high = low + step;
          assert.ok(widens(countInterval(count, low), countInterval(count, high)), `count ${count}, ${low} → ${high}`);
          assert.ok(
            widens(wilsonInterval(numerator, denominator, low), wilsonInterval(numerator, denominator, high)),
            `Wilson ${numerator}/${denominator}, ${low} → ${high}`,
          );
        },
      ),
    );
  });

  test('Wilson limits stay within 0..1, including at 0 and at the denominator', () => {
    const edgeInputs = fc.oneof(
      proportionInputs,
      denominatorValue.map((denominator) => ({ numerator: 0, denominator })),
      denominatorValue.map((denominator) => ({ numerator: denominator, denominator })),
    );
    fc.assert(
      fc.property(edgeInputs, confidenceLevel, ({ numerator, denominator }, confidence) => {
        const { lower, upper } = wilsonInterval(numerator, denominator, confidence);
        assert.ok(0 <= lower && lower <= upper && upper <= 1, `${numerator}/${denominator}: ${lower}..${upper}`);
      }),
    );
  });

  test('exact and Byar agree for large counts: relative difference at most x^(−3/2) from 100 events', () => {
    // Byar's error shrinks like x^(−3/2): measured worst × x^1.5 is about 0.02 at 95% and 0.25
    // at 99.8% (0.3 at 99.9%), so x^(−3/2) — 0.1% at 100 events, 0.003% at 1,000 — leaves a
    // margin of about 3 at the highest confidence tested.
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 100, max: 10_000_000 }), fc.double({ min: 100, max: 1e6, noNaN: true })),
        fc.oneof(fc.constantFrom(0.95, 0.998), fc.double({ min: 0.9, max: 0.999, noNaN: true })),
        (count, confidence) => {
          const exact = exactPoissonInterval(count, confidence);
          const byar = byarInterval(count, confidence);
          const tolerance = count ** -1.5;
          assertRelative(byar.lower, exact.lower, tolerance, `lower, ${count} events at ${confidence}`);
          assertRelative(byar.upper, exact.upper, tolerance, `upper, ${count} events at ${confidence}`);
        },
      ),
    );
  });

  test('the lower limit of zero events is 0 for every method, confidence and denominator', () => {
    fc.assert(
      fc.property(denominatorValue, confidenceLevel, (denominator, confidence) => {
        assert.equal(countInterval(0, confidence).lower, 0);
        assert.equal(exactPoissonInterval(0, confidence).lower, 0);
        assert.equal(byarInterval(0, confidence).lower, 0);
        assert.equal(rateInterval(0, denominator, confidence, 1000).lower, 0);
        assert.equal(wilsonInterval(0, denominator, confidence).lower, 0);
        assert.equal(proportionInterval(0, denominator, confidence, 100).lower, 0);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Validation: every check fails with a sentence a user understands
// ---------------------------------------------------------------------------------------------

function assertRangeError(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RangeError, `expected a RangeError, got ${String(error)}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe('input validation', () => {
  test('confidence level outside 90..100 and 0.9..1 (for every function)', () => {
    const calls: ((confidence: number) => unknown)[] = [
      (c) => confidenceFraction(c),
      (c) => wilsonInterval(5, 10, c),
      (c) => byarInterval(5, c),
      (c) => exactPoissonInterval(5, c),
      (c) => countInterval(5, c),
      (c) => rateInterval(5, 100, c, 1000),
      (c) => proportionInterval(5, 10, c, 100),
    ];
    for (const call of calls) {
      for (const bad of [0.5, 0.7, 0.8999, 14, 89.9, 100.5, 125, -95]) {
        assertRangeError(
          () => call(bad),
          `confidence level must be between 90 and 100 or between 0.9 and 1 (got ${bad})`,
        );
      }
      assertRangeError(
        () => call(1),
        'confidence level must be less than 100%, because a 100% confidence interval is unbounded (got 1)',
      );
      assertRangeError(
        () => call(100),
        'confidence level must be less than 100%, because a 100% confidence interval is unbounded (got 100)',
      );
      assertRangeError(() => call(NaN), 'confidence level must be a finite number such as 0.95 or 95 (got NaN)');
      assertRangeError(
        () => call(Infinity),
        'confidence level must be a finite number such as 0.95 or 95 (got Infinity)',
      );
    }
  });

  test('counts must be non-negative finite numbers', () => {
    for (const call of [byarInterval, exactPoissonInterval, countInterval]) {
      assertRangeError(() => call(-4), 'count must be a non-negative finite number (got -4)');
      assertRangeError(() => call(NaN), 'count must be a non-negative finite number (got NaN)');
      assertRangeError(() => call(Infinity), 'count must be a non-negative finite number (got Infinity)');
    }
    assertRangeError(() => rateInterval(-65, 100), 'count must be a non-negative finite number (got -65)');
  });

  test('numerators must be non-negative finite numbers', () => {
    assertRangeError(() => wilsonInterval(-1, 10), 'numerator must be a non-negative finite number (got -1)');
    assertRangeError(() => proportionInterval(NaN, 10), 'numerator must be a non-negative finite number (got NaN)');
  });

  test('denominators must be finite and greater than zero', () => {
    const calls: ((denominator: number) => unknown)[] = [
      (n) => wilsonInterval(0, n),
      (n) => proportionInterval(0, n),
      (n) => rateInterval(0, n),
    ];
    for (const call of calls) {
      assertRangeError(() => call(0), 'denominator must be greater than zero (got 0)');
      assertRangeError(() => call(-100), 'denominator must be greater than zero (got -100)');
      assertRangeError(() => call(NaN), 'denominator must be a number greater than zero (got NaN)');
      assertRangeError(() => call(Infinity), 'denominator must be a finite number (got Infinity)');
    }
  });

  test('a Wilson score needs numerator ≤ denominator', () => {
    const message =
      'numerator must be less than or equal to denominator for a Wilson score to be calculated (got numerator 12, denominator 10)';
    assertRangeError(() => wilsonInterval(12, 10), message);
    assertRangeError(() => proportionInterval(12, 10, 0.95, 100), message);
    assert.doesNotThrow(() => wilsonInterval(10, 10));
  });

  test('multipliers must be finite and greater than zero', () => {
    assertRangeError(() => rateInterval(5, 100, 0.95, 0), 'multiplier must be greater than zero (got 0)');
    assertRangeError(() => proportionInterval(5, 100, 0.95, -100), 'multiplier must be greater than zero (got -100)');
    assertRangeError(() => rateInterval(5, 100, 0.95, NaN), 'multiplier must be a number greater than zero (got NaN)');
  });

  test('distribution helpers reject impossible arguments', () => {
    assertRangeError(() => normalQuantile(-0.1), 'probability must be between 0 and 1 for a normal quantile (got -0.1)');
    assertRangeError(() => normalQuantile(1.5), 'probability must be between 0 and 1 for a normal quantile (got 1.5)');
    assertRangeError(() => normalQuantile(NaN), 'probability must be between 0 and 1 for a normal quantile (got NaN)');
    assertRangeError(() => gammaQuantile(0, 0.5), 'gamma shape must be a finite number greater than zero (got 0)');
    assertRangeError(
      () => gammaQuantile(2, 1.5),
      'probability must be between 0 and 1 for a gamma quantile (got 1.5)',
    );
    assertRangeError(
      () => chiSquaredQuantile(0.5, -1),
      'degrees of freedom must be a finite number greater than zero (got -1)',
    );
    assertRangeError(() => regularizedGamma(2, -1), 'gamma argument must be zero or more (got -1)');
    assertRangeError(
      () => logGamma(0),
      'the gamma function is only used here for finite positive arguments (got 0)',
    );
  });
});
