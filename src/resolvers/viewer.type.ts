import { Field, ObjectType } from 'type-graphql';
import { Area } from '../entities';
import { Role } from '../auth/roles';

@ObjectType({ description: 'Who is calling, as the API key in the Authorization header says: null fields for an anonymous caller (no key).' })
export class Viewer {
  @Field((_type) => String, { nullable: true, description: 'The name the key was created with, e.g. Blaby District Council; null for an anonymous caller.' })
  keyName!: string | null;

  @Field((_type) => Role, { nullable: true, description: 'What the key may do; null for an anonymous caller, who may only read what is public.' })
  role!: Role | null;

  @Field((_type) => [Area], {
    description: 'The areas the key may write (an EDITOR: each area and everything inside it, e.g. a county and its districts) or, for a VIEWER, read unpublished data of; empty for ADMIN (everywhere) and anonymous callers.',
  })
  areas!: Area[];
}
