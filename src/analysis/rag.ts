/**
 * RAG ratings: of one indicator against a target or range (or, without one, by its direction of
 * travel), and of an outcome rolled up from its indicators beside what the dashboard published.
 * Pure functions: no I/O, no dependencies.
 */
import { arrowFor, DirectionOfTravel, pointValue } from './direction';
import { formatMeasure, percentText, tidy, upperFirst } from './format';
import { DirectionValue, IndicatorFacts, RagStatus, ValuePoint } from './types';
import { checkIndicator, checkPoint } from './validate';

/** A target value (met on its good side by polarity) or a range (met inside, whatever the polarity). */
export type RagTarget = { value: number } | { min?: number; max?: number };

export interface RagRule {
  target: RagTarget;
  /** How far a value may miss, as a fraction of the target (or of the bound missed): 0.05 is 5%. Default 0.05. */
  tolerance?: number;
}

export interface RagRating {
  status: RagStatus;
  /** The rule that produced it: "target 45.00 with 5% tolerance", "range 28% to 40% with 5% tolerance", "direction of travel". */
  rule: string;
  /** The target value; null for a range or a rating by direction of travel. */
  target: number | null;
  explanation: string;
}

export const DEFAULT_TOLERANCE = 0.05;

const RAG_STATUSES: readonly RagStatus[] = ['RED', 'AMBER', 'GREEN', 'GREY'];
const DIRECTIONS: readonly DirectionValue[] = [
  'IMPROVING', 'WORSENING', 'NO_CHANGE', 'INCREASING', 'DECREASING', 'NOT_COMPARABLE', 'NO_DATA',
];

const STATUS_WORD: Record<RagStatus, string> = { RED: 'Red', AMBER: 'Amber', GREEN: 'Green', GREY: 'Grey' };
const DIRECTION_WORD: Record<DirectionValue, string> = {
  IMPROVING: 'improving',
  WORSENING: 'worsening',
  NO_CHANGE: 'no change',
  INCREASING: 'increasing',
  DECREASING: 'decreasing',
  NOT_COMPARABLE: 'not comparable',
  NO_DATA: 'no data',
};

interface CheckedRule {
  kind: 'value' | 'range';
  value?: number;
  min?: number;
  max?: number;
  tolerance: number;
}

function checkRule(indicator: IndicatorFacts, rule: RagRule): CheckedRule {
  if (rule === null || typeof rule !== 'object' || rule.target === null || typeof rule.target !== 'object') {
    throw new RangeError(`${indicator.name}: a RAG rule needs a target: { value } or a range { min, max }`);
  }
  const tolerance = rule.tolerance ?? DEFAULT_TOLERANCE;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) {
    throw new RangeError(
      `${indicator.name}: tolerance must be a fraction from 0 to 1, e.g. 0.05 for 5% (got ${String(rule.tolerance)})`,
    );
  }
  const target = rule.target;
  if ('value' in target) {
    if (typeof target.value !== 'number' || !Number.isFinite(target.value)) {
      throw new RangeError(`${indicator.name}: the target value must be a finite number (got ${String(target.value)})`);
    }
    if (indicator.polarity === 'NO_JUDGEMENT') {
      throw new RangeError(
        `${indicator.name}: a target value needs a polarity to say which side of it is good; ` +
          'this indicator has no judgement, so give a range { min, max } instead',
      );
    }
    return { kind: 'value', value: target.value, tolerance };
  }
  const { min, max } = target as { min?: number; max?: number };
  for (const [name, bound] of [['minimum', min], ['maximum', max]] as const) {
    if (bound !== undefined && (typeof bound !== 'number' || !Number.isFinite(bound))) {
      throw new RangeError(`${indicator.name}: the range ${name} must be a finite number (got ${String(bound)})`);
    }
  }
  if (min === undefined && max === undefined) {
    throw new RangeError(`${indicator.name}: a target range needs a minimum, a maximum or both`);
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw new RangeError(`${indicator.name}: the range minimum (${min}) must not be above its maximum (${max})`);
  }
  return { kind: 'range', min, max, tolerance };
}

