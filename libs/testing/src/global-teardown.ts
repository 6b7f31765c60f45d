import { removeTestResources } from './cleanup';

/** Leaves nothing behind: every database, stream and queue key this run created. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.DAIBAN_TEST_RUN;
  if (!run) return;
  await removeTestResources((id) => id === run);
}
