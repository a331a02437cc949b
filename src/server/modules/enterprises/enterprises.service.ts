import type { CreateEnterpriseBody, Financials, ListEnterprisesQuery, UpdateEnterpriseBody } from '../../../contracts/enterprises.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import type { RegionScope } from '../../platform/scope.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { classifyEnterpriseSize } from '../../platform/enterprise-size.js';
import { findIndustry, normaliseIndustryCode } from '../../platform/industries.js';
import { fenToWan, wanToFen } from '../../platform/money.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { nameInitials, normaliseName } from '../../platform/text.js';
import { normaliseUscc, validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { MEMBER_EDITABLE_FIELDS, canRegisterIn, canSeeRestricted, isOwnEnterprise, readScopeOf } from './enterprises.policy.js';
import { enterpriseCacheOf, type CachedEnterprise } from './enterprises.cache.js';
import * as repo from './enterprises.repo.js';

/** Size class derived from the industry and the latest yearly figures (never typed in). */
export function deriveSize(industryCode: string, latest: repo.FinancialRecord | undefined): { size: string | null; sizeCategory: string | null } {
  const result = classifyEnterpriseSize({
    industryCode,
    employees: latest?.employees ?? undefined,
    revenue: latest?.revenueFen != null ? fenToWan(latest.revenueFen) : undefined,
    assets: latest?.assetsFen != null ? fenToWan(latest.assetsFen) : undefined,
  });
  return { size: result.size, sizeCategory: result.category };
}

/** The registration facts checked on every write: USCC, region, industry. */
export function checkCodes(input: { uscc?: string; regionCode?: string; industryCode?: string }, prefix = ''): { errors: FieldError[]; uscc?: string; industryCode?: string } {
  const errors: FieldError[] = [];
  let uscc: string | undefined;
  let industryCode: string | undefined;
  if (input.uscc !== undefined) {
    const check = validateUscc(input.uscc);
    if (check.valid) {
      uscc = check.code;
    } else {
      errors.push({ path: `${prefix}uscc`, message: `统一社会信用代码无效：${check.reason}` });
    }
  }
  if (input.regionCode !== undefined && !findRegion(input.regionCode)) {
    errors.push({ path: `${prefix}regionCode`, message: `未知的行政区划代码 ${input.regionCode}` });
  }
  if (input.industryCode !== undefined) {
    industryCode = normaliseIndustryCode(input.industryCode);
    if (!industryCode || !findIndustry(industryCode)) {
      errors.push({ path: `${prefix}industryCode`, message: `未知的国民经济行业代码 ${input.industryCode}` });
      industryCode = undefined;
    }
  }
  return { errors, uscc, industryCode };
}

/** Enterprise with its yearly figures, as services return it to presenters. */
export interface EnterpriseView {
  record: repo.EnterpriseRecord;
  financials: repo.FinancialRecord[];
  canSeeRestricted: boolean;
}

/**
 * One enterprise, if the actor may see it.
 * @throws not_found when it does not exist or lies outside the actor's scope.
 */
export async function getEnterprise(db: Db | Tx, actor: Actor, usccInput: string): Promise<EnterpriseView> {
  const uscc = normaliseUscc(usccInput);
  const { scope, onlyUscc } = readScopeOf(actor);
  if (onlyUscc !== undefined && onlyUscc !== uscc) {
    throw notFound('企业');
  }
  const found = await readEnterprise(db, uscc, scope);
  if (!found) {
    throw notFound('企业');
  }
  // `found` is shared with the cache (and the presenter memoises on it): never mutate it.
  const isRestrictedVisible = canSeeRestricted(actor, found);
  return { record: found, financials: isRestrictedVisible ? found.financials : [], canSeeRestricted: isRestrictedVisible };
}

/**
 * The detail row within the scope: from this node's cache when possible (the hottest read), else
 * from SQL with the scope in the WHERE clause. Transactions always read the database.
 */
async function readEnterprise(db: Db | Tx, uscc: string, scope: RegionScope): Promise<CachedEnterprise | undefined> {
  if (db.isTransaction) {
    return repo.selectEnterprise(db, uscc, scope);
  }
  const cache = enterpriseCacheOf(db as Db);
  const cached = cache.get(uscc);
  if (cached) {
    return repo.isRowInScope(cached, scope) ? cached : undefined;
  }
  const token = cache.begin(uscc);
  const found = await repo.selectEnterprise(db, uscc, scope);
  if (found) {
    cache.set(uscc, found, token);
  }
  return found;
}

/** Forget cached rows after a committed write (call after the transaction, never inside it). */
export function evictEnterprises(db: Db, usccs: Iterable<string>): void {
  enterpriseCacheOf(db).evict(usccs);
}

/** Minimal facts of an enterprise for other modules (accounts), unscoped. */
export async function findEnterpriseBrief(db: Db | Tx, uscc: string): Promise<{ uscc: string; name: string; regionCode: string; size: string | null } | undefined> {
  const [record] = await repo.selectEnterprisesByUscc(db, [uscc]);
  return record ? { uscc: record.uscc, name: record.name, regionCode: record.regionCode, size: record.size } : undefined;
}

/** Translate list query parameters into a repo filter. @throws validation_failed on unknown codes. */
export function toFilter(query: Pick<ListEnterprisesQuery, 'region' | 'industry' | 'q' | 'size' | 'tag'>): repo.EnterpriseFilter {
  const errors: FieldError[] = [];
  const filter: repo.EnterpriseFilter = { size: query.size, tag: query.tag };
  if (query.region) {
    if (findRegion(query.region)) {
      filter.regionPrefix = regionPrefix(query.region);
    } else {
      errors.push({ path: 'region', message: `未知的行政区划代码 ${query.region}` });
    }
  }
  if (query.industry) {
    const code = normaliseIndustryCode(query.industry);
    if (code && findIndustry(code)) {
      filter.industryPrefix = code;
    } else {
      errors.push({ path: 'industry', message: `未知的国民经济行业代码 ${query.industry}` });
    }
  }
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const q = query.q?.trim();
  if (q) {
    filter.nameLike = q.replace(/[%_\\]/g, (c) => `\\${c}`);
    // Latin letters only: also match pinyin initials (e.g. "szhc" for 苏州汇川).
    if (/^[a-z]+$/i.test(q)) {
      filter.initialsLike = q.toLowerCase();
    }
  }
  return filter;
}

/** A page of the registry within the actor's scope, with the total count. */
export async function listEnterprises(db: Db, actor: Actor, query: ListEnterprisesQuery): Promise<{ items: repo.EnterpriseRecord[]; nextCursor: string | null; total: number }> {
  const filter = toFilter(query);
  const { scope, onlyUscc } = readScopeOf(actor);
  if (onlyUscc !== undefined) {
    filter.onlyUscc = onlyUscc;
  }
  const afterId = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    repo.selectEnterprisePage(db, filter, scope, afterId, query.limit + 1),
    repo.countEnterprises(db, filter, scope),
  ]);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null, total };
}

