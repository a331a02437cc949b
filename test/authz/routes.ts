/**
 * The route table as the app registers it, and concrete URLs for it: path parameters are filled
 * with real demo objects (so in-scope actors reach them) or with ids that do not exist.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/server/db/database.js';
import type { App } from '../../src/server/http/context.js';

export interface RouteInfo {
  /** `METHOD /path/{param}` as in the OpenAPI document. */
  key: string;
  method: string;
  path: string;
  /** The route's OpenAPI operation (request body and parameter schemas). */
  operation: OpenApiOperation;
}

export interface OpenApiOperation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: { name: string; in: 'query' | 'path' | 'header'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
}

export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Every documented API route (hidden infrastructure routes are not part of the API). */
export function apiRoutes(app: App): RouteInfo[] {
  const spec = app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
  const routes: RouteInfo[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(ops)) {
      routes.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Table holding the objects of a path prefix (`/api/v1/<prefix>/{id}`). */
const TABLE_OF: Record<string, string> = {
  'achievement-interests': 'achievement_interests',
  achievements: 'achievements',
  alerts: 'risk_alerts',
  'bank-products': 'bank_products',
  bookings: 'resource_bookings',
  cases: 'service_cases',
  clusters: 'industry_clusters',
  consortia: 'consortia',
  'event-registrations': 'event_registrations',
  funds: 'investment_funds',
  notifications: 'notifications',
  'notification-digests': 'notification_digests',
  'soe-openings': 'soe_openings',
  standards: 'standard_projects',
  'talent-events': 'talent_events',
  'public/cases': 'service_cases',
  challenges: 'challenges',
  chains: 'chains',
  committees: 'expert_committees',
  complaints: 'payment_complaints',
  consultations: 'consultations',
  contracts: 'payable_contracts',
  courses: 'training_courses',
  deliveries: 'payable_deliveries',
  'digital-assessments': 'digital_assessments',
  enrolments: 'course_enrolments',
  fairs: 'fairs',
  'financing-requests': 'financing_requests',
  'first-uses': 'first_uses',
  'gradient-screenings': 'gradient_screenings',
  investments: 'investments',
  'key-lists': 'key_lists',
  matches: 'matches',
  needs: 'needs',
  offers: 'offers',
  'overseas-applications': 'overseas_offer_applications',
  'overseas-offers': 'overseas_offers',
  'programme-applications': 'service_programme_applications',
  programmes: 'service_programmes',
  projects: 'chain_projects',
  resources: 'shared_resources',
  reviews: 'review_assignments',
  rfqs: 'rfqs',
  'risk-events': 'risk_events',
  'risk-subscriptions': 'risk_subscriptions',
  'secondment-reports': 'secondment_reports',
  secondments: 'secondments',
  'service-products': 'service_products',
  'service-providers': 'service_providers',
  'service-requests': 'service_requests',
  'supply-edges': 'supply_edges',
  tasks: 'tasks',
  vouchers: 'vouchers',
  users: 'users',
};

/**
 * Rows the probe must not take the first of: revoking the sessions of `users/{id}` must not hit a
 * matrix actor (the first user is `gov_miit`, the ministry actor), so it names Wuxi's gov user.
 */
const WHERE_OF: Record<string, string> = {
  'public/cases': `WHERE status = 'published'`,
  users: `WHERE username = 'gov_wx'`,
};

/** Child objects under `{id}`: the second parameter and how to find a (parent, child) pair. */
const CHILD_OF: Record<string, { table: string; parent: string; child: string }> = {
  'chains/segments': { table: 'chain_segments', parent: 'chain_id', child: 'key' },
  'rfqs/quotes': { table: 'quotes', parent: 'rfq_id', child: 'id' },
  'fairs/registrations': { table: 'fair_registrations', parent: 'fair_id', child: 'id' },
  'fairs/meetings': { table: 'fair_meetings', parent: 'fair_id', child: 'id' },
  'challenges/applications': { table: 'challenge_applications', parent: 'challenge_id', child: 'id' },
  'challenges/questions': { table: 'challenge_questions', parent: 'challenge_id', child: 'id' },
  'challenges/milestones': { table: 'challenge_milestones', parent: 'challenge_id', child: 'id' },
  'consortia/projects': { table: 'consortium_projects', parent: 'consortium_id', child: 'id' },
  'tasks/reports': { table: 'task_reports', parent: 'task_id', child: 'id' },
};

/** Files hang off their owner by `owner_kind`. */
const FILE_OWNER_KIND: Record<string, string> = {
  needs: 'need',
  complaints: 'complaint',
  challenges: 'challenge',
  cases: 'service_case',
  'public/cases': 'service_case',
  rfqs: 'quote',
  applications: 'challenge_application',
  reports: 'task_report',
};

/** Ids that exist nowhere (the same length class as real ones). */
export const MISSING_ID = '987654321';
export const MISSING_USCC = '91440300MA5FXXXX0X';
/** `{code}` of the map routes: a region with a bundled map (the country) and a region without one. */
const GEO_CODE = '000000';
const MISSING_GEO_CODE = '990000';
const isGeo = (path: string) => path.startsWith('/api/v1/reference/geo/');

export interface Fill {
  /** The URL with real demo objects, or undefined when the demo data has none. */
  real?: string;
  /** The same URL with ids that do not exist. */
  missing: string;
  /** Whether the path names an object at all. */
  hasObject: boolean;
}

/** Concrete URLs for a route path (real demo objects, and missing ones). */
export async function fillPath(db: Db, path: string, demoUscc: string): Promise<Fill> {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const missingValues: Record<string, string> = {};
  for (const p of params) missingValues[p] = p === 'uscc' ? MISSING_USCC : p === 'code' ? (isGeo(path) ? MISSING_GEO_CODE : MISSING_USCC) : p === 'key' ? 'no-such-key' : MISSING_ID;
  const missing = substitute(path, missingValues);
  if (params.length === 0) return { real: path, missing, hasObject: false };
  const rest = path.replace(/^\/api\/v1\//, '');
  const prefix = rest.startsWith('public/cases') ? 'public/cases' : rest.split('/')[0];
  const values: Record<string, string> = {};
  const first = async (query: string): Promise<Record<string, unknown> | undefined> => (await sql.raw<Record<string, unknown>>(query).execute(db)).rows[0];
  if (params.includes('uscc')) values.uscc = demoUscc;
  if (params.includes('code')) values.code = isGeo(path) ? GEO_CODE : demoUscc;
  // The second-level parameter decides the parent id when there is one.
  const child = Object.entries(CHILD_OF).find(([k]) => rest.startsWith(k.split('/')[0]) && rest.includes(`/${k.split('/')[1]}/`));
  if (child) {
    const { table, parent, child: column } = child[1];
    const childParam = params.find((p) => p !== 'id' && p !== 'fileId' && p !== 'uscc')!;
    const row = await first(`SELECT ${parent}::text AS parent, ${column}::text AS child FROM ${table} ORDER BY ${parent}, ${column} LIMIT 1`);
    if (row) {
      values.id = String(row.parent);
      values[childParam] = String(row.child);
    }
    if (path.includes('/members/{key}/{uscc}')) {
      const m = await first(`SELECT m.chain_id::text AS id, m.segment_key AS key, e.uscc FROM chain_members m JOIN enterprises e ON e.id = m.enterprise_id ORDER BY 1, 2 LIMIT 1`);
      if (m) Object.assign(values, { id: m.id, key: m.key, uscc: m.uscc });
    }
  } else if (params.includes('id')) {
    const table = TABLE_OF[prefix];
    if (!table) throw new Error(`no demo table for ${path}: add it to TABLE_OF in test/authz/routes.ts`);
    const where = WHERE_OF[prefix] ?? '';
    const row = await first(`SELECT id::text AS id FROM ${table} ${where} ORDER BY id LIMIT 1`);
    if (row) values.id = String(row.id);
  } else if (path.includes('/members/{key}/{uscc}') === false && params.includes('key')) {
    // unreachable today
  }
  if (params.includes('fileId')) {
    const ownerPrefix = path.includes('/applications/') ? 'applications' : path.includes('/reports/') ? 'reports' : prefix;
    const kind = FILE_OWNER_KIND[ownerPrefix];
    const ownerId = path.includes('/applications/') ? values.applicationId : path.includes('/quotes/') ? values.quoteId : path.includes('/reports/') ? values.reportId : values.id;
    const row = kind && ownerId ? await first(`SELECT id::text AS id FROM files WHERE owner_kind = '${kind}' AND owner_id = '${ownerId}' ORDER BY id LIMIT 1`) : undefined;
    values.fileId = row ? String(row.id) : MISSING_ID;
  }
  const isComplete = params.every((p) => values[p] !== undefined);
  return { real: isComplete ? substitute(path, values) : undefined, missing, hasObject: true };
}

function substitute(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(values[p]));
}
