import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Area } from './area.entity';

/** A mid-year population estimate of an area: the denominator of rates. */
@Entity('area_population')
export class AreaPopulation {
  @PrimaryColumn({ name: 'area_code', type: 'varchar', length: 16 })
  areaCode!: string;

  /** The year of the mid-year (30 June) estimate. */
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  population!: number;

  /** The file the estimate came from, or how it was derived. */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_code' })
  area?: Area;
}