function financialFromBody(body: { year?: number; employees?: number; revenue?: number; assets?: number }): repo.FinancialRecord | undefined {
  if (body.employees === undefined && body.revenue === undefined && body.assets === undefined) {
    return undefined;
  }
  return {
    year: body.year ?? lastBusinessYear(),
    employees: body.employees ?? null,
    revenueFen: body.revenue !== undefined ? wanToFen(body.revenue) : null,
    assetsFen: body.assets !== undefined ? wanToFen(body.assets) : null,
    rdSpendFen: null,
  };
}

function financialFromYearly(f: Financials): repo.FinancialRecord {
  return {
    year: f.year,
    employees: f.employees ?? null,
    revenueFen: f.revenue != null ? wanToFen(f.revenue) : null,
    assetsFen: f.assets != null ? wanToFen(f.assets) : null,
    rdSpendFen: f.rdSpend != null ? wanToFen(f.rdSpend) : null,
  };
}

/** Snapshot used as before/after in the audit log. Money as strings of fen. */
function auditSnapshot(e: repo.EnterpriseWrite, financials: repo.FinancialRecord[] = []): Record<string, unknown> {
  return {
    name: e.name, regionCode: e.regionCode, industryCode: e.industryCode, size: e.size, tags: e.tags,
    products: e.products, capabilities: e.capabilities, certifications: e.certifications, contacts: e.contacts,
    ...(financials.length ? { financials: financials.map((f) => ({ year: f.year, employees: f.employees, revenueFen: f.revenueFen?.toString() ?? null, assetsFen: f.assetsFen?.toString() ?? null, rdSpendFen: f.rdSpendFen?.toString() ?? null })) } : {}),
  };
}

function toWrite(record: repo.EnterpriseRecord): repo.EnterpriseWrite {
  return {
    uscc: record.uscc, name: record.name, nameNorm: normaliseName(record.name), nameInitials: nameInitials(record.name),
    regionCode: record.regionCode, industryCode: record.industryCode, size: record.size, sizeCategory: record.sizeCategory,
    tags: record.tags, products: record.products, capabilities: record.capabilities, certifications: record.certifications, contacts: record.contacts,
  };
}

/**
 * Register an enterprise.
 * @throws validation_failed naming bad fields (USCC check character, unknown codes).
 * @throws not_found when the region lies outside a gov user's scope (as if it did not exist).
 * @throws forbidden for roles that never register enterprises.
 * @throws conflict when the USCC is registered already.
 */
