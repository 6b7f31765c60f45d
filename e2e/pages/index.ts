import type { Page } from 'playwright-core';
import type { Role } from '@daiban/contracts';
import { AdminPages } from './admin';
import { AgentPages } from './agent';
import type { AppShell } from './app-shell';
import { AuditorPages } from './auditor';
import { CenterDirectorPages } from './center-director';
import { DepartmentOfficerPages } from './department-officer';
import { EnterprisePages } from './enterprise';
import { LeaderPages } from './leader';

export type RolePages = AppShell & { expectHome(): Promise<void> };

/** The page object of each role, for tests that go through every role alike. */
export const ROLE_PAGES: Record<Role, new (page: Page) => RolePages> = {
  admin: AdminPages,
  center_director: CenterDirectorPages,
  agent: AgentPages,
  department_officer: DepartmentOfficerPages,
  enterprise: EnterprisePages,
  leader: LeaderPages,
  auditor: AuditorPages,
};
