import { Controller, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { DomainError, defineRpc, type Caller } from '@daiban/contracts';
import { ClockModule } from '@daiban/calendar';
import { ObservabilityModule, currentContext, runWithContext } from '@daiban/observability';
import { testInfra, testNames } from '@daiban/testing';
import { MessagingModule, RpcClient, RpcHandler, createServiceApp, type RpcRequestMessage } from '../src';

const echo = defineRpc({
  pattern: 'rpctest.thing.echo',
  request: z
    .object({ text: z.string().min(1), sleepMs: z.number().int().min(0).max(2000).default(0) })
    .strict(),
  response: z.object({ text: z.string(), correlationId: z.string(), callerId: z.string().nullable() }),
});
const missing = defineRpc({ pattern: 'rpctest.thing.missing', request: z.object({}), response: z.null() });
const broken = defineRpc({ pattern: 'rpctest.thing.broken', request: z.object({}), response: z.null() });
const huge = defineRpc({ pattern: 'rpctest.thing.huge', request: z.object({}), response: z.string() });
const nobody = defineRpc({ pattern: 'rpctest.nobody.listens', request: z.object({}), response: z.null() });

@Controller()
class ThingHandler {
  @RpcHandler(echo)
  async echo({ data, caller }: RpcRequestMessage<z.infer<typeof echo.request>>) {
    if (data.sleepMs) await new Promise((resolve) => setTimeout(resolve, data.sleepMs));
    return {
      text: data.text,
      correlationId: currentContext()?.correlationId ?? '',
      callerId: caller?.userId ?? null,
    };
  }

  @RpcHandler(missing)
  missing() {
    throw new DomainError('NOT_FOUND', '项目不存在', { id: 'p1' });
  }

  @RpcHandler(huge)
  huge() {
    return 'x'.repeat(2 * 1024 * 1024);
  }

  @RpcHandler(broken)
  broken() {
    throw new Error('SELECT * FROM secret_table failed');
  }
}

describe('request-reply over NATS', () => {
  const names = testNames();
  let app: NestFastifyApplication;
  let client: RpcClient;
  const caller: Caller = { userId: 'u1', role: 'agent', scope: { kind: 'park', parkId: 'p1' } };

  beforeAll(async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'rpctest' }),
        ClockModule.forRoot(),
        MessagingModule.forRoot({
          service: 'rpctest',
          natsUrl: testInfra.natsUrl,
          namespace: names.namespace,
          schema: 'rpctest',
          rpc: true,
        }),
      ],
      controllers: [ThingHandler],
    })
    class RpcTestModule {}
    app = await createServiceApp(RpcTestModule, {
      service: 'rpctest',
      logLevel: 'silent',
      namespace: names.namespace,
      rpc: true,
    });
    await app.init();
    await app.startAllMicroservices();
    client = app.get(RpcClient);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers with typed data and carries the caller and the correlation id', async () => {
    const reply = await runWithContext({ correlationId: 'corr-12345678' }, () =>
      client.call(echo, { text: '你好', sleepMs: 0 }, { caller }),
    );
    expect(reply).toEqual({ text: '你好', correlationId: 'corr-12345678', callerId: 'u1' });
  });

  it('rejects a malformed request with VALIDATION_FAILED listing each field', async () => {
    const call = client.call(echo, { text: '', extra: 1 } as never, { caller });
    await expect(call).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const error = (await call.catch((e: DomainError) => e)) as DomainError;
    expect(JSON.stringify(error.details)).toMatch(/text/);
  });

  it('keeps a domain error intact across the wire', async () => {
    await expect(client.call(missing, {}, { caller })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '项目不存在',
      details: { id: 'p1' },
    });
  });

  it('hides an unexpected error behind INTERNAL without leaking its text', async () => {
    const error = (await client.call(broken, {}, { caller }).catch((e: DomainError) => e)) as DomainError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toMatch(/secret_table/);
  });

  it('answers a reply over the NATS payload limit with an error instead of crashing, and keeps serving', async () => {
    const error = (await client.call(huge, {}, { caller }).catch((e: DomainError) => e)) as DomainError;
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/查询结果过大/);
    await expect(client.call(echo, { text: 'still here', sleepMs: 0 }, { caller })).resolves.toMatchObject({
      text: 'still here',
    });
  });

  it('times out per call', async () => {
    await expect(
      client.call(echo, { text: 'slow', sleepMs: 1500 }, { caller, timeoutMs: 200 }),
    ).rejects.toMatchObject({
      code: 'UPSTREAM_TIMEOUT',
    });
  });

  it('gives each of many concurrent calls its own reply, a late reply to a timed-out call to nobody', async () => {
    const late = client.call(echo, { text: 'late', sleepMs: 300 }, { caller, timeoutMs: 50 });
    const texts = Array.from({ length: 200 }, (_, i) => `call ${i}`);
    const replies = await Promise.all(
      texts.map((text, i) => client.call(echo, { text, sleepMs: i % 7 }, { caller })),
    );
    expect(replies.map((r) => r.text)).toEqual(texts);
    await expect(late).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    // The slow call's reply arrives after its timeout and is dropped; the next call gets its own.
    await expect(client.call(echo, { text: 'after', sleepMs: 400 }, { caller })).resolves.toMatchObject({
      text: 'after',
    });
  });

  it('reports a service nobody answers for as unavailable', async () => {
    await expect(client.call(nobody, {}, { caller, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });
});
