import 'reflect-metadata';
import { runService } from '@daiban/messaging';
import { reportingEnv } from './config';
import { ReportingModule } from './reporting.module';

runService({ service: 'reporting', env: reportingEnv, module: (config) => ReportingModule.forRoot(config) });
