import { ROLES, type Role, type Scope } from '@daiban/contracts';

/** Who is calling in one matrix cell. */
export interface MatrixActor {
  role: Role;
  scope: Scope;
  userId: string;
  token: string;
}

/** Resources that belong to somebody else, created once per run by the test's fixtures. */
export interface MatrixFixtures {
  /** A user nobody but the admin may see (its username and phone must never leak). */
  foreignUser: { id: string; username: string; phone: string };
  /** Grows as later issues add resources (foreign project, case, item… per scope). */
  [resource: string]: unknown;
}

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (f: MatrixFixtures, actor: MatrixActor) => string;
  body?: (f: MatrixFixtures, actor: MatrixActor, run: number) => unknown;
  /** Roles that may call the route with this resource. */
  allowed: readonly Role[];
  /**
   * What every other role gets: 403 when the route itself is role-restricted (its existence is no
   * secret), 404 when the resource is outside the caller's scope (its existence is).
   */
  denied: 403 | 404;
  /** Text that must never appear in a denied answer: the foreign rows' contents. */
  secrets?: (f: MatrixFixtures) => string[];
  /** Server-Sent Events: only the status and headers are read, then the connection is dropped. */
  stream?: boolean;
}

const ALL = ROLES;
const foreignUserSecrets = (f: MatrixFixtures) => [f.foreignUser.username, f.foreignUser.phone, '138****'];

/**
 * The route × role × foreign-resource matrix. Every issue that adds routes appends its rows here;
 * access-matrix.int-spec.ts runs every row for every role and for an anonymous caller.
 */
export const ROUTE_MATRIX: RouteCase[] = [
  { name: 'who am I', method: 'GET', path: () => '/api/v1/me', allowed: ALL, denied: 403 },
  {
    name: 'list users',
    method: 'GET',
    path: () => '/api/v1/users',
    allowed: ['admin'],
    denied: 403,
    secrets: foreignUserSecrets,
  },
  {
    name: 'read another user',
    method: 'GET',
    path: (f) => `/api/v1/users/${f.foreignUser.id}`,
    allowed: ['admin'],
    denied: 403,
    secrets: foreignUserSecrets,
  },
  {
    name: 'create a user',
    method: 'POST',
    path: () => '/api/v1/users',
    body: (_f, actor, run) => ({
      username: `made_by_${actor.role}_${run}`,
      displayName: '新用户',
      role: 'agent',
      scope: { kind: 'park', parkId: 'park-a' },
      password: 'Daiban#2026x',
    }),
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'change another user',
    method: 'PATCH',
    path: (f) => `/api/v1/users/${f.foreignUser.id}`,
    body: () => ({ displayName: '改名' }),
    allowed: ['admin'],
    denied: 403,
    secrets: foreignUserSecrets,
  },
  {
    name: 'reveal a phone number',
    method: 'POST',
    path: (f) => `/api/v1/users/${f.foreignUser.id}/reveal`,
    body: () => ({ fields: ['phone'], reason: '核实联系方式' }),
    allowed: ['admin'],
    denied: 403,
    secrets: foreignUserSecrets,
  },
  {
    name: 'read the audit log',
    method: 'GET',
    path: () => '/api/v1/audit',
    allowed: ['auditor'],
    denied: 403,
    secrets: (f) => [f.foreignUser.id],
  },
  { name: 'stream ticket', method: 'POST', path: () => '/api/v1/stream/ticket', allowed: ALL, denied: 403 },
  {
    name: 'live stream',
    method: 'GET',
    path: () => '/api/v1/stream',
    allowed: ALL,
    denied: 403,
    stream: true,
  },
  {
    name: 'queue board session',
    method: 'POST',
    path: () => '/api/v1/admin/queues/session',
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'queue board API',
    method: 'GET',
    path: () => '/admin/queues/api/queues',
    allowed: ['admin'],
    denied: 403,
  },
];
