import type { CaseView, ItemView, ProjectView, Role } from '@daiban/contracts';
import { pollUntil } from '@daiban/testing';
import { ApiUser } from './api';

/** The users of a flow, each signed in to the API once. */
export class FlowUsers {
  private readonly signedIn = new Map<Role, ApiUser>();

  async as(role: Role): Promise<ApiUser> {
    let user = this.signedIn.get(role);
    if (!user) {
      user = await ApiUser.signIn(role);
      this.signedIn.set(role, user);
    }
    return user;
  }

  async userId(role: Role): Promise<string> {
    return (await (await this.as(role)).get<{ id: string }>('/me')).id;
  }

  async enterpriseId(): Promise<string> {
    const me = await (await this.as('enterprise')).get<{ scope: { enterpriseId?: string } }>('/me');
    if (!me.scope.enterpriseId) throw new Error('the demo enterprise user has no enterprise in scope');
    return me.scope.enterpriseId;
  }

  async projectByName(name: string): Promise<ProjectView> {
    const page = await (
      await this.as('enterprise')
    ).get<{ items: ProjectView[] }>(`/projects?q=${encodeURIComponent(name)}&pageSize=10`);
    const project = page.items.find((p) => p.name === name);
    if (!project) throw new Error(`the enterprise has no project named ${name}`);
    return project;
  }

  /** The workflow opens the case from the registry's event, so it appears a moment after the project. */
  async caseOf(projectId: string): Promise<CaseView> {
    const enterprise = await this.as('enterprise');
    return pollUntil(() => enterprise.get<CaseView>(`/projects/${projectId}/case`).catch(() => null), {
      timeoutMs: 20_000,
      intervalMs: 250,
      message: `the case of project ${projectId}`,
    });
  }

  async item(itemId: string): Promise<ItemView> {
    return (await this.as('agent')).get<ItemView>(`/items/${itemId}`);
  }
}
