import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { MilestonesHandler } from '../milestones/milestones.handler';
import { MilestonesRepository } from '../milestones/milestones.repository';
import { MilestonesService } from '../milestones/milestones.service';
import { ParksModule } from '../parks/parks.module';
import { TaskForceHandler } from '../task-force/task-force.handler';
import { TaskForceService } from '../task-force/task-force.service';
import { ProjectsHandler } from './projects.handler';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/** Projects with what hangs off them (milestones, 专班): they share the project's lock and version. */
@Module({
  imports: [EnterprisesModule, ParksModule],
  controllers: [ProjectsHandler, MilestonesHandler, TaskForceHandler],
  providers: [ProjectsRepository, ProjectsService, MilestonesRepository, MilestonesService, TaskForceService],
})
export class ProjectsModule {}
