import { Controller, Get } from '@nestjs/common';
import type { z } from 'zod';
import { ZodQuery } from '../http/zod-http';
import { ApiContract } from '../http/api-contract.decorator';
import { Roles } from '../auth/auth.decorators';
import { auditListResponse, auditQuery } from './audit.dto';
import { AuditRepository } from './audit.repository';

/** 审计日志 — the auditor only (三权分立: not even the admin reads it). */
@Controller('api/v1/audit')
@Roles('auditor')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiContract({
    summary: '查询审计日志',
    tags: ['audit'],
    query: auditQuery,
    response: auditListResponse,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'FORBIDDEN'],
  })
  async list(@ZodQuery(auditQuery) query: z.infer<typeof auditQuery>) {
    const items = await this.audit.search({
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      actorId: query.actorId,
      action: query.action,
      objectType: query.objectType,
      objectId: query.objectId,
      result: query.result,
      before: query.before,
      limit: query.limit,
    });
    return {
      items: items.map((item) => ({ ...item, at: item.at.toISOString() })),
      nextBefore: items.length === query.limit ? items[items.length - 1].id : null,
    };
  }
}
