import { DataSource } from 'typeorm';
import { ANONYMOUS, Caller } from './auth/caller';
import { Config } from './config';
import { CacheSlot } from './response-cache';
import { createRequestServices, RequestServices } from './services';
import { ReferenceData } from './services/reference-data';
import { writeAccess, WriteAccess } from './services/publishing/access';

/** What every resolver gets: the configuration and this request's services. */
export interface Context extends RequestServices {
  readonly dataSource: DataSource;
  readonly config: Config;
  /** What the caller's API key may write; null for an anonymous caller. */
  readonly access: WriteAccess | null;
  /** Where the response cache keeps this request's answer, when it is on and missed. */
  readonly cacheSlot?: CacheSlot;
  /** Who is calling: anonymous, or a valid key (src/auth/caller.ts: canWrite and hasRole decide what it may do). */
  readonly caller: Caller;
  /** The reference data as it is now (after this request's write): the server's shared copy. */
  readonly reloadReference: () => Promise<ReferenceData>;
}

/**
 * A request's context, for the data version it read (its reference data). `reloadReference`
 * gives the reference data after a write (default: read afresh).
 */
export function createContext(
  dataSource: DataSource,
  config: Config,
  reference: ReferenceData,
  caller: Caller = ANONYMOUS,
  reloadReference: () => Promise<ReferenceData> = () => ReferenceData.load(dataSource),
): Context {
  const access = caller.kind === 'key' ? writeAccess(caller, reference.geography) : null;
  return { dataSource, config, caller, access, reloadReference, ...servicesFor(dataSource, reference, access) };
}

/** The request's services for its reference data, seeing the unpublished values its key reads (none without one). */
const servicesFor = (dataSource: DataSource, reference: ReferenceData, access: WriteAccess | null): RequestServices =>
  createRequestServices(dataSource, reference, access?.unpublishedSeen ?? 'none');

/**
 * After a mutation has written: the rest of the request (its payload's fields) reads the data as
 * the write left it, so a draft's outcomes, a published dashboard's history and a new value's
 * comparisons answer as a query sent next would. Services and loaders start afresh.
 */
export async function refreshAfterWrite(context: Context): Promise<void> {
  let reference: ReferenceData;
  try {
    reference = await context.reloadReference();
  } catch (error) {
    // The write has committed: say so, and answer from the data as the request first read it
    // rather than report a landed write as failed (a client would send it again).
    console.warn(`A write committed, but the reference data could not be read again for its answer: ${error instanceof Error ? error.message : error}`);
    return;
  }
  Object.assign(context, servicesFor(context.dataSource, reference, context.access));
}

/** A context outside a server (tests, scripts): reads the data version and the reference data afresh. */
export async function contextFor(dataSource: DataSource, config: Config): Promise<Context> {
  return createContext(dataSource, config, await ReferenceData.load(dataSource));
}
