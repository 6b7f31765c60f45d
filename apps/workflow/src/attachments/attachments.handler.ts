import { Controller } from '@nestjs/common';
import {
  workflowAttachmentDownload,
  workflowAttachmentList,
  workflowAttachmentRegister,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { AttachmentsService } from './attachments.service';

@Controller()
export class AttachmentsHandler {
  constructor(private readonly service: AttachmentsService) {}

  @RpcHandler(workflowAttachmentRegister)
  register({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowAttachmentRegister>>) {
    return this.service.register(caller, data);
  }

  @RpcHandler(workflowAttachmentList)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowAttachmentList>>) {
    return this.service.list(caller, data);
  }

  @RpcHandler(workflowAttachmentDownload)
  download({ data, caller }: RpcRequestMessage<RpcRequest<typeof workflowAttachmentDownload>>) {
    return this.service.download(caller, data.attachmentId);
  }
}
