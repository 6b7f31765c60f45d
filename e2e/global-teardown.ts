import testingGlobalTeardown from '../libs/testing/src/global-teardown';
import { runSlot } from './global-setup';

/** Stops the stack, then checks that nothing of this run (database, streams, queue keys) is left. */
export default async function e2eGlobalTeardown(): Promise<void> {
  const run = runSlot.daibanE2eRun;
  runSlot.daibanE2eRun = undefined;
  if (run) {
    clearTimeout(run.watchdog);
    await run.stack.stop();
  }
  await testingGlobalTeardown();
}
