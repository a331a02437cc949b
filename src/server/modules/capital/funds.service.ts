/**
 * Investment funds (FC-2, issue 6 item 6): a fund has a manager (an enterprise of the registry),
 * a size, a region and focus chains; its manager records equity investments in enterprises; the
 * portfolio by chain shows where the money went and which weak links got none. Who sees a fund:
 * admins, gov users of its region, members of its manager; anyone else gets 404.
 */
import type { CreateFundBody, CreateFundInvestmentBody, FundInvestmentView, FundView, PortfolioView } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { AnalysisDeps } from '../chains/weak-links.service.js';
import { getWeakLinks } from '../chains/weak-links.service.js';
import { getChain } from '../chains/chains.service.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, isRegionCode } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import * as repo from './funds.repo.js';
import { selectParty } from './ledger.repo.js';
import { targetParty } from './vouchers.service.js';

export const FUND_ENTITY = 'investment_fund';
const ID = /^\d{1,18}$/;
const NOT_FOUND = '投资基金';

async function fundScopeOf(db: Db, actor: Actor): Promise<repo.FundScope> {
  const region = regionScopeOf(actor);
  if (region.kind === 'all') return { kind: 'all' };
  if (region.kind === 'prefix') return { kind: 'region', prefix: region.prefix };
  if (actor.role === 'member' && actor.orgUscc) {
    const own = await selectParty(db, { uscc: actor.orgUscc });
    if (own) return { kind: 'manager', enterpriseId: own.id };
  }
  return { kind: 'none' };
}

function present(f: repo.FundRecord, scope: repo.FundScope): FundView {
  return {
    id: f.id, name: f.name, manager: f.manager, sizeFen: Number(f.sizeFen), regionCode: f.regionCode, focusChains: f.focusChains, description: f.description,
    investedFen: Number(f.investedFen), investmentCount: f.investmentCount, canInvest: scope.kind === 'all' || (scope.kind === 'manager' && scope.enterpriseId === f.managerId), createdAt: f.createdAt.toISOString(),
  };
}

/** One fund in scope. @throws not_found (also outside the scope). */
export async function getFund(db: Db, actor: Actor, id: string): Promise<FundView> {
  if (!ID.test(id)) throw notFound(NOT_FOUND);
  const scope = await fundScopeOf(db, actor);
  const f = await repo.selectFund(db, id, scope);
  if (!f) throw notFound(NOT_FOUND);
  return present(f, scope);
}

