/**
 * Periods are spans of whole calendar months. Everything about a period (its type, label,
 * dates) follows from its first and last month, so it is computed here rather than stored
 * in more than one place. Financial years start in April, as in UK local government.
 */
import { enumOf } from './enum';

export const PERIOD_TYPES = [
  'MONTH',
  'QUARTER',
  'FINANCIAL_YEAR',
  'CALENDAR_YEAR',
  'ROLLING_12_MONTHS',
  'YEAR_TO_DATE',
  'OTHER',
] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const PeriodType = enumOf(PERIOD_TYPES);

export interface PeriodInfo {
  /** `YYYY-MM/YYYY-MM`: first and last month. */
  readonly key: string;
  /** Canonical label: `2013-14`, `Q2 2014-15`, `12 months to Sep 2014`, `Sep 2014`. */
  readonly label: string;
  readonly type: PeriodType;
  /** First day of the first month, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day of the last month, `YYYY-MM-DD`. */
  readonly end: string;
  readonly months: number;
  /** Month index (year * 12 + month - 1) of the first month; handy for arithmetic. */
  readonly startMonth: number;
  readonly endMonth: number;
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
/** The first month of the financial year: April. */
const FINANCIAL_YEAR_START = 3;

export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function yearOf(index: number): number {
  return Math.floor(index / 12);
}

function monthOf(index: number): number {
  return (index % 12) + 1;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM` of a month index. */
export function monthKey(index: number): string {
  return `${yearOf(index)}-${pad2(monthOf(index))}`;
}

/** `Sep 2014` for a month index. */
export function monthLabel(index: number): string {
  return `${MONTH_ABBREVIATIONS[index % 12]} ${yearOf(index)}`;
}

function daysInMonth(index: number): number {
  return new Date(Date.UTC(yearOf(index), monthOf(index), 0)).getUTCDate();
}

/** `2013-14` for the financial year starting April 2013. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}-${pad2((startYear + 1) % 100)}`;
}

/** The financial year (by its starting calendar year) that a month falls in. */
export function financialYearOf(index: number): number {
  return monthOf(index) - 1 >= FINANCIAL_YEAR_START ? yearOf(index) : yearOf(index) - 1;
}

function inferType(startMonth: number, months: number): PeriodType {
  const firstCalendarMonth = startMonth % 12;
  if (months === 1) return 'MONTH';
  if (months === 3 && firstCalendarMonth % 3 === 0) return 'QUARTER';
  if (months === 12 && firstCalendarMonth === FINANCIAL_YEAR_START) return 'FINANCIAL_YEAR';
  if (months === 12 && firstCalendarMonth === 0) return 'CALENDAR_YEAR';
  if (months === 12) return 'ROLLING_12_MONTHS';
  if (months < 12 && firstCalendarMonth === FINANCIAL_YEAR_START) return 'YEAR_TO_DATE';
  return 'OTHER';
}

function rangeLabel(startMonth: number, endMonth: number): string {
  if (yearOf(startMonth) === yearOf(endMonth)) {
    return `${MONTH_ABBREVIATIONS[startMonth % 12]}-${monthLabel(endMonth)}`;
  }
  return `${monthLabel(startMonth)} - ${monthLabel(endMonth)}`;
}

function canonicalLabel(type: PeriodType, startMonth: number, endMonth: number): string {
  switch (type) {
    case 'MONTH':
      return monthLabel(startMonth);
    case 'QUARTER': {
      const fy = financialYearOf(startMonth);
      const quarter = Math.floor((startMonth - monthIndex(fy, FINANCIAL_YEAR_START + 1)) / 3) + 1;
      return `Q${quarter} ${financialYearLabel(fy)}`;
    }
    case 'FINANCIAL_YEAR':
      return financialYearLabel(yearOf(startMonth));
    case 'CALENDAR_YEAR':
      return String(yearOf(startMonth));
    case 'ROLLING_12_MONTHS':
      return `12 months to ${monthLabel(endMonth)}`;
    default:
      return rangeLabel(startMonth, endMonth);
  }
}

/**
 * Periods already built, by first and last month: a request asks for the same few periods
 * thousands of times, and a period never changes. Frozen, so no caller can alter a shared one;
 * bounded, so odd inputs cannot grow it without limit.
 */
const BUILT = new Map<number, PeriodInfo>();
const MAX_BUILT = 50_000;

/** The period running from one month index to another, both included. */
export function periodFromMonths(startMonth: number, endMonth: number): PeriodInfo {
  const id = startMonth * 1_000_000 + endMonth;
  const built = Number.isInteger(startMonth) && Number.isInteger(endMonth) && startMonth >= 0 && endMonth >= 0 ? BUILT.get(id) : undefined;
  if (built) return built;
  const period = buildPeriod(startMonth, endMonth);
  if (BUILT.size >= MAX_BUILT) BUILT.clear();
  BUILT.set(id, period);
  return period;
}

function buildPeriod(startMonth: number, endMonth: number): PeriodInfo {
  if (!Number.isInteger(startMonth) || !Number.isInteger(endMonth)) {
    throw new PeriodError('period months must be whole month indexes');
  }
  if (yearOf(startMonth) < 1000 || yearOf(endMonth) > 9999) {
    throw new PeriodError('a period must lie within the years 1000 to 9999');
  }
  if (endMonth < startMonth) {
    throw new PeriodError(`a period cannot end (${monthKey(endMonth)}) before it starts (${monthKey(startMonth)})`);
  }
  const months = endMonth - startMonth + 1;
  const type = inferType(startMonth, months);
  return Object.freeze({
    key: `${monthKey(startMonth)}/${monthKey(endMonth)}`,
    label: canonicalLabel(type, startMonth, endMonth),
    type,
    start: `${monthKey(startMonth)}-01`,
    end: `${monthKey(endMonth)}-${pad2(daysInMonth(endMonth))}`,
    months,
    startMonth,
    endMonth,
  });
}

const KEY_PATTERN = /^(\d{4})-(\d{2})\/(\d{4})-(\d{2})$/;

function checkedMonth(year: number, month: number, text: string): number {
  if (month < 1 || month > 12) throw new PeriodError(`"${text}" has no month ${month}`);
  return monthIndex(year, month);
}

/** Parses a period key `YYYY-MM/YYYY-MM`. */
export function periodFromKey(key: string): PeriodInfo {
  const match = KEY_PATTERN.exec(key);
  if (!match) {
    throw new PeriodError(`"${key}" is not a period key: expected first and last month as YYYY-MM/YYYY-MM, e.g. 2013-04/2014-03`);
  }
  const [, y1, m1, y2, m2] = match;
  return periodFromMonths(checkedMonth(Number(y1), Number(m1), key), checkedMonth(Number(y2), Number(m2), key));
}

export function isPeriodKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** `Sep`, `Sept`, `September`, any case; null when not a month name. */
export function parseMonthName(text: string): number | null {
  const word = text.trim().toLowerCase().replace(/\.$/, '');
  if (word.length < 3) return null;
  const found = MONTH_NAMES.findIndex((name) => name.startsWith(word) || (word === 'sept' && name === 'september'));
  return found < 0 ? null : found + 1;
}

const MONTH_WORD = '([A-Za-z]{3,9}\\.?)';
const YEAR = '(\\d{4})';
const DASH = '\\s*[-–—]\\s*';
const TEXT_PATTERNS: Array<[RegExp, (m: RegExpExecArray, text: string) => PeriodInfo]> = [
  // 2013-14, 2013/14, 2013/2014: a financial year; 2014-09 (not the next year): a month
  [new RegExp(`^${YEAR}\\s*([-/–])\\s*(\\d{2}|\\d{4})$`), (m, text) => {
    const start = Number(m[1]);
    const end = Number(m[3]);
    const nextYear = m[3].length === 2 ? (start + 1) % 100 : start + 1;
    if (end !== nextYear && m[2] === '-' && m[3].length === 2 && end >= 1 && end <= 12) {
      return periodFromMonths(monthIndex(start, end), monthIndex(start, end));
    }
    if (end !== nextYear) {
      throw new PeriodError(`"${text}" is not a financial year: the second year must follow the first`);
    }
    return periodFromMonths(monthIndex(start, 4), monthIndex(start + 1, 3));
  }],
  // Q2 2014-15, Q2 2014/15, 2014/15 Q2, 2014-15 Q2: a financial quarter
  [new RegExp(`^(?:Q([1-4])\\s+${YEAR}\\s*[-/]\\s*(\\d{2})|${YEAR}\\s*[-/]\\s*(\\d{2})\\s+Q([1-4]))$`, 'i'), (m, text) => {
    const quarter = Number(m[1] ?? m[6]);
    const start = Number(m[2] ?? m[4]);
    const end = Number(m[3] ?? m[5]);
    if ((start + 1) % 100 !== end) {
      throw new PeriodError(`"${text}" is not a financial quarter: the second year must follow the first`);
    }
    const first = monthIndex(start, 4) + (quarter - 1) * 3;
    return periodFromMonths(first, first + 2);
  }],
  // 12 months to Sep 2014, 12 months ending Sept 2014, rolling 12 months to ...
  [new RegExp(`^(?:rolling\\s+)?(\\d{1,2})\\s+months?\\s+(?:to|ending)\\s+${MONTH_WORD}\\s+${YEAR}$`, 'i'), (m, text) => {
    const end = monthFromWords(m[2], m[3], text);
    return periodFromMonths(end - Number(m[1]) + 1, end);
  }],
  // Oct 2013 - Sep 2014
  [new RegExp(`^${MONTH_WORD}\\s+${YEAR}${DASH}${MONTH_WORD}\\s+${YEAR}$`), (m, text) =>
    periodFromMonths(monthFromWords(m[1], m[2], text), monthFromWords(m[3], m[4], text))],
  // Apr-Jun 2014, Apr-Sept 2014 (a range within one calendar year)
  [new RegExp(`^${MONTH_WORD}${DASH}${MONTH_WORD}\\s+${YEAR}$`), (m, text) =>
    periodFromMonths(monthFromWords(m[1], m[3], text), monthFromWords(m[2], m[3], text))],
  // Sep 2014, September 2014
  [new RegExp(`^${MONTH_WORD}\\s+${YEAR}$`), (m, text) => {
    const month = monthFromWords(m[1], m[2], text);
    return periodFromMonths(month, month);
  }],
  // 2014: a calendar year
  [/^(\d{4})$/, (m) => periodFromMonths(monthIndex(Number(m[1]), 1), monthIndex(Number(m[1]), 12))],
];

function monthFromWords(monthWord: string, year: string, text: string): number {
  const month = parseMonthName(monthWord);
  if (month === null) throw new PeriodError(`"${monthWord}" in "${text}" is not a month`);
  return monthIndex(Number(year), month);
}

/**
 * Reads a period the way people write them: a key (`2013-04/2014-03`), a canonical label,
 * or the forms dashboards print (`2013/14`, `Apr-Sept 2014`, `Oct 2013 - Sep 2014`,
 * `12 months to Sept 2014`). Throws a PeriodError naming the text when it is none of them.
 */
export function parsePeriod(text: string): PeriodInfo {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (isPeriodKey(trimmed)) return periodFromKey(trimmed);
  for (const [pattern, build] of TEXT_PATTERNS) {
    const match = pattern.exec(trimmed);
    if (match) return build(match, trimmed);
  }
  throw new PeriodError(
    `"${text}" is not a period this API understands: use a key such as 2013-04/2014-03 or a label such as 2013-14, Q2 2014-15, 12 months to Sep 2014, Apr-Jun 2014 or Sep 2014`,
  );
}

/** Periods compare by start then length: chronological order for series. */
export function comparePeriods(a: PeriodInfo, b: PeriodInfo): number {
  return a.startMonth - b.startMonth || a.endMonth - b.endMonth;
}

export function periodsOverlap(a: PeriodInfo, b: PeriodInfo): boolean {
  return a.startMonth <= b.endMonth && b.startMonth <= a.endMonth;
}

/** The same span moved by a number of months (negative: earlier). */
export function shiftPeriod(period: PeriodInfo, months: number): PeriodInfo {
  return periodFromMonths(period.startMonth + months, period.endMonth + months);
}

/**
 * A dashboard column's period on the dashboard `months` later (the next quarter's dashboard:
 * months = 3). A year-to-date span grows to the new end (Apr-Sep 2014 → Apr-Dec 2014), starting
 * again at April when the end enters a new financial year (Apr-Mar → Apr-Jun); the Q1 quarter
 * Apr-Jun is a quarter and moves like any other span (Q1 → Q2). Any other span moves.
 */
export function rollPeriod(period: PeriodInfo, months: number): PeriodInfo {
  if (period.type !== 'YEAR_TO_DATE') return shiftPeriod(period, months);
  const end = period.endMonth + months;
  const yearStart = monthIndex(financialYearOf(end), FINANCIAL_YEAR_START + 1);
  return periodFromMonths(yearStart, end);
}

/**
 * Whether a period belongs to a series of a type. ROLLING_12_MONTHS is every 12-month window,
 * including those that are also a financial or calendar year (12 months to Mar 2022 is 2021-22);
 * YEAR_TO_DATE is every span from April to a month before March (Apr-Jun is also Q1). Other types
 * match exactly.
 */
export function matchesPeriodType(period: PeriodInfo, type: PeriodType): boolean {
  if (type === 'ROLLING_12_MONTHS') return period.months === 12;
  if (type === 'YEAR_TO_DATE') return period.startMonth % 12 === FINANCIAL_YEAR_START && period.months < 12;
  return period.type === type;
}

/** The month index of `YYYY-MM` (as area and group validity months are written). */
export function parseMonthKey(key: string): number {
  return periodFromKey(`${key}/${key}`).startMonth;
}
