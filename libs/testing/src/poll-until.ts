export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  message?: string;
  /** Errors of this class end the wait at once instead of being retried. */
  stopOn?: new (...args: never[]) => Error;
}

/**
 * Waits until `probe` returns something truthy (or stops throwing), checking every `intervalMs`
 * until a deadline: tests never sleep for a fixed time.
 */
export async function pollUntil<T>(
  probe: () => Promise<T> | T,
  options: PollOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: T | undefined;
  for (;;) {
    try {
      lastValue = await probe();
      if (lastValue) return lastValue as NonNullable<T>;
    } catch (error) {
      if (options.stopOn && error instanceof options.stopOn) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason =
        lastError instanceof Error
          ? `; last error: ${lastError.message}`
          : `; last value: ${JSON.stringify(lastValue)}`;
      throw new Error(`${options.message ?? 'condition'} not met within ${timeoutMs} ms${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Asserts that `probe` stays truthy-free for `forMs`: used to show that nothing more arrives. */
export async function staysFalse(
  probe: () => Promise<unknown> | unknown,
  forMs: number,
  intervalMs = 50,
): Promise<void> {
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    if (await probe()) throw new Error('condition became true while it should not');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