function ruleText(indicator: IndicatorFacts, rule: CheckedRule): string {
  const show = (v: number): string => formatMeasure(indicator, v, 'never');
  const tolerance = `with ${percentText(rule.tolerance)} tolerance`;
  if (rule.kind === 'value') return `target ${show(rule.value!)} ${tolerance}`;
  if (rule.min !== undefined && rule.max !== undefined) return `range ${show(rule.min)} to ${show(rule.max)} ${tolerance}`;
  if (rule.min !== undefined) return `at least ${show(rule.min)} ${tolerance}`;
  return `at most ${show(rule.max!)} ${tolerance}`;
}

/**
 * RAG rating of one value.
 * - With a rule: GREEN meets the target (on its good side by polarity, the target itself included)
 *   or lies inside the range (bounds included); AMBER misses by no more than the tolerance, a
 *   fraction of the target (or of the bound missed); RED misses by more. The value is judged as
 *   printed (rounded to the indicator's decimals), so the explanation never says "45.00 misses 45.00".
 *   A target of zero has no relative tolerance: any miss is RED.
 * - Without a rule, the direction of travel decides: GREEN improving, AMBER no change (including
 *   a change that is not significant), RED worsening; GREY when not comparable, no data, or an
 *   indicator with no judgement (increasing or decreasing is neither good nor bad).
 * - GREY whenever there is no value.
 * A rule wins over a direction of travel when both are given.
 */
export function ragRating(
  indicator: IndicatorFacts,
  value: ValuePoint | null,
  rule: RagRule | null,
  direction?: DirectionOfTravel,
): RagRating {
  checkIndicator(indicator);
  if (value) checkPoint(indicator, value);
  const checked = rule ? checkRule(indicator, rule) : null;
  const ruleDescription = checked ? ruleText(indicator, checked) : direction ? 'direction of travel' : 'none';
  const target = checked?.kind === 'value' ? checked.value! : null;
  const v = pointValue(indicator, value);
  if (v === null) {
    const where = value ? `${value.period.label}` : 'the period';
    return {
      status: 'GREY',
      rule: ruleDescription,
      target,
      explanation: `Grey: there is no value of ${indicator.name} for ${where}${checked ? ' to compare with the target' : ''}.`,
    };
  }
  const period = value!.period.label;
  if (checked) return ratingAgainstRule(indicator, checked, ruleDescription, Number(v.toFixed(indicator.decimals)), period);
  if (!direction) {
    return {
      status: 'GREY',
      rule: ruleDescription,
      target: null,
      explanation: `Grey: ${indicator.name} has no target and no direction of travel was given to rate it by.`,
    };
  }
  return ratingByDirection(indicator, direction);
}

function ratingAgainstRule(
  indicator: IndicatorFacts,
  rule: CheckedRule,
  ruleDescription: string,
  v: number,
  period: string,
): RagRating {
  const show = (x: number): string => formatMeasure(indicator, x, 'unless-in-name');
  const tolerance = percentText(rule.tolerance);
  const subject = `${show(v)} in ${period}`;
  let bound: number;
  let met: boolean;
  let meets: string;
  let misses: string;
  if (rule.kind === 'value') {
    bound = rule.value!;
    const lowIsGood = indicator.polarity === 'LOW_IS_GOOD';
    met = lowIsGood ? v <= bound : v >= bound;
    meets = `meets the target of ${show(bound)} (${lowIsGood ? 'at or below it, as lower is better' : 'at or above it, as higher is better'})`;
    misses = `misses the target of ${show(bound)} (${lowIsGood ? 'lower is better' : 'higher is better'})`;
  } else {
    const belowMin = rule.min !== undefined && v < rule.min;
    const aboveMax = rule.max !== undefined && v > rule.max;
    met = !belowMin && !aboveMax;
    bound = belowMin ? rule.min! : aboveMax ? rule.max! : NaN;
    const range = ruleDescription.replace(/ with .*$/, '');
    if (rule.min !== undefined && rule.max !== undefined) {
      meets = `is within the ${range}`;
      misses = belowMin ? `is below the ${range}` : `is above the ${range}`;
    } else {
      meets = `meets the target of ${range}`;
      misses = `misses the target of ${range}`;
    }
  }
  const target = rule.kind === 'value' ? rule.value! : null;
  if (met) {
    return { status: 'GREEN', rule: ruleDescription, target, explanation: `Green: ${subject} ${meets}.` };
  }
  const miss = tidy(Math.abs(v - bound));
  const allowed = tidy(rule.tolerance * Math.abs(bound));
  const by = `by ${show(miss)}`;
  if (bound === 0) {
    return {
      status: 'RED', rule: ruleDescription, target,
      explanation: `Red: ${subject} ${misses} ${by}; the target is zero, so no relative tolerance applies.`,
    };
  }
  const share = `${Number(((miss / Math.abs(bound)) * 100).toFixed(1))}% of ${show(bound)}`;
  if (miss <= allowed) {
    return {
      status: 'AMBER', rule: ruleDescription, target,
      explanation: `Amber: ${subject} ${misses} ${by} (${share}), within the ${tolerance} tolerance.`,
    };
  }
  return {
    status: 'RED', rule: ruleDescription, target,
    explanation: `Red: ${subject} ${misses} ${by} (${share}), more than the ${tolerance} tolerance.`,
  };
}

