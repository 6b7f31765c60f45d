import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TaskForceMember } from '@daiban/contracts';

@Entity({ name: 'task_forces' })
@Index('task_forces_project_key', ['projectId'], { unique: true })
export class TaskForceEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') projectId!: string;
  @Column('jsonb') lead!: TaskForceMember;
  @Column('jsonb') members!: TaskForceMember[];
  @Column({ type: 'text', nullable: true }) workGroupLink!: string | null;
  @Column('int') version!: number;
  @Column('text') updatedBy!: string;
  @Column('timestamptz') updatedAt!: Date;
}

/** Every version of a 专班, as it was set, with who changed it and why. */
@Entity({ name: 'task_force_changes' })
@Index('task_force_changes_version_key', ['taskForceId', 'version'], { unique: true })
export class TaskForceChangeEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') taskForceId!: string;
  @Column('int') version!: number;
  @Column('jsonb') lead!: TaskForceMember;
  @Column('jsonb') members!: TaskForceMember[];
  @Column({ type: 'text', nullable: true }) workGroupLink!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column('text') changedBy!: string;
  @Column('timestamptz') changedAt!: Date;
}
