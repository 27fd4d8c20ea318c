/**
 * The services of one request: the reference data of the data version the request read, the
 * request's loaders (batching), the value lookups and the judgements (each computed once).
 */
import { DataSource } from 'typeorm';
import { UnpublishedSeen } from '../db/observations';
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

/** `seen`: which unpublished values (supplied for a draft dashboard) the caller sees; none by default. */
export function createRequestServices(dataSource: DataSource, reference: ReferenceData, seen: UnpublishedSeen = 'none'): RequestServices {
  const loaders = createLoaders(dataSource, reference, seen);
  const values = new ValueService(reference, loaders);
  return { reference, loaders, values, judgements: new Judgements({ reference, values, loaders }) };
}
