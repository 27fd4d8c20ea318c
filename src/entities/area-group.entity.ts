import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Area } from './area.entity';

@Entity('area_group')
@ObjectType({ description: 'A named set of areas compared with each other, e.g. a peer group of counties.' })
export class AreaGroup {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  @Field((_type) => ID, { description: 'A stable slug, e.g. police-uk-peer-counties.' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field((_type) => String, { description: 'What the group is, in words.' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'How the group was chosen, and its source.' })
  description!: string | null;
}

@Entity('area_group_member')
export class AreaGroupMember {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 120 })
  groupId!: string;

  @PrimaryColumn({ name: 'area_code', type: 'varchar', length: 16 })
  @Index()
  areaCode!: string;

  /** Members are listed in this order. */
  @Column({ type: 'integer' })
  position!: number;

  /** The first month the area is a member (`YYYY-MM`); null: from the start. */
  @Column({ name: 'valid_from', type: 'varchar', length: 7, nullable: true })
  validFrom!: string | null;

  /** The last month the area is a member (`YYYY-MM`), e.g. 2021-03 for Northamptonshire; null: still a member. */
  @Column({ name: 'valid_to', type: 'varchar', length: 7, nullable: true })
  validTo!: string | null;

  @ManyToOne(() => AreaGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: AreaGroup;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;
}
