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

/**
 * The caller has no valid API key where one is needed. Reported with code UNAUTHENTICATED and
 * HTTP status 401 (Apollo Server reads `extensions.http` and leaves it out of the response).
 */
export class Unauthenticated extends Error {
  readonly extensions = { code: 'UNAUTHENTICATED', http: { status: 401 } } as const;

  constructor(message: string) {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** The caller's key does not allow the action (its role). Code FORBIDDEN, HTTP status 403. */
export class Forbidden extends Error {
  readonly extensions = { code: 'FORBIDDEN', http: { status: 403 } } as const;

  constructor(message: string) {
    super(message);
    this.name = 'Forbidden';
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
