import 'reflect-metadata';
import { runService } from '@daiban/messaging';
import { registryEnv } from './config';
import { RegistryModule } from './registry.module';

runService({ service: 'registry', env: registryEnv, module: (config) => RegistryModule.forRoot(config) });
