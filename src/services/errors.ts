/**
 * Domain errors. Services throw these and know nothing of GraphQL; the code each carries is
 * reported as the GraphQL error's code.
 */
import { parsePeriod, PeriodError, PeriodInfo } from '../analysis/periods';

/**
 * A bad argument: names the argument and says what would be right. Its `extensions` (code
 * BAD_USER_INPUT and the argument) are what any GraphQL executor copies into the error it reports.
 */
export class BadArgument extends Error {
  readonly extensions: { readonly code: 'BAD_USER_INPUT'; readonly argument: string };

  constructor(readonly argument: string, detail: string) {
    super(`Argument "${argument}": ${detail}`);
    this.name = 'BadArgument';
    this.extensions = { code: 'BAD_USER_INPUT', argument };
  }
}

export function badArgument(argument: string, detail: string): BadArgument {
  return new BadArgument(argument, detail);
}

/** A period argument: a key (2013-04/2014-03) or a label (2013-14, Q2 2014-15, 12 months to Sep 2014). */
export function periodArgument(argument: string, text: string): PeriodInfo {
  try {
    return parsePeriod(text);
  } catch (error) {
    if (error instanceof PeriodError) throw badArgument(argument, error.message);
    throw error;
  }
}