function ratingByDirection(indicator: IndicatorFacts, direction: DirectionOfTravel): RagRating {
  const rule = 'direction of travel';
  const lead = 'no target is set, so the direction of travel decides';
  const then = ` ${direction.explanation}`;
  switch (direction.direction) {
    case 'IMPROVING':
      return { status: 'GREEN', rule, target: null, explanation: `Green: ${lead}, and it is improving.${then}` };
    case 'WORSENING':
      return { status: 'RED', rule, target: null, explanation: `Red: ${lead}, and it is worsening.${then}` };
    case 'NO_CHANGE':
      return {
        status: 'AMBER', rule, target: null,
        explanation: `Amber: ${lead}, and it shows no ${direction.significant === false ? 'significant ' : ''}change.${then}`,
      };
    case 'INCREASING':
    case 'DECREASING':
      return {
        status: 'GREY', rule, target: null,
        explanation:
          `Grey: ${lead}, but ${indicator.name} has no polarity (neither direction is better), ` +
          `so ${DIRECTION_WORD[direction.direction]} is neither good nor bad.${then}`,
      };
    case 'NOT_COMPARABLE':
      return { status: 'GREY', rule, target: null, explanation: `Grey: ${lead}, but the values cannot be compared.${then}` };
    default:
      return { status: 'GREY', rule, target: null, explanation: `Grey: ${lead}, but there is no direction without data.${then}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Outcome roll-up
// ---------------------------------------------------------------------------------------------

export interface OutcomeItem {
  indicatorName: string;
  rag: RagRating | RagStatus;
  direction: DirectionOfTravel | DirectionValue;
}

export interface PublishedJudgement {
  rag?: RagStatus | null;
  /** A direction, or the arrow as printed: ↑ improving, ↓ worsening, → no change. */
  direction?: DirectionValue | string | null;
}

export interface OutcomeRollUp {
  rag: RagStatus;
  direction: DirectionValue;
  arrow: string;
  /** The roll-up rule in a phrase, for RagRating.rule. */
  rule: string;
  explanation: string;
  /** true when the computed RAG and direction agree with every published one given; null when nothing was published. */
  agreesWithReported: boolean | null;
}

export const ROLL_UP_RULE = 'roll-up: majority of indicators, ties to the headline indicator';

/** ↑ → IMPROVING, ↓ → WORSENING, → → NO_CHANGE (an outcome's printed arrow); '' → null. */
export function directionFromArrow(arrow: string): DirectionValue | null {
  const text = arrow.trim();
  if (text === '') return null;
  if (text === '↑') return 'IMPROVING';
  if (text === '↓') return 'WORSENING';
  if (text === '→' || text === '↔') return 'NO_CHANGE';
  if ((DIRECTIONS as readonly string[]).includes(text)) return text as DirectionValue;
  throw new RangeError(`a published direction must be ↑, ↓, → or one of ${DIRECTIONS.join(', ')} (got "${arrow}")`);
}

const JUDGED: readonly DirectionValue[] = ['IMPROVING', 'WORSENING', 'NO_CHANGE'];
const LEFT_OUT_REASON: Partial<Record<DirectionValue, string>> = {
  NOT_COMPARABLE: 'not comparable',
  NO_DATA: 'no data',
  INCREASING: 'no judgement: increasing',
  DECREASING: 'no judgement: decreasing',
};
const DIRECTION_VERB: Partial<Record<DirectionValue, string>> = {
  IMPROVING: 'improves',
  WORSENING: 'worsens',
  NO_CHANGE: 'shows no change',
};

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * An outcome's RAG and direction, rolled up from its indicators (in dashboard order, headline first).
 *
 * Direction: indicators NOT_COMPARABLE or NO_DATA are left out, and so are INCREASING/DECREASING
 * ones (an indicator with no polarity has no good direction to count). Of the rest, IMPROVING beats
 * WORSENING by simple majority (NO_CHANGE counts for neither); a tie goes to the first (headline)
 * indicator counted, and when that shows no change the outcome shows no change. Nothing counted:
 * NO_DATA when every indicator has no data (or there are none), else NOT_COMPARABLE.
 *
 * RAG: the same rule over the indicators' RAGs: GREY ones are left out, GREEN beats RED by majority
 * (AMBER counts for neither), a tie goes to the headline rated indicator, GREY when none is rated.
 * So when every indicator was rated by its direction of travel (no targets: GREEN improving, AMBER
 * no change, RED worsening), the outcome's RAG is its direction's: GREEN ↑, AMBER →, RED ↓. With
 * targets the two answer different questions (on target? getting better?) and may differ, as the
 * explanation then shows.
 */
export function rollUpOutcome(items: OutcomeItem[], published?: PublishedJudgement | null): OutcomeRollUp {
  if (!Array.isArray(items)) throw new RangeError('the indicators to roll up must be a list');
  const normalised = items.map((item, index) => {
    const direction = typeof item.direction === 'string' ? item.direction : item.direction?.direction;
    // "not comparable: periods differ in length" when the full result says why.
    const why = typeof item.direction === 'object' && direction === 'NOT_COMPARABLE'
      ? item.direction.method.replace(/^Not compared: /, 'not comparable: ')
      : undefined;
    const rag = typeof item.rag === 'string' ? item.rag : item.rag?.status;
    if (!DIRECTIONS.includes(direction)) {
      throw new RangeError(`indicator ${index + 1} (${item.indicatorName}): direction must be one of ${DIRECTIONS.join(', ')} (got ${String(direction)})`);
    }
    if (!RAG_STATUSES.includes(rag)) {
      throw new RangeError(`indicator ${index + 1} (${item.indicatorName}): RAG must be one of ${RAG_STATUSES.join(', ')} (got ${String(rag)})`);
    }
    return { name: item.indicatorName, direction, rag, why };
  });
  const publishedDirection =
    published?.direction === undefined || published.direction === null ? null : directionFromArrow(published.direction);
  const publishedRag = published?.rag ?? null;
  if (publishedRag !== null && !RAG_STATUSES.includes(publishedRag)) {
    throw new RangeError(`the published RAG must be one of ${RAG_STATUSES.join(', ')} (got ${String(publishedRag)})`);
  }

  // Direction
  const judged = normalised.filter((item) => JUDGED.includes(item.direction));
  const leftOut = normalised.filter((item) => !JUDGED.includes(item.direction));
  const improving = judged.filter((item) => item.direction === 'IMPROVING').length;
  const worsening = judged.filter((item) => item.direction === 'WORSENING').length;
  const unchanged = judged.length - improving - worsening;
  let direction: DirectionValue;
  let directionWhy: string;
  if (judged.length === 0) {
    direction = normalised.every((item) => item.direction === 'NO_DATA') ? 'NO_DATA' : 'NOT_COMPARABLE';
    directionWhy = normalised.length === 0 ? 'the outcome has no indicators' : 'none of its indicators can be judged';
  } else if (judged.length === 1) {
    direction = judged[0].direction;
    directionWhy = `the only indicator that can be judged, ${judged[0].name}, ${DIRECTION_VERB[direction]}`;
  } else if (improving !== worsening) {
    direction = improving > worsening ? 'IMPROVING' : 'WORSENING';
    directionWhy =
      `of the ${judged.length} indicators that can be judged, ${improving} ${improving === 1 ? 'improves' : 'improve'}, ` +
      `${worsening} ${worsening === 1 ? 'worsens' : 'worsen'} and ${unchanged} ${unchanged === 1 ? 'shows' : 'show'} no change`;
  } else {
    direction = judged[0].direction;
    directionWhy =
      `of the ${judged.length} indicators that can be judged, ${improving} ${improving === 1 ? 'improves' : 'improve'} and ` +
      `${worsening} ${worsening === 1 ? 'worsens' : 'worsen'}` +
      (improving > 0 ? `, a tie, so the headline indicator, ${judged[0].name}, decides: it ${DIRECTION_VERB[direction]}` : '');
  }

  // RAG
  const rated = normalised.filter((item) => item.rag !== 'GREY');
  const greens = rated.filter((item) => item.rag === 'GREEN').length;
  const reds = rated.filter((item) => item.rag === 'RED').length;
  const ambers = rated.length - greens - reds;
  let rag: RagStatus;
  let ragWhy: string;
  if (rated.length === 0) {
    rag = 'GREY';
    ragWhy = 'none of its indicators has a RAG rating';
  } else if (rated.length === 1) {
    rag = rated[0].rag;
    ragWhy = `the only indicator rated, ${rated[0].name}, is ${rag.toLowerCase()}`;
  } else {
    rag = greens > reds ? 'GREEN' : reds > greens ? 'RED' : rated[0].rag;
    ragWhy =
      `of the ${rated.length} indicators rated, ${greens} ${greens === 1 ? 'is' : 'are'} green, ${ambers} amber and ${reds} red` +
      (greens === reds && greens > 0 ? `, a tie, so the headline indicator, ${rated[0].name}, decides: it is ${rag.toLowerCase()}` : '');
  }

  const arrow = arrowFor(direction);
  const sentences: string[] = [];
  sentences.push(`${upperFirst(DIRECTION_WORD[direction])}${arrow ? ` (${arrow})` : ''}: ${directionWhy}.`);
  if (leftOut.length > 0) {
    sentences.push(`Left out: ${list(leftOut.map((item) => `${item.name} (${item.why ?? LEFT_OUT_REASON[item.direction]})`))}.`);
  }
  sentences.push(`${STATUS_WORD[rag]}: ${ragWhy}.`);

  let agreesWithReported: boolean | null = null;
  if (publishedDirection !== null || publishedRag !== null) {
    const directionDiffers = publishedDirection !== null && publishedDirection !== direction;
    const ragDiffers = publishedRag !== null && publishedRag !== rag;
    agreesWithReported = !directionDiffers && !ragDiffers;
    const showPublished = (d: DirectionValue): string => {
      const a = arrowFor(d);
      return a ? `${a} (${DIRECTION_WORD[d]})` : DIRECTION_WORD[d];
    };
    const differences: string[] = [];
    if (directionDiffers) differences.push(`from the published ${showPublished(publishedDirection!)} because ${directionWhy}`);
    if (ragDiffers) {
      differences.push(
        `${directionDiffers ? 'and ' : ''}from the published ${STATUS_WORD[publishedRag!].toLowerCase()} because ${ragWhy}`,
      );
    }
    sentences.push(
      agreesWithReported
        ? 'It agrees with what the dashboard published.'
        : `It differs ${differences.join('; ')}.`,
    );
  }
  return {
    rag,
    direction,
    arrow,
    rule: ROLL_UP_RULE,
    explanation: sentences.join(' '),
    agreesWithReported,
  };
}
