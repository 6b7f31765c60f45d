import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { DomainError, type Caller } from '@daiban/contracts';
import { TOKEN_TYPES } from '@daiban/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodQuery } from '../http/zod-http';
import { ApiContract } from '../http/api-contract.decorator';
import { AcceptsStreamTicket } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { SkipAudit } from '../audit/audit.decorators';
import { SessionsRepository } from '../identity/sessions.repository';
import { SessionVerifier } from '../identity/session-verifier.service';
import { TokenService } from '../identity/token.service';
import {
  LiveStreamService,
  formatCursor,
  parseCursor,
  type Cursor,
  type LiveEvent,
} from './live-stream.service';
import { liveEventSchema, streamQuery, ticketResponse } from './stream.dto';
import { NotReplayable } from '../http/idempotency.interceptor';

const HEARTBEAT_MS = 15_000;
const SESSION_RECHECK_MS = 30_000;

/**
 * 实时推送 (Server-Sent Events). Authentication: the Authorization header, or `?ticket=` for
 * EventSource. A ticket rather than the access token in the URL, because URLs end up in proxy logs
 * and browser history: a ticket is useless a minute later and after its first use.
 */
@Controller('api/v1/stream')
export class StreamController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly live: LiveStreamService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
    private readonly verifier: SessionVerifier,
  ) {}

  @Post('ticket')
  @NotReplayable()
  @HttpCode(201)
  @SkipAudit()
  @ApiContract({
    summary: '获取实时推送票据',
    description: '一次性、短时有效，用于 EventSource 连接 GET /api/v1/stream?ticket=…',
    tags: ['stream'],
    response: ticketResponse,
    status: 201,
    errors: [],
  })
  async ticket(@CurrentCaller() caller: Caller, @Req() request: AuthenticatedRequest) {
    const state = await this.sessions.state(request.sessionId!);
    if (!state) throw new DomainError('TOKEN_INVALID');
    const ticket = this.tokens.sign(
      {
        userId: caller.userId,
        sessionId: state.familyId,
        tokenVersion: state.familyTokenVersion,
        role: caller.role,
        scope: caller.scope,
      },
      TOKEN_TYPES.streamTicket,
      this.config.STREAM_TICKET_TTL_SECONDS,
    );
    return { ticket, expiresIn: this.config.STREAM_TICKET_TTL_SECONDS };
  }

  @Get()
  @AcceptsStreamTicket()
  @ApiContract({
    summary: '实时推送（SSE）',
    description:
      '推送与当前用户数据范围相关的事项/代办件变化及本人通知；事件 id 为各流序号，断线重连时带 Last-Event-ID 即补发遗漏事件。',
    tags: ['stream'],
    query: streamQuery,
    response: liveEventSchema,
    produces: 'text/event-stream',
    errors: [],
  })
  async stream(
    @CurrentCaller() caller: Caller,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
    @ZodQuery(streamQuery) query: z.infer<typeof streamQuery>,
  ): Promise<void> {
    const header = request.headers['last-event-id'];
    const from: Cursor =
      parseCursor(typeof header === 'string' ? header : query.lastEventId) ??
      (await this.live.currentCursor());
    const sessionId = request.sessionId!;

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(`retry: 3000\nevent: ready\nid: ${formatCursor(from)}\ndata: {}\n\n`);

    const timers: NodeJS.Timeout[] = [];
    const subscription = this.live.subscribe(
      caller,
      from,
      (event: LiveEvent, cursor: Cursor) => {
        raw.write(`id: ${formatCursor(cursor)}\ndata: ${JSON.stringify(event)}\n\n`);
      },
      () => {
        timers.forEach(clearInterval);
        if (!raw.writableEnded) raw.end();
      },
    );
    timers.push(setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS));
    // The stream outlives its access token: logout, disabling or re-roling the user ends it too.
    timers.push(
      setInterval(() => {
        void this.verifier.stillAlive(sessionId).then((alive) => {
          if (!alive) subscription.close();
        });
      }, SESSION_RECHECK_MS),
    );
    request.raw.on('close', () => subscription.close());
  }
}
