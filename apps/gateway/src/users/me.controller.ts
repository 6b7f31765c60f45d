import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError, type Caller } from '@daiban/contracts';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody } from '../http/zod-http';
import { ApiContract } from '../http/api-contract.decorator';
import { clientIp } from '../http/client-ip';
import { SkipAudit } from '../audit/audit.decorators';
import { SessionsRepository } from '../identity/sessions.repository';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { changeOwnPasswordBody, meResponse } from './users.dto';
import { UsersService } from './users.service';

@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsRepository,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiContract({ summary: '当前用户', tags: ['auth'], response: meResponse, errors: [] })
  async me(@CurrentCaller() caller: Caller, @Req() request: AuthenticatedRequest) {
    const user = await this.users.get(caller.userId);
    const session = await this.sessions.state(request.sessionId!);
    if (!session) throw new DomainError('TOKEN_INVALID');
    return {
      ...this.users.toResponse(user),
      session: { id: session.familyId, expiresAt: session.expiresAt.toISOString() },
    };
  }

  /** Ends every session of the user, this one included: the client logs in again. */
  @Post('password')
  @HttpCode(204)
  @SkipAudit()
  @ApiContract({
    summary: '修改本人密码',
    tags: ['auth'],
    body: changeOwnPasswordBody,
    response: null,
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'ACCOUNT_LOCKED'],
  })
  async changePassword(
    @CurrentCaller() caller: Caller,
    @Req() request: AuthenticatedRequest,
    @ZodBody(changeOwnPasswordBody) body: z.infer<typeof changeOwnPasswordBody>,
  ) {
    const user = await this.users.get(caller.userId);
    await this.auth.changePassword(user.username, body.currentPassword, body.newPassword, clientIp(request));
  }
}
