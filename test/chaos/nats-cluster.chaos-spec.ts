import { pollUntil } from '@daiban/testing';
import { connect } from 'nats';
import { CONSUMERS, namespacedStream } from '@daiban/contracts';
import { ChaosContext, scenarioIt } from './lib/scenario';
import { seededRandom } from './lib/workload';

const SEED = Number(process.env.CHAOS_SEED ?? 20261127) + 2;
const ms = (since: number) => Math.round(performance.now() - since);

/** NATS as three nats-server processes with cluster routes on loopback; streams with 3 replicas. */
describe('chaos: 3-node NATS cluster', () => {
  const ctx = new ChaosContext({ seed: SEED, natsCluster: true });

  beforeAll(async () => {
    await ctx.start();
  });
  afterAll(async () => {
    await ctx.stop();
  });

  /** Every stream reports 3 current replicas (the leader and two peers). */
  const streamsFullyReplicated = async () => {
    const nc = await connect({ servers: ctx.stack.env.NATS_URL!.split(','), timeout: 3000 });
    try {
      const jsm = await nc.jetstreamManager();
      for (const stream of new Set(CONSUMERS.map((c) => c.stream))) {
        const info = await jsm.streams.info(namespacedStream(ctx.stack.env.EVENT_NAMESPACE!, stream));
        const current = (info.cluster?.replicas ?? []).filter((r) => r.current && !r.offline).length;
        if (info.config.num_replicas !== 3 || current !== 2) return false;
      }
      return true;
    } finally {
      await nc.close();
    }
  };

  scenarioIt(false)('kill -9 of any one node under load: nothing lost, the node rejoins', () =>
    ctx.underLoad(
      {
        id: 'nats-cluster-node-kill',
        title: '3-node NATS cluster (R3 streams): kill -9 one node under load, restart it',
        hypothesis:
          'With R3 streams a quorum of two keeps accepting publishes and serving consumers; clients fail over to the other nodes; the restarted node catches up and rejoins.',
      },
      async (recovery, notes) => {
        await pollUntil(streamsFullyReplicated, { timeoutMs: 60_000, intervalMs: 500 });
        const victim = Math.floor(seededRandom(SEED)() * 3);
        notes.push(`killed node n${victim}`);
        await ctx.stack.nats[victim].kill();
        recovery.firstWriteWithNodeDownMs = await ctx.nextAcknowledgedWrite();
        const started = performance.now();
        await ctx.stack.nats[victim].start();
        await pollUntil(streamsFullyReplicated, {
          timeoutMs: 120_000,
          intervalMs: 500,
          message: 'the restarted node caught up on every stream',
        });
        recovery.rejoinMs = ms(started);
      },
    ),
  );
});
