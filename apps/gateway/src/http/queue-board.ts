import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_MESSAGES, QUEUES, type Caller } from '@daiban/contracts';
import { TOKEN_TYPES } from '@daiban/auth';
import type { SessionVerifier } from '../identity/session-verifier.service';
import type { AuditService } from '../audit/audit.service';

export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_COOKIE = 'daiban_board';

function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * bull-board at /admin/queues for admins only. A browser page cannot add an Authorization header,
 * so besides the header it accepts a short-lived HttpOnly cookie issued by
 * POST /api/v1/admin/queues/session (scoped to this path, SameSite=Strict).
 */
export async function mountQueueBoard(
  fastify: FastifyInstance,
  options: { redisUrl: string; prefix: string; verifier: SessionVerifier; audit: AuditService },
): Promise<Queue[]> {
  const queues = Object.values(QUEUES).map(
    (name) =>
      new Queue(name, {
        connection: { url: options.redisUrl, maxRetriesPerRequest: null },
        prefix: options.prefix,
      }),
  );
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/fastify 9.10.1 nests its own @bull-board/api 9.10.1 beside our 9.10.2: same shape, two declarations.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: '代办 队列' } },
  });

  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    let caller: Caller | null = null;
    try {
      if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
        caller = (await options.verifier.callerFor(header.replace(/^Bearer\s+/i, ''), TOKEN_TYPES.access))
          .caller;
      } else {
        const boardToken = cookie(request, QUEUE_BOARD_COOKIE);
        if (boardToken)
          caller = (await options.verifier.callerFor(boardToken, TOKEN_TYPES.queueBoard)).caller;
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    if (!caller) {
      return reply
        .status(401)
        .header('cache-control', 'no-store')
        .send({ code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED });
    }
    if (caller.role !== 'admin') {
      await options.audit.record({
        actor: caller,
        action: 'authorization.denied',
        objectType: 'route',
        objectId: `${request.method} ${QUEUE_BOARD_PATH}`,
        result: 'denied',
        errorCode: 'FORBIDDEN',
        ip: request.ip,
      });
      return reply
        .status(403)
        .header('cache-control', 'no-store')
        .send({ code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN });
    }
  };

  await fastify.register(async (scope) => {
    scope.addHook('onRequest', authorize);
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
  return queues;
}
