import { isStale, removeTestResources } from './cleanup';
import { newRunId } from './test-names';

/** Runs once before the integration tests: names this run and clears leftovers of killed runs. */
export default async function globalSetup(): Promise<void> {
  process.env.DAIBAN_TEST_RUN = process.env.DAIBAN_TEST_RUN ?? newRunId();
  process.env.NODE_ENV = 'test';
  await removeTestResources(isStale);
}
