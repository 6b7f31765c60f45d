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
  /** The 2026 targets as read (version 0: the defaults), sent back unchanged by the admin's put row. */
  targets2026: { version: number; targets: unknown };
  foreign: {
    enterpriseId: string;
    enterpriseName: string;
    creditCode: string;
    projectId: string;
    projectName: string;
    /** The foreign enterprise's 企业诉求 and a 督办单 issued in the foreign park, with searchable texts. */
    requestId: string;
    requestText: string;
    orderId: string;
    orderReason: string;
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
  /** A multipart body (uploads) instead of JSON. */
  form?: (f: MatrixFixtures) => FormData;
  /**
   * What an allowed role gets when it is not a 2xx: the request passed authentication, the role check
   * and the scope check and was answered on its merits (a wrong current password, an illegal
   * transition of the foreign order for the city-wide admin, a file that is no ledger).
   */
  okStatuses?: readonly number[];
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
  f.foreign.requestId,
  f.foreign.requestText,
  f.foreign.orderId,
  f.foreign.orderReason,
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
    name: "another park's agents",
    method: 'GET',
    path: () => `/api/v1/parks/${FOREIGN_PARK}/agents`,
    allowed: ['admin'],
    roles: ['admin', 'center_director'],
    denied: 404,
    secrets: (f) => foreignUserSecrets(f),
  },
  {
    name: "the own park's agents",
    method: 'GET',
    path: () => `/api/v1/parks/${HOME_PARK}/agents`,
    allowed: ['admin', 'center_director'],
    roles: ['admin', 'center_director'],
    denied: 403,
  },
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
    name: 'list cases',
    method: 'GET',
    path: () => '/api/v1/cases?pageSize=100',
    // Scoped in SQL: a foreign case is simply not listed (a department officer's list is empty).
    allowed: ALL,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
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

/** Who may act on 督办单 and read them (the notifications service then applies scope → 404). */
const ORDER_READERS: readonly Role[] = ['admin', 'center_director', 'agent', 'department_officer', 'leader'];
const UPLOADERS: readonly Role[] = ['admin', 'center_director', 'agent', 'department_officer', 'enterprise'];
const REPORT_READERS: readonly Role[] = ['leader', 'center_director', 'agent', 'department_officer'];
const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000';

