/**
 * The one rule set for a submitted value, whichever way it arrives: a row of a partner's tidy CSV
 * (src/import/tidy-csv.importer.ts) or an item of the setValues and correctValue mutations
 * (src/services/publishing). Each caller reads its own format into a ValueSubmission and maps the
 * problems' fields to its own names (a CSV column and line, or `values[3].period`).
 *
 * The checks, in order: the indicator is known and not derived; the area is known; the period is
 * a period; the numbers are numbers; a value left out has a note saying why, and a note is a
 * caveat of at most 1,000 characters, not a report; counts are not
 * negative, nor are counts' and rates' values; a denominator is not zero; a percentage is not
 * above 100, nor its numerator above its denominator; the value agrees with numerator /
 * denominator × multiplier within the rounding it is written with; limits are on the right side.
 */
import { formatNumber, MAX_DECIMALS, ValueType } from './format';
import { parsePeriod, PeriodError, PeriodInfo } from './periods';

/** The longest note a value may carry: a caveat such as "suppressed: fewer than 5 events". */
export const MAX_NOTE_LENGTH = 1000;

/** The fields of a submitted value, by their names in the rules. */
export type ValueField =
  | 'indicator' | 'area' | 'period' | 'value' | 'numerator' | 'denominator' | 'note'
  | 'lowerCI95' | 'upperCI95' | 'lowerCI998' | 'upperCI998';

/** A number as given, with the decimals it was written with (the rounding a value may have). */
export interface GivenNumber {
  readonly value: number;
  readonly decimals: number;
}

/** A number field: absent (null), a number, or text that was not a number and why. */
export type NumberInput = GivenNumber | { readonly problem: string } | null;

export interface ValueSubmission {
  readonly indicator: string;
  readonly area: string;
  readonly period: string;
  readonly value: NumberInput;
  readonly numerator: NumberInput;
  readonly denominator: NumberInput;
  readonly lowerCI95: NumberInput;
  readonly upperCI95: NumberInput;
  readonly lowerCI998: NumberInput;
  readonly upperCI998: NumberInput;
  readonly note: string | null;
}

/** What the rules need of an indicator. */
export interface RuleIndicator {
  readonly id: string;
  readonly name: string;
  readonly unit: string | null;
  readonly valueType: ValueType;
  /** Non-null for values derived from other stored values (police.uk), which cannot be written. */
  readonly derivation: string | null;
}

/** The indicators and areas a submission is checked against. */
export interface ValueRuleReference {
  readonly indicators: ReadonlyMap<string, RuleIndicator>;
  readonly areas: ReadonlyMap<string, { readonly code: string; readonly name: string }>;
}

export interface ValueProblem {
  readonly field: ValueField;
  readonly message: string;
}

/** A submission that passed every rule. */
export interface CheckedValue {
  readonly indicatorId: string;
  readonly areaCode: string;
  readonly period: PeriodInfo;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly lowerCI95: number | null;
  readonly upperCI95: number | null;
  readonly lowerCI998: number | null;
  readonly upperCI998: number | null;
  readonly note: string | null;
}

/** The decimals a number is written with in its shortest form: 47.18 → 2, 1259 → 0. */
export function decimalsOf(value: number): number {
  const text = String(value);
  const exponent = /e([+-]\d+)$/i.exec(text);
  const mantissa = exponent ? text.slice(0, exponent.index) : text;
  const decimals = /\.(\d+)$/.exec(mantissa)?.[1].length ?? 0;
  return Math.max(0, decimals - (exponent ? Number(exponent[1]) : 0));
}

/**
 * A given number in a message, as it was written: with its own decimals, or as JavaScript writes
 * it when it has more than formatNumber prints (5e-324 from the API, 0.00000000000001 in a CSV).
 */
function shown(number: GivenNumber): string {
  return number.decimals <= MAX_DECIMALS ? formatNumber(number.value, number.decimals) : String(number.value);
}

/** A number from an API (a GraphQL Float): null stays null; NaN and infinities are problems. */
export function givenNumber(value: number | null | undefined): NumberInput {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) return { problem: `${String(value)} is not a finite number` };
  return { value, decimals: decimalsOf(value) };
}

