import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError, type Caller } from '@daiban/contracts';
import { TOKEN_TYPES } from '@daiban/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ApiContract } from '../http/api-contract.decorator';
import { QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH } from '../http/queue-board';
import { Roles } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { SessionsRepository } from '../identity/sessions.repository';
import { TokenService } from '../identity/token.service';
import { NotReplayable } from '../http/idempotency.interceptor';

const BOARD_SESSION_SECONDS = 15 * 60;

@Controller('api/v1/admin/queues')
@Roles('admin')
export class QueueBoardController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
  ) {}

  /** Sets the cookie that lets the admin's browser open /admin/queues (a page cannot send headers). */
  @Post('session')
  @NotReplayable()
  @HttpCode(200)
  @ApiContract({
    summary: '打开队列看板会话',
    description: '设置仅限 /admin/queues 路径的 HttpOnly Cookie，随后可在浏览器打开 /admin/queues。',
    tags: ['admin'],
    response: z.object({ url: z.string(), expiresIn: z.number().int() }),
    errors: ['FORBIDDEN'],
  })
  async open(
    @CurrentCaller() caller: Caller,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const state = await this.sessions.state(request.sessionId!);
    if (!state) throw new DomainError('TOKEN_INVALID');
    const token = this.tokens.sign(
      {
        userId: caller.userId,
        sessionId: state.familyId,
        tokenVersion: state.familyTokenVersion,
        role: caller.role,
        scope: caller.scope,
      },
      TOKEN_TYPES.queueBoard,
      BOARD_SESSION_SECONDS,
    );
    const secure = this.config.NODE_ENV === 'production' ? '; Secure' : '';
    reply.header(
      'set-cookie',
      `${QUEUE_BOARD_COOKIE}=${token}; Path=${QUEUE_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${BOARD_SESSION_SECONDS}${secure}`,
    );
    return { url: QUEUE_BOARD_PATH, expiresIn: BOARD_SESSION_SECONDS };
  }
}
