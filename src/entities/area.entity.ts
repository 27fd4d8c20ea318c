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

  /** The group this area is compared with by default (its peers), e.g. for a county comparison. */
  @Column({ name: 'comparator_group_id', type: 'varchar', length: 120, nullable: true })
  comparatorGroupId!: string | null;

  /** The first month the area existed, `YYYY-MM`; null when it existed before any data here. */
  @Column({ name: 'valid_from', type: 'varchar', length: 7, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The first month the area existed (YYYY-MM), where it was created after the geography began, e.g. 2019-04 for Dorset (E06000059).' })
  validFrom!: string | null;

  /** The last month the area existed, `YYYY-MM`; null while it exists. */
  @Column({ name: 'valid_to', type: 'varchar', length: 7, nullable: true })
  @Field((_type) => String, { nullable: true, description: 'The last month the area existed (YYYY-MM), e.g. 2021-03 for Northamptonshire county; null while it exists.' })
  validTo!: string | null;
}

/**
 * Membership of an area in a second hierarchy: a district (or unitary authority) in its
 * Community Safety Partnership, alongside its administrative parent (the county).
 */
@Entity('area_link')
export class AreaLink {
  @PrimaryColumn({ name: 'area_code', type: 'varchar', length: 16 })
  areaCode!: string;

  /** Which hierarchy: COMMUNITY_SAFETY (district → CSP → police force area). */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  hierarchy!: string;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 16 })
  parentCode!: string;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_code' })
  parent?: Area;
}
