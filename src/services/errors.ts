/**
 * Domain errors. Services throw these; the GraphQL layer maps them to error codes in one place
 * (src/input-guards.ts formatError), so no service knows about GraphQL.
 */
import { parsePeriod, PeriodError, PeriodInfo } from '../analysis/periods';

/** A bad argument: names the argument and says what would be right. Reported as BAD_USER_INPUT. */
export class BadArgument extends Error {
  constructor(readonly argument: string, detail: string) {
    super(`Argument "${argument}": ${detail}`);
    this.name = 'BadArgument';
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
