import { connect } from 'nats';
import { z } from 'zod';
import { CONSUMERS } from '@daiban/contracts';
import { baseEnvShape, loadConfigOrExit } from '@daiban/config';
import { provisionMessaging } from '@daiban/messaging';

/** `npm run provision`: applies the declared JetStream streams and durable consumers, idempotently. */
async function main(): Promise<void> {
  const env = loadConfigOrExit(
    z.object({
      NATS_URL: baseEnvShape.NATS_URL,
      EVENT_NAMESPACE: baseEnvShape.EVENT_NAMESPACE,
      STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    }),
    'provision',
  );
  const nc = await connect({ servers: env.NATS_URL.split(','), name: 'daiban-provision', timeout: 10_000 });
  try {
    const result = await provisionMessaging(await nc.jetstreamManager(), {
      namespace: env.EVENT_NAMESPACE,
      consumers: CONSUMERS,
      settings: { replicas: env.STREAM_REPLICAS },
    });
    for (const s of result.streams) process.stdout.write(`stream   ${s.name.padEnd(28)} ${s.action}\n`);
    for (const c of result.consumers) process.stdout.write(`consumer ${c.name.padEnd(28)} ${c.action}\n`);
  } finally {
    await nc.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`provision failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
