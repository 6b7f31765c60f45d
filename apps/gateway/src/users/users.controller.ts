import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import type { z } from 'zod';
import type { Caller } from '@daiban/contracts';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { ApiContract } from '../http/api-contract.decorator';
import { Roles } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import {
  createUserBody,
  listUsersQuery,
  revealBody,
  revealResponse,
  updateUserBody,
  userIdParams,
  userListResponse,
  userResponse,
} from './users.dto';
import { UsersService } from './users.service';
import { NotReplayable } from '../http/idempotency.interceptor';

/** 用户管理 — admin only (三权分立: the auditor cannot change users). */
@Controller('api/v1/users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @AuditAction('users.create', { objectType: 'user' })
  @ApiContract({
    summary: '创建用户',
    tags: ['users'],
    body: createUserBody,
    response: userResponse,
    status: 201,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'DUPLICATE', 'FORBIDDEN'],
  })
  async create(@ZodBody(createUserBody) body: z.infer<typeof createUserBody>) {
    return this.users.toResponse(await this.users.create(body));
  }

  @Get()
  @ApiContract({
    summary: '用户列表',
    tags: ['users'],
    query: listUsersQuery,
    response: userListResponse,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'FORBIDDEN'],
  })
  list(@ZodQuery(listUsersQuery) query: z.infer<typeof listUsersQuery>) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiContract({
    summary: '用户详情',
    tags: ['users'],
    params: userIdParams,
    response: userResponse,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'],
  })
  async get(@ZodParams(userIdParams) params: z.infer<typeof userIdParams>) {
    return this.users.toResponse(await this.users.get(params.id));
  }

  @Patch(':id')
  @AuditAction('users.update', { objectType: 'user' })
  @ApiContract({
    summary: '修改用户（停用、改角色/数据范围、重置密码）',
    description: '角色、数据范围、停用或重置密码会使该用户已签发的令牌立即失效。',
    tags: ['users'],
    params: userIdParams,
    body: updateUserBody,
    response: userResponse,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'],
  })
  async update(
    @CurrentCaller() caller: Caller,
    @ZodParams(userIdParams) params: z.infer<typeof userIdParams>,
    @ZodBody(updateUserBody) body: z.infer<typeof updateUserBody>,
  ) {
    return this.users.toResponse(await this.users.update(caller, params.id, body));
  }

  /**
   * The reveal pattern for personal data: a permissioned POST with a stated reason, written to the
   * audit log (with the reason) by the audit interceptor; responses carry Cache-Control: no-store.
   */
  @Post(':id/reveal')
  @NotReplayable()
  @HttpCode(200)
  @AuditAction('users.reveal_personal_data', { objectType: 'user', detailFields: ['fields', 'reason'] })
  @ApiContract({
    summary: '查看完整个人信息（留痕）',
    tags: ['users'],
    params: userIdParams,
    body: revealBody,
    response: revealResponse,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'NOT_FOUND', 'FORBIDDEN'],
  })
  async reveal(
    @ZodParams(userIdParams) params: z.infer<typeof userIdParams>,
    @ZodBody(revealBody) body: z.infer<typeof revealBody>,
  ) {
    const user = await this.users.get(params.id);
    return Object.fromEntries(body.fields.map((field) => [field, user[field]]));
  }
}