export async function listFunds(db: Db, actor: Actor, query: { cursor?: string; limit: number }): Promise<{ items: FundView[]; nextCursor: string | null }> {
  const scope = await fundScopeOf(db, actor);
  const rows = await repo.selectFunds(db, scope, { beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit).map((f) => present(f, scope));
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * Register a fund. A member registers one its own organisation manages; gov users (in their region)
 * and admins name the manager.
 * @throws forbidden for others; validation_failed naming `managerUscc`, `regionCode` or `focusChainIds`.
 */
export async function createFund(db: Db, context: WriteContext, body: CreateFundBody): Promise<FundView> {
  const { actor } = context;
  const errors: { path: string; message: string }[] = [];
  if (body.regionCode !== REGION_ROOT && !isRegionCode(body.regionCode)) errors.push({ path: 'regionCode', message: `未知的行政区划代码：${body.regionCode}` });
  else if (actor.role === 'gov' && !isInRegionScope(actor, body.regionCode)) errors.push({ path: 'regionCode', message: '只能登记本辖区的基金' });
  if (errors.length > 0) throw invalid(errors);
  let managerUscc: string;
  if (actor.role === 'member') {
    if (!actor.orgUscc || (body.managerUscc && body.managerUscc.trim().toUpperCase() !== actor.orgUscc)) throw invalid([{ path: 'managerUscc', message: '企业用户只能登记本机构管理的基金' }]);
    managerUscc = actor.orgUscc;
  } else if (actor.role === 'gov' || actor.role === 'platform_admin') {
    if (!body.managerUscc) throw invalid([{ path: 'managerUscc', message: '请填写基金管理人' }]);
    managerUscc = body.managerUscc;
  } else {
    throw new AppError('forbidden', 'Cannot register funds', { userMessage: '无权登记基金' });
  }
  const focusChainIds = [...new Set(body.focusChainIds ?? [])];
  const id = await db.transaction().execute(async (tx) => {
    const manager = await targetParty(tx, managerUscc, 'managerUscc');
    const existing = await repo.selectExistingChainIds(tx, focusChainIds);
    const unknown = focusChainIds.findIndex((c) => !existing.has(c));
    if (unknown >= 0) throw invalid([{ path: `focusChainIds.${unknown}`, message: `产业链不存在：${focusChainIds[unknown]}` }]);
    const fundId = await repo.insertFund(tx, { managerId: manager.id, name: body.name, sizeFen: body.sizeFen, regionCode: body.regionCode, focusChainIds, description: body.description ?? '', createdBy: actor.userId === '0' ? null : actor.userId });
    await recordWrites(tx, context, [{ action: 'fund.create', entityType: FUND_ENTITY, entityKey: fundId, regionCode: body.regionCode, after: { ...body, managerUscc } }]);
    return fundId;
  });
  return getFund(db, actor, id);
}

function presentInvestment(i: repo.InvestmentRecord): FundInvestmentView {
  return { id: i.id, fundId: i.fundId, enterprise: i.enterprise, amountFen: Number(i.amountFen), investedOn: i.investedOn, stage: i.stage as FundInvestmentView['stage'], sharePct: i.shareBp / 100, chains: i.chains };
}

/** A fund's investments, newest first. @throws not_found for a fund outside the scope. */
export async function listInvestments(db: Db, actor: Actor, fundId: string, query: { cursor?: string; limit: number }): Promise<{ items: FundInvestmentView[]; nextCursor: string | null }> {
  await getFund(db, actor, fundId);
  const rows = await repo.selectInvestments(db, fundId, { beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const items = rows.slice(0, query.limit).map(presentInvestment);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/**
 * The manager (or an admin) records an investment; the fund is locked so that concurrent
 * investments cannot together exceed its size.
 * @throws not_found outside the scope; forbidden for gov users; validation_failed naming `enterpriseUscc`, `investedOn` or `amountFen` (beyond the fund's remaining size).
 */
export async function createInvestment(db: Db, context: WriteContext, fundId: string, body: CreateFundInvestmentBody): Promise<FundInvestmentView> {
  const { actor } = context;
  if (!ID.test(fundId)) throw notFound(NOT_FOUND);
  const scope = await fundScopeOf(db, actor);
  if (body.investedOn > businessDate()) throw invalid([{ path: 'investedOn', message: '投资日期不能晚于今天' }]);
  const id = await db.transaction().execute(async (tx) => {
    const f = await repo.selectFund(tx, fundId, scope, { isForUpdate: true });
    if (!f) throw notFound(NOT_FOUND);
    if (!present(f, scope).canInvest) throw new AppError('forbidden', 'Only the manager records investments', { userMessage: '只有基金管理人可以登记投资' });
    const target = await targetParty(tx, body.enterpriseUscc, 'enterpriseUscc');
    const room = f.sizeFen - f.investedFen;
    if (BigInt(body.amountFen) > room) throw invalid([{ path: 'amountFen', message: `超过基金剩余规模 ${Number(room) / 100} 元` }]);
    const investmentId = await repo.insertInvestment(tx, { fundId, enterpriseId: target.id, amountFen: body.amountFen, investedOn: body.investedOn, stage: body.stage, shareBp: Math.round(body.sharePct * 100), createdBy: actor.userId === '0' ? null : actor.userId });
    await recordWrites(tx, context, [{ action: 'fund.invest', entityType: FUND_ENTITY, entityKey: fundId, regionCode: f.regionCode, after: { investmentId, ...body } }]);
    return investmentId;
  });
  const [created] = (await repo.selectInvestments(db, fundId, { beforeId: String(BigInt(id) + 1n) }, 1)).map(presentInvestment);
  return created;
}

/**
 * The portfolio of the funds in scope by chain; with `chainId`, every segment of that chain with
 * its invested amount and count and its weak links (so the gaps, weak links with none, show).
 * @throws not_found for a chain the caller cannot see.
 */
export async function getPortfolio(deps: AnalysisDeps, actor: Actor, chainId: string | undefined): Promise<PortfolioView> {
  const scope = await fundScopeOf(deps.db, actor);
  const chains = (await repo.selectPortfolioByChain(deps.db, scope)).map((c) => ({ ...c, investedFen: Number(c.investedFen) }));
  if (!chainId) return { chains, segments: [] };
  const view = await getChain(deps.db, actor, chainId);
  const [bySegment, weak] = await Promise.all([repo.selectPortfolioBySegment(deps.db, scope, chainId), getWeakLinks(deps, actor, chainId, { candidates: 0 })]);
  const kindsOf = new Map(weak.segments.map((s) => [s.segmentKey, s.kinds]));
  const segments = view.segments.map((s) => ({
    segmentKey: s.key, segmentName: s.name, stage: s.stage, investedFen: Number(bySegment.get(s.key)?.investedFen ?? 0n), count: bySegment.get(s.key)?.count ?? 0, weakKinds: kindsOf.get(s.key) ?? [],
  }));
  return { chains, segments };
}
