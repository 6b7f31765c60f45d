import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { projectRegistered, projectUpdated, type EnvelopeOf } from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';
import { CasesService } from '../cases/cases.service';
import { ProjectsRepository } from './projects.repository';

/**
 * Keeps the local project copy and opens cases. A stale snapshot (older version than the one held, e.g. a
 * redelivery overtaken by a later update) changes nothing, so the newest always wins.
 */
@Injectable()
export class ProjectsConsumer {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly cases: CasesService,
  ) {}

  @OnEvent(projectRegistered)
  async onRegistered(event: EnvelopeOf<typeof projectRegistered>, manager: EntityManager): Promise<void> {
    await this.apply(event.payload.project, manager);
  }

  @OnEvent(projectUpdated)
  async onUpdated(event: EnvelopeOf<typeof projectUpdated>, manager: EntityManager): Promise<void> {
    await this.apply(event.payload.project, manager);
  }

  private async apply(
    snapshot: EnvelopeOf<typeof projectRegistered>['payload']['project'],
    manager: EntityManager,
  ): Promise<void> {
    if (!(await this.projects.apply(manager, snapshot))) return;
    const project = (await this.projects.get(manager, snapshot.projectId))!;
    await this.cases.onProjectSnapshot(manager, project);
  }
}
