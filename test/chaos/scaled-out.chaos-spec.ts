import { pollUntil } from '@daiban/testing';
import { ChaosContext, scenarioIt } from './lib/scenario';
import { seededRandom } from './lib/workload';

const SEED = Number(process.env.CHAOS_SEED ?? 20261127) + 1;
const ms = (since: number) => Math.round(performance.now() - since);
const HANDLED = 'daiban_event_handler_duration_seconds_count';

/** Two replicas of every service: load shared through one durable consumer, relays through SKIP LOCKED. */
describe('chaos: two replicas of every service', () => {
  const ctx = new ChaosContext({ seed: SEED, replicas: 2 });

  beforeAll(async () => {
    await ctx.start();
  });
  afterAll(async () => {
    await ctx.stop();
  });

  scenarioIt(false)('replicas share the load with no duplicate effect, and survive losing one each', () =>
    ctx.underLoad(
      {
        id: 'two-replicas',
        title: 'two replicas of every service, one of each killed and restarted under load',
        hypothesis:
          'Replicas of a consumer share one durable pull consumer and relays share the outbox through row locks: every replica does work, no event is handled twice, and losing a replica loses nothing.',
      },
      async (recovery, notes) => {
        const random = seededRandom(SEED);
        for (const app of ['notifications', 'reporting', 'workflow']) {
          await pollUntil(
            async () =>
              (await ctx.stack.metric(`${app}#0`, HANDLED)) > 0 &&
              (await ctx.stack.metric(`${app}#1`, HANDLED)) > 0,
            { timeoutMs: 180_000, intervalMs: 500, message: `both ${app} replicas handle events` },
          );
          const counts = [
            await ctx.stack.metric(`${app}#0`, HANDLED),
            await ctx.stack.metric(`${app}#1`, HANDLED),
          ];
          notes.push(`${app} handler runs per replica: ${counts.join(' / ')}`);
        }
        const restarts: number[] = [];
        for (const app of ['gateway', 'registry', 'workflow', 'notifications', 'reporting']) {
          const victim = `${app}#${random() < 0.5 ? 0 : 1}`;
          const started = performance.now();
          await ctx.stack.kill(victim);
          restarts.push(await ctx.stack.restart(victim));
          recovery[`restart.${app}`] = ms(started);
        }
        recovery.restartMsMax = Math.max(...restarts);
      },
      { before: 3, after: 2, concurrency: 3 },
    ),
  );
});