/**
 * What value = numerator / denominator × multiplier is multiplied by: 100 for a percentage; for
 * a rate, the number in its unit ("per 1,000 population" → 1000); null where no such check applies.
 */
export function rateMultiplier(unit: string | null): number | null {
  const match = /\bper\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]*\d)/i.exec(unit ?? '');
  if (!match) return null;
  const multiplier = Number(match[1].replace(/,/g, ''));
  return multiplier > 0 ? multiplier : null;
}

export function valueMultiplier(indicator: Pick<RuleIndicator, 'unit' | 'valueType'>): number | null {
  if (indicator.valueType === ValueType.PERCENTAGE) return 100;
  if (indicator.valueType === ValueType.RATE) return rateMultiplier(indicator.unit);
  return null;
}

const LIMITS = [
  { field: 'lowerCI95', upper: 'upperCI95', lower: true },
  { field: 'upperCI95', upper: null, lower: false },
  { field: 'lowerCI998', upper: 'upperCI998', lower: true },
  { field: 'upperCI998', upper: null, lower: false },
] as const;

/** A problem found; `firstOnly` stops at the first (a CSV row reports one problem at a time). */
class Stop extends Error {}

/**
 * Checks one submission. Returns the checked value when there is no problem; else every problem
 * (or, with firstOnly, the first), each naming its field.
 */
