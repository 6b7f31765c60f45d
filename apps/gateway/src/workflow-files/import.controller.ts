import { Controller, Get, HttpCode, Inject, Post, Req, StreamableFile } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IMPORT_MAX_BYTES, workflowImportRun, workflowImportTemplate, type Caller } from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import type { BlobStorage } from '@daiban/storage';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodQuery } from '../http/zod-http';
import { GATEWAY_BLOBS } from './blob-store.provider';
import { emptyQuery, importUploadDoc } from './files-http.schema';
import { contentDisposition, stageUpload } from './multipart-upload';

const tags = ['import'];

/** 台账导入: the workflow validates every row first and imports all or nothing. */
@Controller('api/v1/cases/import')
@Roles('admin', 'agent')
export class ImportController {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_BLOBS) private readonly blobs: BlobStorage,
  ) {}

  @Get('template')
  @ApiContract({
    summary: '下载台账导入模板（.xlsx）',
    tags,
    query: emptyQuery,
    response: null,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    errors: ['FORBIDDEN'],
  })
  async template(
    @CurrentCaller() caller: Caller,
    @ZodQuery(emptyQuery) _q: unknown,
  ): Promise<StreamableFile> {
    const template = await this.rpc.call(workflowImportTemplate, {}, { caller });
    const bytes = Buffer.from(template.base64, 'base64');
    return new StreamableFile(bytes, {
      type: template.contentType,
      length: bytes.length,
      disposition: contentDisposition(template.filename),
    });
  }

  @Post()
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @AuditAction('cases.import', { objectType: 'import' })
  @ApiContract({
    summary: '导入台账（.xlsx 或 UTF-8 .csv）',
    description:
      '先校验全部行；任一行有误则不导入任何数据，返回 400 VALIDATION_FAILED，`details.errors` 为 [{row, column, message}]（行号按表格显示，表头为第 1 行）。',
    tags,
    body: importUploadDoc,
    response: workflowImportRun.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PRECONDITION_FAILED'],
  })
  async run(@CurrentCaller() caller: Caller, @Req() request: FastifyRequest) {
    // Always staged: the shared store takes any size up to the limit and keeps NATS messages small.
    const staged = await stageUpload(request, this.blobs, IMPORT_MAX_BYTES, []);
    return this.rpc.call(
      workflowImportRun,
      { filename: staged.filename || '台账.xlsx', content: { staged: staged.sha256 } },
      { caller },
    );
  }
}
