import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, idSchema, type Caller } from '@daiban/contracts';
import { scopeCovers } from '@daiban/auth';
import { maskPhone } from '@daiban/observability';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodParams } from '../http/zod-http';
import { UsersRepository } from '../identity/users.repository';
import { MESSAGES } from '../messages';

export const parkIdParams = z.strictObject({ id: idSchema });

export const parkAgentsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      /** Masked (`138****5678`); the admin reveals through the users routes. */
      phone: z.string().nullable(),
    }),
  ),
});

/**
 * 代办员 of a park, from the gateway's own users, so a director can assign on a park where nobody has a
 * case yet (reporting's workload only knows agents who have one). Outside the caller's park → 404.
 */
@Controller('api/v1/parks')
export class ParkAgentsController {
  constructor(private readonly users: UsersRepository) {}

  @Get(':id/agents')
  @Roles('admin', 'center_director')
  @ApiContract({
    summary: '园区的代办员（可指派）',
    tags: ['users'],
    params: parkIdParams,
    response: parkAgentsResponse,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  async list(@CurrentCaller() caller: Caller, @ZodParams(parkIdParams) params: z.infer<typeof parkIdParams>) {
    if (!scopeCovers(caller.scope, { parkId: params.id }))
      throw new DomainError('NOT_FOUND', MESSAGES.parkNotFound);
    const agents = await this.users.agentsOfPark(params.id);
    return {
      items: agents.map((agent) => ({
        id: agent.id,
        displayName: agent.displayName,
        phone: maskPhone(agent.phone),
      })),
    };
  }
}
