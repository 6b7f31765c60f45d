import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'projects' })
@Index('projects_project_code_key', ['projectCode'], { unique: true, where: 'project_code IS NOT NULL' })
@Index('projects_enterprise_idx', ['enterpriseId'])
@Index('projects_park_created_idx', ['parkId', 'createdAt'])
@Index('projects_county_created_idx', ['countyCode', 'createdAt'])
@Index('projects_created_idx', ['createdAt', 'id'])
@Index('projects_stage_investment_idx', ['stage', 'totalInvestment'])
export class ProjectEntity {
  @PrimaryColumn('text') id!: string;
  @Column('int') version!: number;
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) projectCode!: string | null;
  @Column('text') enterpriseId!: string;
  @Column('text') parkId!: string;
  /** Copied from the park so scope filters need no join. */
  @Column('text') countyCode!: string;
  /** 万元; TypeORM hands numeric back as a string, which is what we want. */
  @Column('numeric', { precision: 14, scale: 2 }) totalInvestment!: string;
  @Column('text') industryChain!: string;
  @Column('text') stage!: string;
  @Column('text') status!: string;
  @Column('boolean') agencyRequired!: boolean;
  @Column('boolean') taskForceRequired!: boolean;
  @Column('boolean') major!: boolean;
  @Column('boolean') greenChannel!: boolean;
  @Column({ type: 'date', nullable: true }) plannedSignedOn!: string | null;
  @Column({ type: 'date', nullable: true }) plannedLandAcquiredOn!: string | null;
  @Column({ type: 'date', nullable: true }) plannedConstructionStartOn!: string | null;
  @Column({ type: 'date', nullable: true }) plannedProductionStartOn!: string | null;
  @Column({ type: 'text', nullable: true }) serviceTier!: string | null;
  @Column({ type: 'text', nullable: true }) responsibleUserId!: string | null;
  @Column({ type: 'text', nullable: true }) responsibleDepartmentCode!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('jsonb') attributes!: Record<string, string | number | boolean | null>;
  @Column('text') createdBy!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}
