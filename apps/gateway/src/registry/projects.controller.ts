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
import { CurrentCaller } from '../http/current-caller.decorator';
import { ZodBody, ZodParams, ZodQuery } from '../http/zod-http';
import { emptyQuery, idParams } from './registry-http.schema';

type Id = z.infer<typeof idParams>;

@Controller('api/v1/projects')
export class ProjectsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  register(
    @CurrentCaller() caller: Caller,
    @ZodBody(registerProjectRequestSchema) body: z.infer<typeof registerProjectRequestSchema>,
  ) {
    return this.rpc.call(registerProject, body, { caller });
  }

  @Get()
  list(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listProjectsQuerySchema) query: z.infer<typeof listProjectsQuerySchema>,
  ) {
    return this.rpc.call(listProjects, query, { caller });
  }

  /** 招商 pipeline by investment tier. */
  @Get('pipeline')
  pipeline(
    @CurrentCaller() caller: Caller,
    @ZodQuery(listPipelineQuerySchema) query: z.infer<typeof listPipelineQuerySchema>,
  ) {
    return this.rpc.call(listPipeline, query, { caller });
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id, @ZodQuery(emptyQuery) _q: unknown) {
    return this.rpc.call(getProject, { projectId: params.id }, { caller });
  }

  @Patch(':id')
  update(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(updateProjectBodySchema) body: z.infer<typeof updateProjectBodySchema>,
  ) {
    return this.rpc.call(updateProject, { ...body, projectId: params.id }, { caller });
  }

  @Post(':id/milestones')
  @HttpCode(201)
  recordMilestone(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(recordMilestoneBodySchema) body: z.infer<typeof recordMilestoneBodySchema>,
  ) {
    return this.rpc.call(recordMilestone, { ...body, projectId: params.id }, { caller });
  }

  @Get(':id/milestones')
  milestones(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(listMilestones, { projectId: params.id }, { caller });
  }

  @Put(':id/task-force')
  setTaskForce(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(setTaskForceBodySchema) body: z.infer<typeof setTaskForceBodySchema>,
  ) {
    return this.rpc.call(setTaskForce, { ...body, projectId: params.id }, { caller });
  }

  @Get(':id/task-force')
  taskForce(@CurrentCaller() caller: Caller, @ZodParams(idParams) params: Id) {
    return this.rpc.call(getTaskForce, { projectId: params.id }, { caller });
  }

  @Put(':id/service-tier')
  setServiceTier(
    @CurrentCaller() caller: Caller,
    @ZodParams(idParams) params: Id,
    @ZodBody(setServiceTierBodySchema) body: z.infer<typeof setServiceTierBodySchema>,
  ) {
    return this.rpc.call(setServiceTier, { ...body, projectId: params.id }, { caller });
  }
}
