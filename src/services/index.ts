/**
 * The services of one request: the reference data of the data version the request read, the
 * request's loaders (batching), the value lookups and the judgements (each computed once).
 */
import { DataSource } from 'typeorm';
import { createLoaders, Loaders } from '../loaders';
import { Judgements } from './judgements';
import { ReferenceData } from './reference-data';
import { ValueService } from './values';

export interface RequestServices {
  readonly reference: ReferenceData;
  readonly loaders: Loaders;
  readonly values: ValueService;
  readonly judgements: Judgements;
}

export function createRequestServices(dataSource: DataSource, reference: ReferenceData): RequestServices {
  const loaders = createLoaders(dataSource, reference);
  const values = new ValueService(reference, loaders);
  return { reference, loaders, values, judgements: new Judgements({ reference, values, loaders }) };
}
