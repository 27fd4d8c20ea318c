import { GraphQLError } from 'graphql';
import { parsePeriod, PeriodError, PeriodInfo } from '../analysis/periods';

/** A bad argument: the error names the argument and says what would be right. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`Argument "${argument}": ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** A period argument: a key (2013-04/2014-03) or a label (2013-14, Q2 2014-15, 12 months to Sep 2014). */
export function periodArgument(argument: string, text: string): PeriodInfo {
  try {
    return parsePeriod(text);
  } catch (error) {
    if (error instanceof PeriodError) throw badInput(argument, error.message);
    throw error;
  }
}
