import { EnterpriseEntity } from './enterprises/enterprise.entity';
import { LandRecordEntity } from './land-records/land-record.entity';
import { MilestoneEntity } from './milestones/milestone.entity';
import { CountyEntity, ParkEntity } from './parks/park.entity';
import { ProjectEntity } from './projects/project.entity';
import { TaskForceChangeEntity, TaskForceEntity } from './task-force/task-force.entity';

export const REGISTRY_ENTITIES = [
  CountyEntity,
  ParkEntity,
  EnterpriseEntity,
  ProjectEntity,
  MilestoneEntity,
  TaskForceEntity,
  TaskForceChangeEntity,
  LandRecordEntity,
];
