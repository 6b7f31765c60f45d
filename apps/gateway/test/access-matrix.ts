import { ROLES, type Role, type Scope } from '@daiban/contracts';
import { creditCode } from '../../registry/test/registry-harness';

/** Who is calling in one matrix cell. */
export interface MatrixActor {
  role: Role;
  scope: Scope;
  userId: string;
  token: string;
}

/**
 * The actors live in park `park-xslg` (county 440803) or enterprise A there; the foreign resources
 * belong to park `park-mzjk` (county 440811) and enterprise B, outside every actor's scope.
 */
export const HOME_PARK = 'park-xslg';
export const FOREIGN_PARK = 'park-mzjk';

/** Resources that belong to somebody else, created once per run by the test's fixtures. */
export interface MatrixFixtures {
  /** A user nobody but the admin may see (its username and phone must never leak). */
  foreignUser: { id: string; username: string; phone: string };
  /** Enterprise A (the enterprise actor's) and its project in the home park, over 1亿 (its case opens). */
  own: { enterpriseId: string; projectId: string };
  /** Enterprise B with a project over 1亿 in the foreign park; names chosen to be searched for in answers. */
  /** The own project's case (awaiting agreement); the foreign project's case, signed, and one of its items. */
  cases: { own: string; foreign: string; foreignItem: string };
  /** The current catalog and 2026 calendar, sent back unchanged by the admin's publish/put rows. */
  catalogItems: unknown[];
  calendar2026: { holidays: string[]; makeupWorkdays: string[] };
  foreign: {
    enterpriseId: string;
    enterpriseName: string;
    creditCode: string;
    projectId: string;
    projectName: string;
  };
}

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (f: MatrixFixtures, actor: MatrixActor) => string;
  body?: (f: MatrixFixtures, actor: MatrixActor, run: number) => unknown;
  /** Roles that may call the route with this resource. */
  allowed: readonly Role[];
  /** Roles the route admits at all (@Roles); the others get 403 and an audit row whatever the resource. */
  roles?: readonly Role[];
  /**
   * What every other role gets: 403 when the route itself is role-restricted (its existence is no
   * secret), 404 when the resource is outside the caller's scope (its existence is).
   */
  denied: 403 | 404;
  /** Text that must never appear in a denied answer: the foreign rows' contents. */
  secrets?: (f: MatrixFixtures) => string[];
  /** Lists and searches: the secrets must not appear in allowed answers either (scope filtering). */
  neverLeaks?: boolean;
  /** Server-Sent Events: only the status and headers are read, then the connection is dropped. */
  stream?: boolean;
}

const ALL = ROLES;
/** Who may read projects and enterprises in the registry; park staff and the enterprise may write. */
const READERS: readonly Role[] = ['enterprise', 'agent', 'center_director', 'leader'];
const WRITERS: readonly Role[] = ['enterprise', 'agent', 'center_director'];
const PARK_STAFF: readonly Role[] = ['agent', 'center_director'];
const foreignSecrets = (f: MatrixFixtures) => [
  f.foreign.enterpriseId,
  f.foreign.enterpriseName,
  f.foreign.creditCode,
  f.foreign.projectId,
  f.foreign.projectName,
];

/** The status a role gets for a route, as the matrix states it. */
export function expectedStatus(route: RouteCase, role: Role): 'ok' | 403 | 404 {
  if (route.allowed.includes(role)) return 'ok';
  if (route.roles && !route.roles.includes(role)) return 403;
  return route.denied;
}

