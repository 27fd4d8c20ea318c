import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { AreaType } from './enums';

@Entity('area')
@ObjectType({ description: 'A reporting area, identified by its ONS GSS code, e.g. E10000018 for Leicestershire.' })
export class Area {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  @Field((_type) => ID, { description: 'The ONS GSS code, e.g. E10000018. Stable: use it as the key.' })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field((_type) => String, { description: 'The official name, e.g. Leicestershire.' })
  name!: string;

  @Column({ type: 'varchar', length: 40 })
  @Field((_type) => AreaType, { description: 'What kind of area this is.' })
  type!: AreaType;

  /** The parent in the administrative hierarchy: district → county → region → country. */
  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 16, nullable: true })
  parentCode!: string | null;

  @ManyToOne(() => Area, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Area | null;
}
