import { Controller, Get, HttpCode, Inject, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ATTACHMENT_KINDS,
  DomainError,
  workflowAttachmentDownload,
  workflowAttachmentList,
  workflowAttachmentRegister,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import type { BlobStorage } from '@daiban/storage';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodParams, ZodQuery } from '../http/zod-http';
import { GATEWAY_BLOBS } from './blob-store.provider';
import {
  attachmentFormFields,
  attachmentListQuery,
  attachmentUploadDoc,
  emptyQuery,
  idParams,
} from './files-http.schema';
import { contentDisposition, stageUpload } from './multipart-upload';

type Id = z.infer<typeof idParams>;
type Target = { itemId: string } | { caseId: string } | { projectId: string };
const tags = ['attachments'];

/** Issue 5 §11: 20 MB per file. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

const UPLOADERS = ['admin', 'center_director', 'agent', 'department_officer', 'enterprise'] as const;

const uploadContract = (summary: string) =>
  ApiContract({
    summary,
    description:
      'multipart/form-data：`kind`（建议放在文件之前）与 `file`。文件流式写入共享存储并计算 SHA-256，类型按内容识别（扩展名不可信）。',
    tags,
    params: idParams,
    body: attachmentUploadDoc,
    response: workflowAttachmentRegister.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PRECONDITION_FAILED'],
  });

@Controller('api/v1')
@Roles(...UPLOADERS, 'leader')
export class AttachmentsController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_BLOBS) private readonly blobs: BlobStorage,
  ) {}

  @Post('items/:id/attachments')
  @HttpCode(201)
  @Roles(...UPLOADERS)
  @ApiConsumes('multipart/form-data')
  @AuditAction('attachments.upload', { objectType: 'item' })
  @uploadContract('上传事项附件（材料、承诺书、补正通知、批文证照）')
  uploadToItem(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @Req() request: FastifyRequest,
  ) {
    return this.upload(caller, { itemId: params.id }, request);
  }

  @Post('cases/:id/attachments')
  @HttpCode(201)
  @Roles(...UPLOADERS)
  @ApiConsumes('multipart/form-data')
  @AuditAction('attachments.upload', { objectType: 'case' })
  @uploadContract('上传代办件附件')
  uploadToCase(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @Req() request: FastifyRequest,
  ) {
    return this.upload(caller, { caseId: params.id }, request);
  }

  /** A request's evidence is uploaded to the project first and named in the raise. */
  @Post('projects/:id/attachments')
  @HttpCode(201)
  @Roles(...UPLOADERS)
  @ApiConsumes('multipart/form-data')
  @AuditAction('attachments.upload', { objectType: 'project' })
  @uploadContract('上传项目附件（企业诉求的佐证材料）')
  uploadToProject(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @Req() request: FastifyRequest,
  ) {
    return this.upload(caller, { projectId: params.id }, request);
  }

  @Get('attachments')
  @ApiContract({
    summary: '附件列表（itemId、caseId、projectId 三选一）',
    tags,
    query: attachmentListQuery,
    response: workflowAttachmentList.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(attachmentListQuery) query: z.infer<typeof attachmentListQuery>,
  ) {
    const target = (
      query.itemId
        ? { itemId: query.itemId }
        : query.caseId
          ? { caseId: query.caseId }
          : { projectId: query.projectId }
    ) as Target;
    return this.rpc.call(workflowAttachmentList, target, { caller });
  }

  @Get('attachments/:id/content')
  @ApiContract({
    summary: '下载附件',
    description: '数据范围以外的附件返回 404。',
    tags,
    params: idParams,
    query: emptyQuery,
    response: null,
    produces: 'application/octet-stream',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  async download(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodQuery(emptyQuery) _q: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { attachment, base64 } = await this.rpc.call(
      workflowAttachmentDownload,
      { attachmentId: params.id },
      { caller },
    );
    const options = {
      type: attachment.contentType,
      length: attachment.size,
      disposition: contentDisposition(attachment.filename),
    };
    void reply.header('x-content-type-options', 'nosniff');
    return base64 !== null
      ? new StreamableFile(Buffer.from(base64, 'base64'), options)
      : new StreamableFile(await this.openBlob(attachment.sha256), options);
  }

  private async openBlob(sha256: string) {
    try {
      return await this.blobs.openStream(sha256);
    } catch (error) {
      // The row exists but the shared volume lacks the bytes: a deployment fault, not the caller's.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError('UPSTREAM_UNAVAILABLE');
      throw error;
    }
  }

  private async upload(caller: Caller, target: Target, request: FastifyRequest) {
    const staged = await stageUpload(request, this.blobs, ATTACHMENT_MAX_BYTES, ['kind', 'filename']);
    const fields = attachmentFormFields.safeParse(staged.fields);
    if (!fields.success)
      throw new DomainError(
        'VALIDATION_FAILED',
        undefined,
        fields.error.issues.map((i) => ({
          field: i.path.join('.') || 'kind',
          message: i.path[0] === 'kind' ? `kind 应为 ${ATTACHMENT_KINDS.join(' / ')}` : i.message,
        })),
      );
    return this.rpc.call(
      workflowAttachmentRegister,
      {
        target,
        kind: fields.data.kind,
        filename: fields.data.filename ?? (staged.filename || 'file'),
        content: { staged: staged.sha256 },
      },
      { caller },
    );
  }
}
