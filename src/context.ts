import { DataSource } from 'typeorm';
import { ANONYMOUS, Caller } from './auth/caller';
import { Config } from './config';
import { CacheSlot } from './response-cache';
import { createRequestServices, RequestServices } from './services';
import { ReferenceData } from './services/reference-data';

/** What every resolver gets: the configuration and this request's services. */
export interface Context extends RequestServices {
  readonly dataSource: DataSource;
  readonly config: Config;
  /** Where the response cache keeps this request's answer, when it is on and missed. */
  readonly cacheSlot?: CacheSlot;
  /** Who is calling: anonymous, or a valid key (src/auth/caller.ts: canWrite and hasRole decide what it may do). */
  readonly caller: Caller;
}

/** A request's context, for the data version it read (its reference data). */
export function createContext(dataSource: DataSource, config: Config, reference: ReferenceData, caller: Caller = ANONYMOUS): Context {
  return { dataSource, config, caller, ...createRequestServices(dataSource, reference) };
}

/** A context outside a server (tests, scripts): reads the data version and the reference data afresh. */
export async function contextFor(dataSource: DataSource, config: Config): Promise<Context> {
  return createContext(dataSource, config, await ReferenceData.load(dataSource));
}
