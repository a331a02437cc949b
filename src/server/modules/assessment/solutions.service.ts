/**
 * The 小快轻准 solution catalogue (DC-1): providers (service providers, large enterprises) publish
 * digital solutions and industrial apps; SMEs search them; weak assessment dimensions recommend
 * them. Listings are public to signed-in users.
 */
import { sql } from 'kysely';
import type { CreateSolutionBody, ListSolutionsQuery, SolutionView } from '../../../contracts/assessment.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { isInRegionScope } from '../../platform/scope.js';
import { containsPattern } from '../../platform/text.js';
import { recordWrites, type WriteContext } from '../audit/index.js';

export const SOLUTION_ENTITY = 'solution';

interface SolutionRow {
  id: string; provider_uscc: string; provider_name: string; title: string; description: string; kind: string; industry_codes: string[]; scenarios: string[]; dimensions: string[];
  price_band: string; deployment_days: number; created_at: Date;
}

function present(r: SolutionRow): SolutionView {
  return {
    id: r.id, providerUscc: r.provider_uscc, providerName: r.provider_name, title: r.title, description: r.description, kind: r.kind as SolutionView['kind'],
    industryCodes: r.industry_codes, scenarios: r.scenarios, dimensions: r.dimensions, priceBand: r.price_band as SolutionView['priceBand'], deploymentDays: r.deployment_days, createdAt: r.created_at.toISOString(),
  };
}

function baseQuery(db: Db) {
  return db
    .selectFrom('solutions as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .where('s.is_published', '=', true)
    .select(['s.id', 'e.uscc as provider_uscc', 'e.name as provider_name', 's.title', 's.description', 's.kind', 's.industry_codes', 's.scenarios', 's.dimensions', 's.price_band', 's.deployment_days', 's.created_at']);
}

/** Sector filter: solutions for any prefix of the SME's industry code, or for every sector. */
export function sectorPrefixes(industry: string): string[] {
  const out = [industry.slice(0, 1)];
  for (let n = 3; n <= industry.length; n++) out.push(industry.slice(0, n));
  return out;
}

/** A page of the catalogue, newest first. @throws validation_failed on a bad cursor. */
export async function listSolutions(db: Db, query: ListSolutionsQuery): Promise<{ items: SolutionView[]; nextCursor: string | null }> {
  const before = decodeCursor(query.cursor);
  const rows = await baseQuery(db)
    .$if(before !== undefined, (q) => q.where('s.id', '<', before!))
    .$if(Boolean(query.q), (q) => q.where((eb) => eb.or([eb('s.title', 'ilike', containsPattern(query.q!)), eb('s.description', 'ilike', containsPattern(query.q!)), sql<boolean>`array_to_string(s.scenarios, ' ') ILIKE ${containsPattern(query.q!)}`])))
    .$if(Boolean(query.dimension), (q) => q.where(sql<boolean>`s.dimensions @> ARRAY[${query.dimension}]::text[]`))
    .$if(Boolean(query.kind), (q) => q.where('s.kind', '=', query.kind!))
    .$if(Boolean(query.industry), (q) => q.where(sql<boolean>`(s.industry_codes = '{}' OR s.industry_codes && ${sectorPrefixes(query.industry!.toUpperCase())}::text[])`))
    .$if(query.maxDays !== undefined, (q) => q.where('s.deployment_days', '<=', query.maxDays!))
    .orderBy('s.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(present);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Publish a solution for the caller's own enterprise (service providers, large enterprises) or,
 * for gov users and admins, a provider in scope.
 * @throws forbidden for experts and SME members; validation_failed naming `uscc`.
 */
export async function createSolution(db: Db, context: WriteContext, body: CreateSolutionBody): Promise<SolutionView> {
  const actor: Actor = context.actor;
  if (actor.role === 'expert') throw new AppError('forbidden', 'Experts do not publish solutions', { userMessage: '专家账号不能发布解决方案' });
  const wanted = body.uscc?.toUpperCase() ?? (actor.role === 'member' ? actor.orgUscc ?? undefined : undefined);
  if (!wanted) throw invalid([{ path: 'uscc', message: '请指定发布方的统一社会信用代码' }]);
  const provider = await db.selectFrom('enterprises').select(['id', 'uscc', 'region_code']).where('uscc', '=', wanted).executeTakeFirst();
  const mayPublish = provider && (actor.role === 'platform_admin' || (actor.role === 'gov' && isInRegionScope(actor, provider.region_code)) || (actor.role === 'member' && actor.orgUscc === provider.uscc));
  if (!provider || !mayPublish) throw invalid([{ path: 'uscc', message: '企业不存在或不在您的权限范围内' }]);
  if (actor.role === 'member') {
    const org = await db.selectFrom('organisations').select('kind').where('uscc', '=', provider.uscc).executeTakeFirst();
    if (org && org.kind === 'sme') throw new AppError('forbidden', 'Only providers and large enterprises publish solutions', { userMessage: '仅服务商和大企业可发布解决方案' });
  }
  const id = await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('solutions')
      .values({
        enterprise_id: provider.id, region_code: provider.region_code, title: body.title, description: body.description, kind: body.kind, industry_codes: [...new Set(body.industryCodes.map((c) => c.toUpperCase()))],
        scenarios: [...new Set(body.scenarios)], dimensions: [...new Set(body.dimensions)], price_band: body.priceBand, deployment_days: body.deploymentDays,
        created_by: actor.userId === '0' ? null : actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordWrites(tx, context, [{ action: 'solution.create', entityType: SOLUTION_ENTITY, entityKey: row.id, regionCode: provider.region_code, after: { ...body, uscc: provider.uscc } }]);
    return row.id;
  });
  const created = await baseQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow();
  return present(created);
}