/** Registry routes (counties, parks, land, enterprises, projects, milestones, 专班, tier, pipeline). */
const REGISTRY_ROUTES: RouteCase[] = [
  { name: 'list counties', method: 'GET', path: () => '/api/v1/counties', allowed: ALL, denied: 403 },
  { name: 'list parks', method: 'GET', path: () => '/api/v1/parks', allowed: ALL, denied: 403 },
  {
    name: 'create a park',
    method: 'POST',
    path: () => '/api/v1/parks',
    body: (_f, _a, run) => ({ id: `park-matrix-${run}`, name: `矩阵园区${run}`, countyCode: '440802' }),
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'change a park',
    method: 'PATCH',
    path: () => `/api/v1/parks/${FOREIGN_PARK}`,
    body: () => ({ version: 1, description: '矩阵测试' }),
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'land records of the own park',
    method: 'GET',
    path: () => `/api/v1/parks/${HOME_PARK}/land-records`,
    allowed: ['agent', 'center_director', 'leader'],
    denied: 403,
  },
  {
    name: 'land records of another park',
    method: 'GET',
    path: () => `/api/v1/parks/${FOREIGN_PARK}/land-records`,
    allowed: [],
    roles: ['agent', 'center_director', 'leader'],
    denied: 404,
  },
  {
    name: 'record land in another park',
    method: 'POST',
    path: () => `/api/v1/parks/${FOREIGN_PARK}/land-records`,
    body: () => ({ kind: 'reserved', areaMu: '10', date: '2026-03-01', parcel: 'MATRIX-1' }),
    allowed: [],
    roles: PARK_STAFF,
    denied: 404,
  },
  {
    name: 'register an enterprise',
    method: 'POST',
    path: () => '/api/v1/enterprises',
    body: (_f, _a, run) => ({
      name: `矩阵企业${run}`,
      creditCode: creditCode(1000 + run),
      legalRepresentative: '张三',
    }),
    allowed: PARK_STAFF,
    denied: 403,
  },
  {
    name: 'list enterprises',
    method: 'GET',
    path: () => '/api/v1/enterprises?pageSize=100',
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'search enterprises for the foreign one',
    method: 'GET',
    path: (f) => `/api/v1/enterprises?q=${encodeURIComponent(f.foreign.enterpriseName)}`,
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'read another enterprise',
    method: 'GET',
    path: (f) => `/api/v1/enterprises/${f.foreign.enterpriseId}`,
    allowed: [],
    roles: READERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'change another enterprise',
    method: 'PATCH',
    path: (f) => `/api/v1/enterprises/${f.foreign.enterpriseId}`,
    body: () => ({ version: 1, address: '改' }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "reveal another enterprise's contacts",
    method: 'POST',
    path: (f) => `/api/v1/enterprises/${f.foreign.enterpriseId}/contacts/reveal`,
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: (f) => [...foreignSecrets(f), '13600003333'],
  },
  {
    name: 'read the own project',
    method: 'GET',
    path: (f) => `/api/v1/projects/${f.own.projectId}`,
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'list projects',
    method: 'GET',
    path: () => '/api/v1/projects?pageSize=100',
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'search projects for the foreign one',
    method: 'GET',
    path: (f) =>
      `/api/v1/projects?q=${encodeURIComponent(f.foreign.projectName)}&enterpriseId=${f.foreign.enterpriseId}`,
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'project pipeline',
    method: 'GET',
    path: () => '/api/v1/projects/pipeline?stage=all&pageSize=100',
    allowed: READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'read another project',
    method: 'GET',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}`,
    allowed: [],
    roles: READERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'change another project',
    method: 'PATCH',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}`,
    body: () => ({ version: 1, name: '改名' }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'register a project for another enterprise',
    method: 'POST',
    path: () => '/api/v1/projects',
    body: (f) => ({
      name: '冒名项目',
      enterpriseId: f.foreign.enterpriseId,
      parkId: FOREIGN_PARK,
      totalInvestment: '100',
      industryChain: '绿色钢铁',
    }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another project's milestones",
    method: 'GET',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/milestones`,
    allowed: [],
    roles: READERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'record a milestone of another project',
    method: 'POST',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/milestones`,
    body: () => ({ type: 'land_acquired', date: '2026-03-01', evidence: '矩阵' }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another project's task force",
    method: 'GET',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/task-force`,
    allowed: [],
    roles: READERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "set another project's task force",
    method: 'PUT',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/task-force`,
    body: () => ({ lead: { name: '张组长', roleTitle: '组长' } }),
    allowed: [],
    roles: ['center_director'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "set another project's service tier",
    method: 'PUT',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/service-tier`,
    body: () => ({ version: 1, serviceTier: 'county' }),
    allowed: [],
    roles: ['center_director'],
    denied: 404,
    secrets: foreignSecrets,
  },
];

const foreignUserSecrets = (f: MatrixFixtures) => [f.foreignUser.username, f.foreignUser.phone, '138****'];

/**
 * The route × role × foreign-resource matrix. Every issue that adds routes appends its rows here;
 * access-matrix.int-spec.ts runs every row for every role and for an anonymous caller.
 */
/** Workflow routes (issue 5): reads answer 404 outside the scope whatever the role; actions name their roles. */
const WORKFLOW_ROUTES: RouteCase[] = [
  { name: 'read the catalog', method: 'GET', path: () => '/api/v1/catalog', allowed: ALL, denied: 403 },
  {
    name: 'publish a catalog',
    method: 'POST',
    path: () => '/api/v1/catalog',
    body: (f) => ({ items: f.catalogItems, note: '矩阵测试' }),
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'read a calendar year',
    method: 'GET',
    path: () => '/api/v1/calendar/2026',
    allowed: ALL,
    denied: 403,
  },
  {
    name: 'change a calendar year',
    method: 'PUT',
    path: () => '/api/v1/calendar/2026',
    body: (f) => f.calendar2026,
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'read the own case',
    method: 'GET',
    path: (f) => `/api/v1/cases/${f.cases.own}`,
    // Unsigned, the case has no items yet, so no department is involved in it.
    allowed: ['admin', 'center_director', 'agent', 'enterprise', 'leader'],
    denied: 404,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'read another case',
    method: 'GET',
    path: (f) => `/api/v1/cases/${f.cases.foreign}`,
    allowed: ['admin'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another project's case",
    method: 'GET',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/case`,
    allowed: ['admin'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'open a case for another project',
    method: 'POST',
    path: (f) => `/api/v1/projects/${f.foreign.projectId}/case`,
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'sign the agreement of another case',
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.cases.foreign}/agreement`,
    body: () => ({ signedOn: '2026-03-01', coverage: 'whole' }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'suspend another case',
    method: 'POST',
    path: (f) => `/api/v1/cases/${f.cases.foreign}/actions`,
    body: () => ({ action: 'suspend', reason: '矩阵' }),
    allowed: [],
    roles: WRITERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another case's ledger",
    method: 'GET',
    path: (f) => `/api/v1/cases/${f.cases.foreign}/ledger`,
    allowed: ['admin'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another case's ledger as xlsx",
    method: 'GET',
    path: (f) => `/api/v1/cases/${f.cases.foreign}/ledger?format=xlsx`,
    allowed: ['admin'],
    denied: 404,
  },
  {
    name: "another case's plan",
    method: 'GET',
    path: (f) => `/api/v1/cases/${f.cases.foreign}/plan`,
    allowed: ['admin'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'read another item',
    method: 'GET',
    path: (f) => `/api/v1/items/${f.cases.foreignItem}`,
    allowed: ['admin'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'act on another item',
    method: 'POST',
    path: (f) => `/api/v1/items/${f.cases.foreignItem}/actions`,
    body: () => ({ action: 'prepare' }),
    allowed: [],
    roles: ['agent', 'department_officer', 'center_director'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: "another park's seal register",
    method: 'GET',
    path: () => `/api/v1/parks/${FOREIGN_PARK}/seal-register`,
    // County, department and city scopes read a filtered register; park, enterprise and none do not see it.
    allowed: ['admin', 'leader', 'department_officer'],
    denied: 404,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
];

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
  ...REGISTRY_ROUTES,
  ...WORKFLOW_ROUTES,
];
