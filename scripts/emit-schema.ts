/** `npm run schema`: writes schema/schema.graphql from the decorated classes. A test fails while it is stale. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printedSchema } from '../src/schema';

printedSchema().then((text) => {
  writeFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), text);
  console.log('wrote schema/schema.graphql');
});
