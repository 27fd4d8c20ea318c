import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One accepted write through the API, recorded in the write's own transaction: who (the key's
 * name), what (the action and its target), the value before and after, and the reason of a
 * correction. Never updated or deleted through the API.
 */
@Entity('audit_event')
@Index('ix_audit_event_at', ['at', 'id'])
@Index('ix_audit_event_target', ['target'])
@ObjectType({ description: 'One accepted write: who made it, what it changed from and to, and why (for a correction).' })
export class AuditEvent {
  /** Sortable and unique: the time and a random suffix, so events of one millisecond keep their order of writing. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  @Field((_type) => ID, { description: 'Stable and unique; events sort by it in the order they were written.' })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  @Field((_type) => String, { description: 'When the write was made, ISO 8601 in UTC, e.g. 2015-01-20T10:15:00.000Z.' })
  at!: string;

  @Column({ name: 'key_id', type: 'varchar', length: 40 })
  keyId!: string;

  @Column({ name: 'key_name', type: 'varchar', length: 200 })
  @Field((_type) => String, { description: 'The name of the API key that made the write, e.g. Blaby District Council.' })
  keyName!: string;

  @Column({ type: 'varchar', length: 40 })
  @Field((_type) => String, { description: 'e.g. setValues, setOutcomeAssessment, draftDashboard, publishDashboard, correctValue.' })
  action!: string;

  @Column({ type: 'varchar', length: 400 })
  @Field((_type) => String, { description: 'What was written: an observation id (indicator/area/period), an outcome id, or a dashboard slug.' })
  target!: string;

  /** The area the write was within, so that an EDITOR sees the events of its areas. */
  @Column({ name: 'area_code', type: 'varchar', length: 16, nullable: true })
  areaCode!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'JSON of what the target was before; null before a creation.' })
  before!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'JSON of what the target is after the write.' })
  after!: string | null;

  @Column({ type: 'text', nullable: true })
  @Field((_type) => String, { nullable: true, description: 'Why, for a correction of a published value.' })
  reason!: string | null;
}
