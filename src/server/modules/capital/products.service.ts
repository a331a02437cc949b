/**
 * Bank product catalogue (信易贷-like, issue 6 item 6): a bank publishes products with ranges,
 * regions served and eligibility rules as data; SMEs browse the products serving their region and
 * see whether they are eligible and why; they apply from a product into the financing request flow
 * (a request addressed to the product's bank). Gov users see the products serving their region.
 */
import type { ApplyBankProductBody, BankProductView, CreateBankProductBody, FinancingRequestView, ListBankProductsQuery, UpdateBankProductBody } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, isRegionCode, regionFullName, regionPrefix } from '../../platform/regions.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { selectCreditFacts, selectWeights } from './credit.repo.js';
import { scoreCredit } from './credit.scoring.js';
import { createFinancingRequest, financingScopeOf } from './financing.service.js';
import { selectParty } from './ledger.repo.js';
import { describeProductRules, evaluateProductEligibility, type ProductFacts } from './products.eligibility.js';
import * as repo from './products.repo.js';

export const PRODUCT_ENTITY = 'bank_product';
const ID = /^\d{1,18}$/;
const NOT_FOUND = '银行产品';

interface Viewer {
  scope: repo.ProductScope;
  /** The SME's facts, for eligibility (enterprise members only). */
  facts: ProductFacts | null;
}

/** An SME's facts as of today: credit score and the facts behind it, and open complaints against it. */
async function productFactsOf(db: Db, party: { id: string; regionCode: string }): Promise<ProductFacts> {
  const asOf = businessDate();
  const [facts, { weights }, openComplaints] = await Promise.all([selectCreditFacts(db, party.id, asOf), selectWeights(db), repo.countOpenComplaints(db, party.id)]);
  return {
    regionCode: party.regionCode, creditScore: scoreCredit(facts, weights).score, yearsOfRecord: facts.yearsOfRecord, size: facts.size, tier: facts.tier,
    heldReceivablesFen: facts.heldReceivablesFen, openComplaints,
  };
}

async function viewerOf(db: Db, actor: Actor): Promise<Viewer> {
  const scope = await financingScopeOf(db, actor);
  switch (scope.kind) {
    case 'all':
    case 'region':
    case 'none':
      return { scope, facts: null };
    case 'bank':
      return { scope: { kind: 'bank', bankId: scope.bankId }, facts: null };
    case 'applicant': {
      const party = (await selectParty(db, { id: scope.enterpriseId }))!;
      return { scope: { kind: 'applicant', regionCode: party.regionCode }, facts: await productFactsOf(db, party) };
    }
  }
}

function present(p: repo.BankProductRecord, facts: ProductFacts | null): BankProductView {
  return {
    id: p.id, bank: p.bank, name: p.name, kind: p.kind as BankProductView['kind'], minAmountFen: Number(p.minAmountFen), maxAmountFen: Number(p.maxAmountFen),
    minRateBp: p.minRateBp, maxRateBp: p.maxRateBp, minTermDays: p.minTermDays, maxTermDays: p.maxTermDays, regionCodes: p.regionCodes,
    regionNames: p.regionCodes.map((r) => regionFullName(r) ?? r), rules: p.rules, ruleTexts: describeProductRules(p.regionCodes, p.rules), description: p.description,
    status: p.status as BankProductView['status'], requestCount: p.requestCount,
    eligibility: facts ? evaluateProductEligibility(p.regionCodes, p.rules, facts) : null, createdAt: p.createdAt.toISOString(),
  };
}

/** One product in scope, with the caller's eligibility. @throws not_found (also outside the scope). */
export async function getBankProduct(db: Db, actor: Actor, id: string): Promise<BankProductView> {
  if (!ID.test(id)) throw notFound(NOT_FOUND);
  const viewer = await viewerOf(db, actor);
  const p = await repo.selectProduct(db, id, viewer.scope);
  if (!p) throw notFound(NOT_FOUND);
  return present(p, viewer.facts);
}

