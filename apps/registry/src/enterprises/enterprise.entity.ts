import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Contact } from '@daiban/contracts';

@Entity({ name: 'enterprises' })
@Index('enterprises_credit_code_key', ['creditCode'], { unique: true })
@Index('enterprises_home_park_idx', ['homeParkId'])
export class EnterpriseEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('char', { length: 18 }) creditCode!: string;
  @Column('text') legalRepresentative!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column('text') homeParkId!: string;
  /** Full phones live only here; every view masks them. */
  @Column('jsonb') contacts!: Contact[];
  @Column('int') version!: number;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
