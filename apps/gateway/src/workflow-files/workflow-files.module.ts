import { Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { AttachmentsController } from './attachments.controller';
import { GATEWAY_BLOBS, gatewayBlobStorage } from './blob-store.provider';
import { ImportController } from './import.controller';
import { RequestsController } from './requests.controller';

/** 企业诉求, attachments and 台账导入 over HTTP; RpcClient comes from the global MessagingModule. */
@Module({})
export class WorkflowFilesRoutesModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: WorkflowFilesRoutesModule,
      controllers: [ImportController, RequestsController, AttachmentsController],
      providers: [{ provide: GATEWAY_BLOBS, useValue: gatewayBlobStorage(config) }],
    };
  }
}
