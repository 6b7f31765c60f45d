import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { ItemsController } from './items.controller';
import { WorkflowReferenceController } from './reference.controller';

/** The workflow's HTTP routes (issue 5); RpcClient comes from the global MessagingModule. */
@Module({ controllers: [WorkflowReferenceController, CasesController, ItemsController] })
export class WorkflowRoutesModule {}