const pdfForm = () => {
  const form = new FormData();
  form.append('kind', 'material');
  form.append('file', new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n']), '材料.pdf');
  return form;
};
const notLedgerForm = () => {
  const form = new FormData();
  form.append('file', new Blob(['not,a,ledger\n']), '台账.csv');
  return form;
};

/** A route about the caller alone, open to every role. */
const anyRole = (name: string, method: RouteCase['method'], path: string, body?: unknown): RouteCase => ({
  name,
  method,
  path: () => path,
  body: body === undefined ? undefined : () => body,
  allowed: ALL,
  denied: 403,
});

/** An upload to someone else's item, case or project: 404 for every uploader but the city-wide admin. */
const foreignUpload = (name: string, path: RouteCase['path']): RouteCase => ({
  name,
  method: 'POST',
  path,
  form: pdfForm,
  // The admin's city scope covers the target; the workflow may still refuse it the upload itself.
  allowed: ['admin'],
  roles: UPLOADERS,
  denied: 404,
  secrets: foreignSecrets,
  okStatuses: [403],
});

/** The caller's own inbox and preferences, 督办单, reminders and channel targets (notifications service). */
const NOTIFICATIONS_ROUTES: RouteCase[] = [
  {
    name: 'my inbox',
    method: 'GET',
    path: () => '/api/v1/me/notifications?limit=100',
    allowed: ALL,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  anyRole('my unread count', 'GET', '/api/v1/me/notifications/unread-count'),
  anyRole('mark notifications read', 'POST', '/api/v1/me/notifications/read', { ids: [NO_SUCH_UUID] }),
  anyRole('mark all notifications read', 'POST', '/api/v1/me/notifications/read-all'),
  anyRole('my notification preferences', 'GET', '/api/v1/me/notification-preferences'),
  anyRole('change my notification preferences', 'PUT', '/api/v1/me/notification-preferences', {
    categories: { item: { sms: false } },
  }),
  {
    name: 'list 督办单',
    method: 'GET',
    path: () => '/api/v1/supervision-orders?limit=100',
    allowed: ORDER_READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'read a foreign 督办单',
    method: 'GET',
    path: (f) => `/api/v1/supervision-orders/${f.foreign.orderId}`,
    allowed: ['admin'],
    roles: ORDER_READERS,
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'issue a 督办单 on a foreign item',
    method: 'POST',
    path: () => '/api/v1/supervision-orders',
    body: (f) => ({
      subject: { kind: 'item', id: f.cases.foreignItem, title: '矩阵督办' },
      place: { enterpriseId: f.foreign.enterpriseId, parkId: FOREIGN_PARK, countyCode: '440811' },
      toDepartmentCode: 'fgj',
      reason: '矩阵测试',
    }),
    // The admin's city scope covers the item, but only directors and leaders issue orders.
    allowed: ['admin'],
    roles: ['admin', 'center_director', 'leader'],
    denied: 404,
    secrets: foreignSecrets,
    okStatuses: [403],
  },
  {
    name: 'act on a foreign 督办单',
    method: 'POST',
    path: (f) => `/api/v1/supervision-orders/${f.foreign.orderId}/actions`,
    body: () => ({ action: 'close', note: '矩阵' }),
    allowed: ['admin'],
    roles: ['admin', 'center_director', 'department_officer', 'leader'],
    denied: 404,
    secrets: foreignSecrets,
    okStatuses: [409],
  },
  {
    name: "a foreign item's reminders",
    method: 'GET',
    path: (f) => `/api/v1/items/${f.cases.foreignItem}/reminders`,
    // The item has no running deadline yet: even the admin finds no reminders (404).
    allowed: ['admin'],
    roles: ['agent', 'center_director', 'admin'],
    denied: 404,
    secrets: foreignSecrets,
    okStatuses: [404],
  },
  {
    name: 'list channel targets',
    method: 'GET',
    path: () => '/api/v1/admin/notification-targets',
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'set a channel target',
    method: 'POST',
    path: () => '/api/v1/admin/notification-targets',
    body: () => ({
      kind: 'wecom',
      scopeKind: 'park',
      scopeId: FOREIGN_PARK,
      config: { url: 'https://qyapi.example/hook' },
    }),
    allowed: ['admin'],
    denied: 403,
  },
  {
    name: 'remove a channel target',
    method: 'DELETE',
    path: () => `/api/v1/admin/notification-targets/${NO_SUCH_UUID}`,
    allowed: ['admin'],
    denied: 403,
    okStatuses: [404],
  },
];

/** Reports are filtered by scope in the reporting service: the foreign park's rows never show. */
const REPORT_PATHS: Array<[string, string]> = [
  ['overview', ''],
  ['overdue', '?pageSize=100'],
  ['departments', '?year=2026'],
  ['agents', ''],
  ['quarterly', '?year=2026&quarter=1'],
  ['park-evaluation', '?year=2026'],
  ['investment', '?year=2026'],
  ['briefing', '?year=2026&quarter=1'],
];
const REPORTING_ROUTES: RouteCase[] = [
  ...REPORT_PATHS.map(([report, query]): RouteCase => ({
    name: `report ${report}`,
    method: 'GET',
    path: () => `/api/v1/reports/${report}${query}`,
    allowed: REPORT_READERS,
    denied: 403,
    secrets: (f) => [f.foreign.projectId, f.foreign.projectName, f.foreign.enterpriseName],
    neverLeaks: true,
  })),
  {
    name: 'briefing asked for the foreign county',
    method: 'GET',
    path: () => '/api/v1/reports/briefing?year=2026&quarter=1&countyCode=440811',
    // Narrowed to the caller's scope, not refused: the foreign county's rows never appear.
    allowed: REPORT_READERS,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'read the targets',
    method: 'GET',
    path: () => '/api/v1/targets/2026',
    allowed: ['admin', ...REPORT_READERS],
    denied: 403,
  },
  {
    name: 'set the targets',
    method: 'PUT',
    path: () => '/api/v1/targets/2026',
    body: (f) => ({ expectedVersion: f.targets2026.version, targets: f.targets2026.targets }),
    allowed: ['admin'],
    denied: 403,
  },
];

/** 企业诉求, attachments and the ledger import (issue 9). */
const FILES_ROUTES: RouteCase[] = [
  {
    name: 'list enterprise requests',
    method: 'GET',
    path: () => '/api/v1/requests?pageSize=100',
    allowed: ['admin', 'center_director', 'agent', 'department_officer', 'enterprise', 'leader'],
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'raise a request on a foreign project',
    method: 'POST',
    path: () => '/api/v1/requests',
    body: (f) => ({ projectId: f.foreign.projectId, category: 'utilities', description: '冒名诉求' }),
    allowed: [],
    roles: ['enterprise', 'agent'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'read a foreign request',
    method: 'GET',
    path: (f) => `/api/v1/requests/${f.foreign.requestId}`,
    allowed: ['admin'],
    roles: ['admin', 'center_director', 'agent', 'department_officer', 'enterprise', 'leader'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'act on a foreign request',
    method: 'POST',
    path: (f) => `/api/v1/requests/${f.foreign.requestId}/actions`,
    body: () => ({ action: 'answer', answer: '矩阵答复' }),
    allowed: ['admin'],
    roles: ['admin', 'center_director', 'agent', 'department_officer', 'enterprise'],
    denied: 404,
    secrets: foreignSecrets,
    okStatuses: [403, 409, 412],
  },
  foreignUpload('upload to a foreign item', (f) => `/api/v1/items/${f.cases.foreignItem}/attachments`),
  foreignUpload('upload to a foreign case', (f) => `/api/v1/cases/${f.cases.foreign}/attachments`),
  foreignUpload('upload to a foreign project', (f) => `/api/v1/projects/${f.foreign.projectId}/attachments`),
  {
    name: "a foreign item's attachments",
    method: 'GET',
    path: (f) => `/api/v1/attachments?itemId=${f.cases.foreignItem}`,
    allowed: ['admin'],
    roles: [...UPLOADERS, 'leader'],
    denied: 404,
    secrets: foreignSecrets,
  },
  {
    name: 'download an attachment out of scope',
    method: 'GET',
    path: () => '/api/v1/attachments/att-matrix-none/content',
    allowed: [],
    roles: [...UPLOADERS, 'leader'],
    denied: 404,
  },
  {
    name: 'ledger import template',
    method: 'GET',
    path: () => '/api/v1/cases/import/template',
    allowed: ['admin', 'agent'],
    denied: 403,
  },
  {
    name: 'import a ledger',
    method: 'POST',
    path: () => '/api/v1/cases/import',
    form: notLedgerForm,
    allowed: ['admin', 'agent'],
    denied: 403,
    // Reached the importer, which refuses a file that is no ledger.
    okStatuses: [400, 415, 422],
  },
];

/** Items across cases (the worklist) and the caller's own password. */
const OTHER_ROUTES: RouteCase[] = [
  {
    name: 'list items',
    method: 'GET',
    path: () => '/api/v1/items?pageSize=100',
    allowed: ALL,
    denied: 403,
    secrets: foreignSecrets,
    neverLeaks: true,
  },
  {
    name: 'change my password with a wrong current one',
    method: 'POST',
    path: () => '/api/v1/me/password',
    body: () => ({ currentPassword: 'not-my-password', newPassword: 'Another#2026x' }),
    allowed: ALL,
    denied: 403,
    okStatuses: [401],
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
  {
    name: 'thresholds in force',
    method: 'GET',
    path: () => '/api/v1/admin/thresholds',
    allowed: ['admin'],
    denied: 403,
  },
  ...REGISTRY_ROUTES,
  ...WORKFLOW_ROUTES,
  ...NOTIFICATIONS_ROUTES,
  ...REPORTING_ROUTES,
  ...FILES_ROUTES,
  ...OTHER_ROUTES,
];

/**
 * Routes without authentication, each covered by its own tests; every other route must have a row in
 * ROUTE_MATRIX (access-matrix.int-spec.ts fails on a route in neither list).
 */
export const PUBLIC_ROUTES: Record<string, string> = {
  'POST /api/v1/auth/login': 'auth.int-spec.ts (lockout, throttling, equal answers)',
  'POST /api/v1/auth/refresh': 'auth.int-spec.ts (rotation, reuse revokes the family)',
  'POST /api/v1/auth/logout': 'auth.int-spec.ts',
  'POST /api/v1/auth/change-password': 'auth.int-spec.ts (expired passwords)',
  'GET /api/v1/system/services': 'health of the services, no data',
  'GET /health/live': 'liveness probe',
  'GET /health/ready': 'readiness probe',
  'GET /metrics': 'Prometheus metrics (no personal data; expose only inside the cluster)',
};
