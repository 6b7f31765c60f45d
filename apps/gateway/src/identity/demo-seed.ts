import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role, Scope } from '@daiban/contracts';
import type { PasswordHasher } from './password-hasher.service';
import { announceUsers } from './user-events';

/** The one password of every demo user (documented in the README; never for production data). */
export const DEMO_PASSWORD = 'Demo#2026';

/** The registry's park ids (its reference-data migration) and their counties. */
export const DEMO_PLACES = {
  xiashanPark: 'park-xslg',
  mazhangPark: 'park-mzjk',
  xiashanCounty: '440803',
  mazhangCounty: '440811',
  department: 'fgj',
} as const;

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  phone: string;
}

/** The registry generates enterprise ids, so the enterprise user's scope is known only after seeding it. */
export const demoUsers = (enterpriseId: string): DemoUser[] => [
  {
    username: 'demo_admin',
    displayName: '系统管理员（演示）',
    role: 'admin',
    scope: { kind: 'city' },
    phone: '13800000001',
  },
  {
    username: 'demo_director',
    displayName: '霞山园区企业服务中心主任',
    role: 'center_director',
    scope: { kind: 'park', parkId: DEMO_PLACES.xiashanPark },
    phone: '13800000002',
  },
  {
    username: 'demo_agent',
    displayName: '霞山园区代办员',
    role: 'agent',
    scope: { kind: 'park', parkId: DEMO_PLACES.xiashanPark },
    phone: '13800000003',
  },
  {
    username: 'demo_agent_mz',
    displayName: '麻章园区代办员',
    role: 'agent',
    scope: { kind: 'park', parkId: DEMO_PLACES.mazhangPark },
    phone: '13800000004',
  },
  {
    username: 'demo_officer',
    displayName: '霞山区发改局专办员',
    role: 'department_officer',
    scope: {
      kind: 'department',
      departmentCode: DEMO_PLACES.department,
      countyCode: DEMO_PLACES.xiashanCounty,
    },
    phone: '13800000005',
  },
  {
    username: 'demo_enterprise',
    displayName: '演示企业（湛江示范新材料有限公司）',
    role: 'enterprise',
    scope: { kind: 'enterprise', enterpriseId },
    phone: '13800000006',
  },
  {
    username: 'demo_leader_county',
    displayName: '霞山区领导',
    role: 'leader',
    scope: { kind: 'county', countyCode: DEMO_PLACES.xiashanCounty },
    phone: '13800000007',
  },
  {
    username: 'demo_leader_city',
    displayName: '市领导',
    role: 'leader',
    scope: { kind: 'city' },
    phone: '13800000008',
  },
  {
    username: 'demo_auditor',
    displayName: '审计员',
    role: 'auditor',
    scope: { kind: 'none' },
    phone: '13800000009',
  },
];

/**
 * Creates or resets the demo users (re-runnable: an existing demo user gets its role, scope and
 * password back and its sessions invalidated). Also makes sure the first administrator exists.
 */
export async function seedDemoUsers(
  dataSource: DataSource,
  hasher: PasswordHasher,
  now: Date,
  admin: { username: string; password: string },
  enterpriseId: string,
): Promise<string[]> {
  const demoHash = await hasher.hash(DEMO_PASSWORD);
  const adminHash = await hasher.hash(admin.password);
  return dataSource.transaction(async (manager) => {
    const createdAdmin: Array<{ id: string }> = await manager.query(
      `INSERT INTO users (id, username, display_name, role, scope, phone, password_hash, password_changed_at,
         created_at, updated_at)
       VALUES ($1, $2, '系统管理员', 'admin', '{"kind":"city"}', NULL, $3, $4, $4, $4)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING id`,
      [randomUUID(), admin.username, adminHash, now],
    );
    const changed: string[] = createdAdmin.map((row) => row.id);
    const seeded: string[] = [];
    for (const user of demoUsers(enterpriseId)) {
      const [row]: Array<{ id: string }> = await manager.query(
        `INSERT INTO users (id, username, display_name, role, scope, phone, password_hash, password_changed_at,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)
         ON CONFLICT ((lower(username))) DO UPDATE SET
           display_name = EXCLUDED.display_name, role = EXCLUDED.role, scope = EXCLUDED.scope,
           phone = EXCLUDED.phone, password_hash = EXCLUDED.password_hash,
           password_changed_at = EXCLUDED.password_changed_at, enabled = true, locked_until = NULL,
           token_version = users.token_version + 1, version = users.version + 1,
           updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [
          randomUUID(),
          user.username,
          user.displayName,
          user.role,
          JSON.stringify(user.scope),
          user.phone,
          demoHash,
          now,
        ],
      );
      seeded.push(user.username);
      changed.push(row.id);
    }
    const schema = (dataSource.options as { schema?: string }).schema ?? 'gateway';
    await announceUsers(manager, changed, { schema, now });
    return seeded;
  });
}
