import { Module } from '@nestjs/common';
import { EnterprisesController } from './enterprises.controller';
import { ProjectsController } from './projects.controller';
import { ReferenceController } from './reference.controller';

/** The registry's HTTP routes; RpcClient comes from the global MessagingModule. */
@Module({ controllers: [ReferenceController, EnterprisesController, ProjectsController] })
export class RegistryRoutesModule {}
