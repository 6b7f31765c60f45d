import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'land_records' })
@Index('land_records_park_date_idx', ['parkId', 'date'])
@Index('land_records_county_date_idx', ['countyCode', 'date'])
export class LandRecordEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') parkId!: string;
  @Column('text') countyCode!: string;
  @Column('text') kind!: string;
  /** 亩, exact (numeric(13,4)). */
  @Column('numeric', { precision: 13, scale: 4 }) areaMu!: string;
  @Column('date') date!: string;
  @Column('text') parcel!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
