import { Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  getProject,
  getTaskForce,
  listMilestones,
  listPipeline,
  listPipelineQuerySchema,
  listProjects,
  listProjectsQuerySchema,
  recordMilestone,
  recordMilestoneBodySchema,
  registerProject,
  registerProjectRequestSchema,
  setServiceTier,
  setServiceTierBodySchema,
  setTaskForce,
  setTaskForceBodySchema,
  updateProject,
  updateProjectBodySchema,
  type Caller,
} from '@daiban/contracts';
import { RpcClient } from '@daiban/messaging';
import { AuditAction } from '../audit/audit.decorators';
import { Roles } from '../auth/auth.decorators';
import { ApiContract } from '../http/api-contract.decorator';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams } from './registry-http.schema';

type Id = z.infer<typeof idParams>;
const tags = ['registry'];

/**
 * Department officers see projects through the workflow (only those with items routed to them), the
 * auditor reads the audit log only and the admin manages reference data: none of them reads here.
 */
@Controller('api/v1/projects')
@Roles('enterprise', 'agent', 'center_director', 'leader')
export class ProjectsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('projects.register', { objectType: 'project', responseIdField: 'projectId' })
  @ApiContract({
    summary: '登记项目',
    description:
      '总投资超过代办门槛（默认 1 亿元）的项目自动开启代办件；绿色通道/重大项目标记仅中心主任可设。',
    tags,
    body: registerProjectRequestSchema,
    response: registerProject.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'PRECONDITION_FAILED'],
  })
  register(
    @CurrentCaller() caller: Caller,
    @ZodBody(registerProjectRequestSchema) body: z.infer<typeof registerProjectRequestSchema>,
  ) {
    return this.rpc.call(registerProject, body, { caller });
  }

  @Get()
  @ApiContract({
    summary: '项目列表（按数据范围）',
    tags,
    query: listProjectsQuerySchema,
    response: listProjects.response,
    errors: ['FORBIDDEN'],
  })
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listProjectsQuerySchema) query: z.infer<typeof listProjectsQuerySchema>,
  ) {
    return this.rpc.call(listProjects, query, { caller });
  }

  /** 招商 pipeline by investment tier. */
  @Get('pipeline')
  @ApiContract({
    summary: '招商项目库（按投资规模分档）',
    tags,
    query: listPipelineQuerySchema,
    response: listPipeline.response,
    errors: ['FORBIDDEN'],
  })
  pipeline(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listPipelineQuerySchema) query: z.infer<typeof listPipelineQuerySchema>,
  ) {
    return this.rpc.call(listPipeline, query, { caller });
  }

  @Get(':id')
  @ApiContract({
    summary: '项目详情（含有效里程碑）',
    tags,
    params: idParams,
    query: emptyQuery,
    response: getProject.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  get(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(getProject, { projectId: params.id }, { caller });
  }

  @Patch(':id')
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('projects.update', { objectType: 'project' })
  @ApiContract({
    summary: '修改项目',
    tags,
    params: idParams,
    body: updateProjectBodySchema,
    response: updateProject.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT', 'DUPLICATE'],
  })
  update(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(updateProjectBodySchema) body: z.infer<typeof updateProjectBodySchema>,
  ) {
    return this.rpc.call(updateProject, { ...body, projectId: params.id }, { caller });
  }

  @Post(':id/milestones')
  @HttpCode(201)
  @Roles('enterprise', 'agent', 'center_director')
  @AuditAction('projects.recordMilestone', { objectType: 'project', detailFields: ['type', 'date'] })
  @ApiContract({
    summary: '登记里程碑（签约、供地、开工、投产…）',
    tags,
    params: idParams,
    body: recordMilestoneBodySchema,
    response: recordMilestone.response,
    status: 201,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'DUPLICATE', 'ILLEGAL_TRANSITION'],
  })
  recordMilestone(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(recordMilestoneBodySchema) body: z.infer<typeof recordMilestoneBodySchema>,
  ) {
    return this.rpc.call(recordMilestone, { ...body, projectId: params.id }, { caller });
  }

  @Get(':id/milestones')
  @ApiContract({
    summary: '里程碑历史（含已更正的）',
    tags,
    params: idParams,
    response: listMilestones.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  milestones(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(listMilestones, { projectId: params.id }, { caller });
  }

  @Put(':id/task-force')
  @Roles('center_director')
  @AuditAction('projects.setTaskForce', { objectType: 'project' })
  @ApiContract({
    summary: '设置项目专班',
    tags,
    params: idParams,
    body: setTaskForceBodySchema,
    response: setTaskForce.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'PRECONDITION_FAILED'],
  })
  setTaskForce(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(setTaskForceBodySchema) body: z.infer<typeof setTaskForceBodySchema>,
  ) {
    return this.rpc.call(setTaskForce, { ...body, projectId: params.id }, { caller });
  }

  @Get(':id/task-force')
  @ApiContract({
    summary: '项目专班及其变更历史',
    tags,
    params: idParams,
    response: getTaskForce.response,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  })
  taskForce(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(getTaskForce, { projectId: params.id }, { caller });
  }

  @Put(':id/service-tier')
  @Roles('center_director')
  @AuditAction('projects.setServiceTier', { objectType: 'project', detailFields: ['serviceTier'] })
  @ApiContract({
    summary: '设置三级服务层级',
    tags,
    params: idParams,
    body: setServiceTierBodySchema,
    response: setServiceTier.response,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VERSION_CONFLICT'],
  })
  setServiceTier(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(setServiceTierBodySchema) body: z.infer<typeof setServiceTierBodySchema>,
  ) {
    return this.rpc.call(setServiceTier, { ...body, projectId: params.id }, { caller });
  }
}
