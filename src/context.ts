import { DataSource } from 'typeorm';
import { Config } from './config';
import { createLoaders, Loaders } from './loaders';

/** What every resolver gets: the database and this request's loaders. */
export interface Context {
  readonly dataSource: DataSource;
  readonly loaders: Loaders;
  readonly config: Config;
}

export function createContext(dataSource: DataSource, config: Config): Context {
  return { dataSource, loaders: createLoaders(dataSource), config };
}