export function checkValue(
  submission: ValueSubmission,
  reference: ValueRuleReference,
  { firstOnly = false }: { firstOnly?: boolean } = {},
): { value: CheckedValue; problems: [] } | { value: null; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const fail = (field: ValueField, message: string): void => {
    problems.push({ field, message });
    if (firstOnly) throw new Stop();
  };
  let checked: CheckedValue | null = null;
  try {
    checked = rules(submission, reference, fail);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  return problems.length === 0 && checked ? { value: checked, problems: [] } : { value: null, problems };
}

function rules(s: ValueSubmission, reference: ValueRuleReference, fail: (field: ValueField, message: string) => void): CheckedValue | null {
  const indicatorText = s.indicator.trim();
  const indicator = indicatorText === '' ? undefined : reference.indicators.get(indicatorText);
  if (indicatorText === '') {
    fail('indicator', 'is empty');
  } else if (!indicator) {
    const byName = [...reference.indicators.values()].find((i) => i.id.toLowerCase() === indicatorText.toLowerCase() || i.name.toLowerCase() === indicatorText.toLowerCase());
    fail('indicator', `"${indicatorText}" is not a known indicator id; see the indicators query${byName ? ` (did you mean ${byName.id}?)` : ''}`);
  } else if (indicator.derivation !== null) {
    // Derived values follow from stored counts by one rule; a second, stored copy could disagree with them.
    fail('indicator', `${indicator.id} is derived from the police.uk monthly district counts and cannot be written directly; import the police.uk files (npm run import:police-uk) instead`);
  }

  const areaText = s.area.trim();
  const area = areaText === '' ? undefined : reference.areas.get(areaText);
  if (areaText === '') {
    fail('area', 'is empty');
  } else if (!area) {
    const byName = [...reference.areas.values()].find((a) => a.code.toUpperCase() === areaText.toUpperCase() || a.name.toLowerCase() === areaText.toLowerCase());
    fail('area', `"${areaText}" is not a known area code; see the areas query${byName ? ` (did you mean ${byName.code}, ${byName.name}?)` : ''}`);
  }

  let period: PeriodInfo | null = null;
  if (s.period.trim() === '') {
    fail('period', 'is empty');
  } else {
    try {
      period = parsePeriod(s.period.trim());
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      fail('period', error.message);
    }
  }

  const number = (field: ValueField, input: NumberInput): GivenNumber | null => {
    if (input === null) return null;
    if ('problem' in input) {
      fail(field, input.problem);
      return null;
    }
    return input;
  };
  const value = number('value', s.value);
  const numerator = number('numerator', s.numerator);
  const denominator = number('denominator', s.denominator);
  const limits = LIMITS.map((limit) => ({ ...limit, number: number(limit.field, s[limit.field]) }));
  const note = s.note === null || s.note.trim() === '' ? null : s.note.trim();

  // Missing stays missing: an empty value is stored as null, never zero, and must say why.
  if (s.value === null && note === null) {
    fail('value', 'is empty; leave a value out only with a note saying why, e.g. "suppressed: fewer than 5 events"');
  }
  if (note !== null && note.length > MAX_NOTE_LENGTH) {
    fail('note', `is ${note.length.toLocaleString('en-GB')} characters; at most ${MAX_NOTE_LENGTH.toLocaleString('en-GB')}: a caveat about the value, e.g. "suppressed: fewer than 5 events"`);
  }

  // Numerators and denominators count events and people.
  for (const [field, count] of [['numerator', numerator], ['denominator', denominator]] as const) {
    if (count && count.value < 0) fail(field, `${count.value} is negative; it is a count and cannot be below zero`);
  }
  if (indicator && value && value.value < 0 && (indicator.valueType === ValueType.COUNT || indicator.valueType === ValueType.RATE)) {
    fail('value', `${value.value} is negative, but ${indicator.id} is a ${indicator.valueType} and cannot be below zero`);
  }
  if (denominator && denominator.value === 0) {
    fail('denominator', 'is 0; a denominator (population or cohort) must be greater than zero, or left empty');
  }

  if (indicator?.valueType === ValueType.PERCENTAGE) {
    if (value && value.value > 100) {
      fail('value', `${shown(value)} is above 100, but ${indicator.id} is a PERCENTAGE; give percentages as 38.9 for 38.9%`);
    }
    if (numerator && denominator && numerator.value > denominator.value) {
      fail('numerator', `${shown(numerator)} is more than the denominator ${shown(denominator)}, but ${indicator.id} is a PERCENTAGE of the denominator`);
    }
  }

  const multiplier = indicator ? valueMultiplier(indicator) : null;
  if (indicator && value && numerator && denominator && multiplier !== null && denominator.value !== 0) {
    const expected = (numerator.value / denominator.value) * multiplier;
    // Beyond rounding: the value may be rounded to the decimals it is written with.
    const tolerance = 0.5 * 10 ** -value.decimals + 1e-9 * Math.max(1, Math.abs(expected));
    if (Math.abs(expected - value.value) > tolerance) {
      const per = indicator.valueType === ValueType.PERCENTAGE ? '%' : indicator.unit;
      fail('value', `${shown(value)} does not match numerator / denominator × ${formatNumber(multiplier, 0)}: `
        + `${shown(numerator)} / ${shown(denominator)} × ${formatNumber(multiplier, 0)} = `
        + `${formatNumber(expected, Math.min(Math.max(value.decimals, 2), MAX_DECIMALS))} (${per}); check the three numbers`);
    }
  }

  for (const limit of limits) {
    if (!limit.number) continue;
    const limitShown = shown(limit.number);
    if (value) {
      const shownValue = shown(value);
      if (limit.lower && limit.number.value > value.value) fail(limit.field, `${limitShown} is above the value ${shownValue}; a lower limit cannot be`);
      if (!limit.lower && limit.number.value < value.value) fail(limit.field, `${limitShown} is below the value ${shownValue}; an upper limit cannot be`);
    } else if (limit.lower && limit.upper) {
      const upper = limits.find((other) => other.field === limit.upper);
      if (upper?.number && limit.number.value > upper.number.value) {
        fail(limit.field, `${limitShown} is above ${limitName(upper.field)} ${shown(upper.number)}`);
      }
    }
  }

  if (!indicator || !area || !period) return null;
  return {
    indicatorId: indicator.id,
    areaCode: area.code,
    period,
    value: value?.value ?? null,
    numerator: numerator?.value ?? null,
    denominator: denominator?.value ?? null,
    lowerCI95: limits[0].number?.value ?? null,
    upperCI95: limits[1].number?.value ?? null,
    lowerCI998: limits[2].number?.value ?? null,
    upperCI998: limits[3].number?.value ?? null,
    note,
  };
}

/** A limit field as the tidy CSV names its column (upper_ci95), which the messages use for both formats. */
export function limitName(field: ValueField): string {
  return field.replace(/CI(\d+)$/, '_ci$1');
}
