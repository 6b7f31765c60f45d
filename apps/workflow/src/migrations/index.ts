import { WorkflowSchema1765100000000 } from './1765100000000-workflow-schema.migration';
import { WorkflowSeed1765100000001 } from './1765100000001-workflow-seed.migration';
import { Requests1765100000002 } from './1765100000002-requests.migration';
import { Attachments1765100000003 } from './1765100000003-attachments.migration';

/** Workflow's own migrations, in order (the messaging tables come first, from libs/messaging). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const WORKFLOW_MIGRATIONS: Function[] = [
  WorkflowSchema1765100000000,
  WorkflowSeed1765100000001,
  Requests1765100000002,
  Attachments1765100000003,
];