export async function createEnterprise(db: Db, context: WriteContext, body: CreateEnterpriseBody): Promise<EnterpriseView> {
  const { actor } = context;
  if (actor.role !== 'platform_admin' && actor.role !== 'gov') {
    throw new AppError('forbidden', 'Only gov users and admins register enterprises', { userMessage: '仅政府用户和平台管理员可以登记企业' });
  }
  const { errors, uscc, industryCode } = checkCodes(body);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  if (!canRegisterIn(actor, body.regionCode)) {
    throw invalid([{ path: 'regionCode', message: `行政区划 ${body.regionCode} 不在您的管辖范围内` }]);
  }
  const financial = financialFromBody(body);
  const { size, sizeCategory } = deriveSize(industryCode!, financial);
  const write: repo.EnterpriseWrite = {
    uscc: uscc!, name: body.name.trim(), nameNorm: normaliseName(body.name), nameInitials: nameInitials(body.name),
    regionCode: body.regionCode, industryCode: industryCode!, size, sizeCategory,
    tags: [...new Set(body.tags ?? [])], products: [...new Set(body.products ?? [])], capabilities: body.capabilities ?? '',
    certifications: body.certifications ?? [], contacts: body.contacts ?? [],
  };
  await db.transaction().execute(async (tx) => {
    const [existing] = await repo.selectEnterprisesByUscc(tx, [write.uscc]);
    if (existing) {
      throw new AppError('conflict', 'USCC already registered', { userMessage: `统一社会信用代码 ${write.uscc} 已登记`, errors: [{ path: 'uscc', message: '该统一社会信用代码已登记' }] });
    }
    const ids = await repo.upsertEnterprises(tx, [write]);
    if (financial) {
      await repo.upsertFinancials(tx, [{ ...financial, enterpriseId: ids.get(write.uscc)! }]);
    }
    await recordWrites(tx, context, [{ action: 'enterprise.create', entityType: 'enterprise', entityKey: write.uscc, regionCode: write.regionCode, after: auditSnapshot(write, financial ? [financial] : []) }]);
  });
  evictEnterprises(db, [write.uscc]);
  return getEnterprise(db, actor, write.uscc);
}

/**
 * Change an enterprise's profile. Members may change their own enterprise's profile fields;
 * gov users and admins everything within their scope. The size class is re-derived.
 * @throws not_found outside the actor's scope; forbidden for fields the actor may not change.
 */
export async function updateEnterprise(db: Db, context: WriteContext, usccInput: string, body: UpdateEnterpriseBody): Promise<EnterpriseView> {
  const { actor } = context;
  const current = await getEnterprise(db, actor, usccInput);
  const isOwner = isOwnEnterprise(actor, current.record.uscc);
  if (!isOwner && actor.role !== 'platform_admin' && actor.role !== 'gov') {
    throw notFound('企业');
  }
  if (isOwner) {
    const denied = Object.keys(body).filter((k) => body[k as keyof UpdateEnterpriseBody] !== undefined && !(MEMBER_EDITABLE_FIELDS as readonly string[]).includes(k));
    if (denied.length > 0) {
      throw new AppError('forbidden', `Members may not change ${denied.join(', ')}`, {
        userMessage: '企业名称、地区、行业和认定标签由政府部门维护',
        errors: denied.map((path) => ({ path, message: '无权修改此字段' })),
      });
    }
  }
  const { errors, industryCode } = checkCodes({ regionCode: body.regionCode, industryCode: body.industryCode });
  if (errors.length > 0) {
    throw invalid(errors);
  }
  if (body.regionCode && !isOwner && !canRegisterIn(actor, body.regionCode)) {
    throw invalid([{ path: 'regionCode', message: `行政区划 ${body.regionCode} 不在您的管辖范围内` }]);
  }
  const before = toWrite(current.record);
  const next: repo.EnterpriseWrite = { ...before };
  if (body.name !== undefined) {
    next.name = body.name.trim();
    next.nameNorm = normaliseName(body.name);
    next.nameInitials = nameInitials(body.name);
  }
  if (body.regionCode !== undefined) next.regionCode = body.regionCode;
  if (industryCode !== undefined) next.industryCode = industryCode;
  if (body.tags !== undefined) next.tags = [...new Set(body.tags)];
  if (body.products !== undefined) next.products = [...new Set(body.products)];
  if (body.capabilities !== undefined) next.capabilities = body.capabilities;
  if (body.certifications !== undefined) next.certifications = body.certifications;
  if (body.contacts !== undefined) next.contacts = body.contacts;

  const changedFinancials = [...(body.financials ?? []).map(financialFromYearly)];
  const fromFields = financialFromBody(body);
  if (fromFields) {
    changedFinancials.push(fromFields);
  }
  await db.transaction().execute(async (tx) => {
    if (changedFinancials.length > 0) {
      await repo.upsertFinancials(tx, changedFinancials.map((f) => ({ ...f, enterpriseId: current.record.id })));
    }
    const latest = (await repo.selectLatestFinancials(tx, [current.record.id])).get(current.record.id);
    Object.assign(next, deriveSize(next.industryCode, latest));
    await repo.upsertEnterprises(tx, [next]);
    await recordWrites(tx, context, [
      { action: 'enterprise.update', entityType: 'enterprise', entityKey: next.uscc, regionCode: next.regionCode, before: auditSnapshot(before), after: auditSnapshot(next, changedFinancials) },
    ]);
  });
  evictEnterprises(db, [next.uscc]);
  return getEnterprise(db, actor, next.uscc);
}
