import { Controller } from '@nestjs/common';
import {
  getProject,
  listPipeline,
  listProjects,
  registerProject,
  setServiceTier,
  updateProject,
  type RpcRequest,
} from '@daiban/contracts';
import { RpcHandler, type RpcRequestMessage } from '@daiban/messaging';
import { requireCaller } from '../shared/access.util';
import { ProjectsService } from './projects.service';

@Controller()
export class ProjectsHandler {
  constructor(private readonly projects: ProjectsService) {}

  @RpcHandler(registerProject)
  register({ data, caller }: RpcRequestMessage<RpcRequest<typeof registerProject>>) {
    return this.projects.register(requireCaller(caller), data);
  }

  @RpcHandler(getProject)
  get({ data, caller }: RpcRequestMessage<RpcRequest<typeof getProject>>) {
    return this.projects.get(requireCaller(caller), data.projectId);
  }

  @RpcHandler(updateProject)
  update({ data, caller }: RpcRequestMessage<RpcRequest<typeof updateProject>>) {
    return this.projects.update(requireCaller(caller), data);
  }

  @RpcHandler(listProjects)
  list({ data, caller }: RpcRequestMessage<RpcRequest<typeof listProjects>>) {
    return this.projects.list(requireCaller(caller), data);
  }

  @RpcHandler(listPipeline)
  pipeline({ data, caller }: RpcRequestMessage<RpcRequest<typeof listPipeline>>) {
    return this.projects.pipeline(requireCaller(caller), data);
  }

  @RpcHandler(setServiceTier)
  setServiceTier({ data, caller }: RpcRequestMessage<RpcRequest<typeof setServiceTier>>) {
    return this.projects.setServiceTier(requireCaller(caller), data);
  }
}
