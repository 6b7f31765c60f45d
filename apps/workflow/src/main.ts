import 'reflect-metadata';
import { runService } from '@daiban/messaging';
import { workflowEnv } from './config';
import { WorkflowModule } from './workflow.module';

runService({ service: 'workflow', env: workflowEnv, module: (config) => WorkflowModule.forRoot(config) });
