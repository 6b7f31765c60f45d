import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'counties' })
export class CountyEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: string;
  @Column('int') sortOrder!: number;
}

@Entity({ name: 'parks' })
@Index('parks_county_idx', ['countyCode'])
export class ParkEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') countyCode!: string;
  @Column('text') level!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('boolean') active!: boolean;
  @Column('int') version!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
