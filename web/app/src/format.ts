/** Words and numbers as the pages print them. */
import type { ComparisonOutcome } from './gql/graphql';

export const OUTCOME_TEXT: Record<ComparisonOutcome, string> = {
  BETTER: 'Better',
  SIMILAR: 'Similar',
  WORSE: 'Worse',
  HIGHER: 'Higher',
  LOWER: 'Lower',
  NOT_COMPARED: 'Not compared',
};

const formats = new Map<number, Intl.NumberFormat>();

/** 1,234.57 with a fixed number of decimals, in en-GB whatever the browser's language. */
export function formatNumber(value: number, decimals: number): string {
  let format = formats.get(decimals);
  if (!format) formats.set(decimals, (format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(value);
}
