import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A dated fact; a correction inserts a new row and deactivates the old one, so history stays. */
@Entity({ name: 'milestones' })
@Index('milestones_active_type_key', ['projectId', 'type'], { unique: true, where: 'active' })
@Index('milestones_project_idx', ['projectId', 'recordedAt'])
@Index('milestones_type_date_idx', ['type', 'date'], { where: 'active' })
export class MilestoneEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') projectId!: string;
  @Column('text') type!: string;
  @Column('date') date!: string;
  @Column('text') evidence!: string;
  @Column('boolean') active!: boolean;
  @Column({ type: 'text', nullable: true }) supersedesId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column('text') recordedBy!: string;
  @Column('timestamptz') recordedAt!: Date;
}