/** A page of products in scope, newest first; `isEligibleOnly` filters an SME's page after evaluation (so a page may hold fewer than `limit`). */
export async function listBankProducts(db: Db, actor: Actor, query: Omit<ListBankProductsQuery, 'limit'> & { limit: number }): Promise<{ items: BankProductView[]; nextCursor: string | null }> {
  const viewer = await viewerOf(db, actor);
  const rows = await repo.selectProducts(db, viewer.scope, { kind: query.kind, status: query.status, beforeId: decodeCursor(query.cursor) }, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const views = page.map((p) => present(p, viewer.facts));
  const items = query.isEligibleOnly === 'true' && viewer.facts ? views.filter((v) => v.eligibility?.isEligible) : views;
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
}

/** Validate the ranges and regions of a (merged) product. @throws validation_failed naming the field. */
function rowOf(body: CreateBankProductBody & { status?: string }): repo.BankProductRow {
  const errors: { path: string; message: string }[] = [];
  if (body.maxAmountFen < body.minAmountFen) errors.push({ path: 'maxAmountFen', message: '最高金额不能低于最低金额' });
  if (body.maxRateBp < body.minRateBp) errors.push({ path: 'maxRateBp', message: '最高利率不能低于最低利率' });
  if (body.maxTermDays < body.minTermDays) errors.push({ path: 'maxTermDays', message: '最长期限不能短于最短期限' });
  body.regionCodes.forEach((r, i) => {
    if (r !== REGION_ROOT && !isRegionCode(r)) errors.push({ path: `regionCodes.${i}`, message: `未知的行政区划代码：${r}` });
  });
  if (errors.length > 0) throw invalid(errors);
  const regionCodes = [...new Set(body.regionCodes)];
  return {
    name: body.name, kind: body.kind, minAmountFen: body.minAmountFen, maxAmountFen: body.maxAmountFen, minRateBp: body.minRateBp, maxRateBp: body.maxRateBp,
    minTermDays: body.minTermDays, maxTermDays: body.maxTermDays, regionCodes, regionPrefixes: regionCodes.map(regionPrefix), rules: body.rules, description: body.description ?? '', status: body.status,
  };
}

async function bankOf(db: Db, actor: Actor): Promise<string> {
  const scope = await financingScopeOf(db, actor);
  if (scope.kind !== 'bank') throw new AppError('forbidden', 'Only banks publish products', { userMessage: '只有银行可以发布金融产品' });
  return scope.bankId;
}

/** A bank publishes a product. @throws forbidden for non-banks; validation_failed naming the field. */
export async function createBankProduct(db: Db, context: WriteContext, body: CreateBankProductBody): Promise<BankProductView> {
  const bankId = await bankOf(db, context.actor);
  const row = rowOf(body);
  const id = await db.transaction().execute(async (tx) => {
    const productId = await repo.insertProduct(tx, bankId, row, context.actor.userId === '0' ? null : context.actor.userId);
    await recordWrites(tx, context, [{ action: 'bank_product.create', entityType: PRODUCT_ENTITY, entityKey: productId, regionCode: null, after: body }]);
    return productId;
  });
  return getBankProduct(db, context.actor, id);
}

function bodyOf(p: repo.BankProductRecord): CreateBankProductBody & { status: 'active' | 'withdrawn' } {
  return {
    name: p.name, kind: p.kind as CreateBankProductBody['kind'], minAmountFen: Number(p.minAmountFen), maxAmountFen: Number(p.maxAmountFen), minRateBp: p.minRateBp, maxRateBp: p.maxRateBp,
    minTermDays: p.minTermDays, maxTermDays: p.maxTermDays, regionCodes: p.regionCodes, rules: p.rules, description: p.description, status: p.status as 'active',
  };
}

/** The bank edits or withdraws its own product. @throws not_found for another bank's product (or none); forbidden for non-banks; validation_failed naming the field. */
export async function updateBankProduct(db: Db, context: WriteContext, id: string, body: UpdateBankProductBody): Promise<BankProductView> {
  if (!ID.test(id)) throw notFound(NOT_FOUND);
  const bankId = await bankOf(db, context.actor);
  await db.transaction().execute(async (tx) => {
    const p = await repo.selectProduct(tx, id, { kind: 'bank', bankId }, { isForUpdate: true });
    if (!p) throw notFound(NOT_FOUND);
    const before = bodyOf(p);
    const merged = { ...before, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as typeof before;
    await repo.updateProduct(tx, id, rowOf(merged));
    await recordWrites(tx, context, [{ action: 'bank_product.update', entityType: PRODUCT_ENTITY, entityKey: id, regionCode: null, before, after: merged }]);
  });
  return getBankProduct(db, context.actor, id);
}

/**
 * An SME applies from a product: a financing request addressed to the product's bank, of the
 * product's kind, after checking the amount and term against the product's ranges and the SME
 * against its rules.
 * @throws not_found outside the SME's catalogue; forbidden for non-SMEs; validation_failed naming `amountFen`, `termDays`, `voucherId` or `eligibility` (with the failed rules).
 */
export async function applyForBankProduct(db: Db, context: WriteContext, id: string, body: ApplyBankProductBody): Promise<FinancingRequestView> {
  if (!ID.test(id)) throw notFound(NOT_FOUND);
  const viewer = await viewerOf(db, context.actor);
  const p = await repo.selectProduct(db, id, viewer.scope);
  if (!p) throw notFound(NOT_FOUND);
  if (viewer.scope.kind !== 'applicant' || !viewer.facts) throw new AppError('forbidden', 'Only enterprises apply', { userMessage: '只有企业用户可以申请金融产品' });
  const errors: { path: string; message: string }[] = [];
  if (BigInt(body.amountFen) < p.minAmountFen || BigInt(body.amountFen) > p.maxAmountFen) errors.push({ path: 'amountFen', message: `申请金额须在 ${Number(p.minAmountFen) / 100}–${Number(p.maxAmountFen) / 100} 元之间` });
  if (body.termDays < p.minTermDays || body.termDays > p.maxTermDays) errors.push({ path: 'termDays', message: `期限须在 ${p.minTermDays}–${p.maxTermDays} 天之间` });
  const { isEligible, reasons } = evaluateProductEligibility(p.regionCodes, p.rules, viewer.facts);
  if (!isEligible) errors.push({ path: 'eligibility', message: `不符合准入条件：${reasons.filter((r) => r.passed !== true).map((r) => `${r.text}（${r.detail}）`).join('；')}` });
  if (errors.length > 0) throw invalid(errors);
  return createFinancingRequest(db, context, { kind: p.kind as FinancingRequestView['kind'], voucherId: body.voucherId, amountFen: body.amountFen, termDays: body.termDays, bankUscc: p.bank.uscc, description: body.description }, p.id);
}

