import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { taskForceChanged, type EnvelopeOf } from '@daiban/contracts';
import { OnEvent } from '@daiban/messaging';

/** Keeps each project's 专班 lead; an older version (redelivered or overtaken) changes nothing. */
@Injectable()
export class TaskForcesConsumer {
  @OnEvent(taskForceChanged)
  async onChanged(event: EnvelopeOf<typeof taskForceChanged>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO project_task_forces (project_id, lead_user_id, version) VALUES ($1, $2, $3)
       ON CONFLICT (project_id) DO UPDATE SET lead_user_id = EXCLUDED.lead_user_id, version = EXCLUDED.version,
         updated_at = clock_timestamp()
       WHERE project_task_forces.version < EXCLUDED.version`,
      [event.payload.projectId, event.payload.leadUserId, event.aggregateVersion],
    );
  }
}
