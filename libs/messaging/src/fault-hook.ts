/**
 * Test-only crash points for the chaos suite (test/chaos). `DAIBAN_FAULT_HOOK=<point>[@<n>]` makes
 * the process kill itself with SIGKILL the n-th time (default 1st) it reaches `<point>`. The variable
 * is read once at load: with it unset `faultPoint` is an empty function and production pays nothing.
 */
export type FaultPoint =
  /** Outbox rows committed by the business transaction and claimed by the relay, not yet published. */
  | 'relay.afterCommitBeforePublish'
  /** JetStream acknowledged the publish; the outbox row is not yet marked published. */
  | 'relay.afterPublishBeforeMark'
  /** A consumer's effects and inbox row committed; the message is not yet acknowledged. */
  | 'consumer.afterEffectBeforeAck'
  /** A BullMQ delivery job sent its message; the delivery is not yet recorded as sent. */
  | 'delivery.afterSendBeforeRecord';

export const FAULT_HOOK_ENV = 'DAIBAN_FAULT_HOOK';

export function parseFaultHook(value: string | undefined): { point: string; hit: number } | undefined {
  if (!value) return undefined;
  const [point, n] = value.split('@');
  const hit = n === undefined ? 1 : Number(n);
  if (!Number.isInteger(hit) || hit < 1) throw new Error(`${FAULT_HOOK_ENV}: bad hit count in "${value}"`);
  return { point, hit };
}

function armedFaultPoint(hook: { point: string; hit: number }): (point: FaultPoint) => void {
  let remaining = hook.hit;
  return (point) => {
    if (point !== hook.point || --remaining > 0) return;
    process.kill(process.pid, 'SIGKILL');
  };
}

const hook = parseFaultHook(process.env[FAULT_HOOK_ENV]);

export const faultPoint: (point: FaultPoint) => void = hook ? armedFaultPoint(hook) : () => undefined;
