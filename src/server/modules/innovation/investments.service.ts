/**
 * Equity investments between organisations (issue 5 item 1): the reviewer-assignment conflict
 * check reads them (an expert whose organisation invests in, or is invested by, an applicant is
 * never assigned). Kept by platform admins and gov users: a record belongs to the region of its
 * party on the platform (the investee's when both are), and a gov user sees and edits those in
 * their region; everyone else gets 403 on the list and 404 on a record.
 */
import { INVESTMENT_COLUMNS, INVESTMENT_IMPORT_MAX_ROWS, InvestmentBody, type InvestmentImportReport, type ListInvestmentsQuery } from '../../../contracts/talent.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { regionScopeOf, isInRegionScope } from '../../platform/scope.js';
import { normaliseUscc, validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { readSheet } from '../enterprises/index.js';
import { userIdOf } from './challenges.service.js';
import * as repo from './investments.repo.js';

export const INVESTMENT_ENTITY = 'investment';

function requireKeeper(actor: Actor): void {
  if (actor.role !== 'platform_admin' && actor.role !== 'gov') throw new AppError('forbidden', 'Admins and gov users only', { userMessage: '只有平台管理员和政府用户可以维护投资关系' });
}

/** Percent (two decimals) → basis points of 0.01 %. */
export const toShareBp = (pct: number) => Math.round(pct * 100);

/**
 * Check a body and resolve it to a row: valid USCCs, at least one party on the platform, the
 * record's region in the actor's scope. Returns field errors instead of throwing (the import
 * collects them per row).
 */
async function resolve(db: Db, actor: Actor, body: InvestmentBody): Promise<{ row?: repo.InvestmentWrite; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const investorUscc = normaliseUscc(body.investorUscc);
  const investeeUscc = normaliseUscc(body.investeeUscc);
  for (const [path, code] of [['investorUscc', investorUscc], ['investeeUscc', investeeUscc]] as const) {
    const check = validateUscc(code);
    if (!check.valid) errors.push({ path, message: check.reason ?? '统一社会信用代码无效' });
  }
  if (errors.length === 0 && investorUscc === investeeUscc) errors.push({ path: 'investeeUscc', message: '投资方与被投资方不能相同' });
  if (errors.length > 0) return { errors };
  const parties = await repo.selectParties(db, [investorUscc, investeeUscc]);
  const anchor = parties.get(investeeUscc) ?? parties.get(investorUscc);
  if (!anchor) return { errors: [{ path: 'investeeUscc', message: '投资方和被投资方至少一方应为平台在册企业' }] };
  if (!isInRegionScope(actor, anchor.regionCode)) return { errors: [{ path: 'investeeUscc', message: '该投资关系的企业不在您的辖区' }] };
  return {
    errors: [],
    row: {
      investorUscc, investeeUscc, investorName: body.investorName || parties.get(investorUscc)?.name || '', investeeName: body.investeeName || parties.get(investeeUscc)?.name || '',
      shareBp: toShareBp(body.sharePct), since: body.since ?? null, source: body.source ?? '', regionCode: anchor.regionCode,
    },
  };
}

/** One record in the actor's scope. @throws forbidden (not a keeper), not_found. */
export async function getInvestment(db: Db, actor: Actor, id: string): Promise<repo.InvestmentRecord> {
  if (actor.role !== 'platform_admin' && actor.role !== 'gov') throw notFound('投资关系');
  const row = /^\d{1,18}$/.test(id) ? await repo.selectInvestment(db, id) : undefined;
  if (!row || !isInRegionScope(actor, row.regionCode)) throw notFound('投资关系');
  return row;
}

/** Records in the actor's scope, newest first. @throws forbidden for members and experts. */
export async function listInvestments(db: Db, actor: Actor, query: ListInvestmentsQuery & { limit: number }) {
  requireKeeper(actor);
  const scope = regionScopeOf(actor);
  const filter = {
    regionPrefix: scope.kind === 'prefix' ? scope.prefix : undefined, uscc: query.uscc ? normaliseUscc(query.uscc) : undefined, q: query.q || undefined, beforeId: decodeCursor(query.cursor),
  };
  const rows = await repo.selectInvestments(db, filter, query.limit + 1);
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1].id) : null };
}

/** Record an investment. @throws forbidden; validation_failed naming the field; conflict (409) when the pair is already recorded. */
export async function createInvestment(db: Db, context: WriteContext, body: InvestmentBody): Promise<string> {
  requireKeeper(context.actor);
  const { row, errors } = await resolve(db, context.actor, body);
  if (!row) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('investments').select('id').where('investor_uscc', '=', row.investorUscc).where('investee_uscc', '=', row.investeeUscc).executeTakeFirst();
    if (existing) throw new AppError('conflict', 'Investment already recorded', { userMessage: '该投资关系已登记，请编辑原记录', errors: [{ path: 'investeeUscc', message: '该投资关系已登记' }], extra: { id: existing.id } });
    const { id } = await repo.upsertInvestment(tx, row, userIdOf(context.actor));
    await recordWrites(tx, context, [{ action: 'investment.create', entityType: INVESTMENT_ENTITY, entityKey: id, regionCode: row.regionCode, after: { ...row } }]);
    return id;
  });
}

/** Edit a record in scope. @throws not_found; validation_failed; conflict when the new pair is recorded already. */
export async function updateInvestment(db: Db, context: WriteContext, id: string, body: InvestmentBody): Promise<void> {
  const before = await getInvestment(db, context.actor, id);
  const { row, errors } = await resolve(db, context.actor, body);
  if (!row) throw invalid(errors);
  try {
    await db.transaction().execute(async (tx) => {
      await repo.updateInvestment(tx, before.id, row);
      await recordWrites(tx, context, [{ action: 'investment.update', entityType: INVESTMENT_ENTITY, entityKey: before.id, regionCode: row.regionCode, before: { ...before }, after: { ...row } }]);
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError('conflict', 'Investment already recorded', { userMessage: '该投资关系已登记', errors: [{ path: 'investeeUscc', message: '该投资关系已登记' }] });
    throw err;
  }
}

/** Remove a record in scope. @throws not_found. */
export async function deleteInvestment(db: Db, context: WriteContext, id: string): Promise<void> {
  const before = await getInvestment(db, context.actor, id);
  await db.transaction().execute(async (tx) => {
    await repo.deleteInvestment(tx, before.id);
    await recordWrites(tx, context, [{ action: 'investment.delete', entityType: INVESTMENT_ENTITY, entityKey: before.id, regionCode: before.regionCode, before: { ...before } }]);
  });
}

const HEADER_KEYS = new Map<string, string>(INVESTMENT_COLUMNS.flatMap((c) => [[c.key.toLowerCase(), c.key], [c.zh, c.key]]));

/**
 * Import investments from an upload (columns as the template, Chinese or English headers). Each
 * row is checked as `POST /investments` checks a body; an existing investor–investee pair is
 * updated. A dry run writes nothing; a commit with any row error writes nothing either (422 with
 * the row errors), else all rows in one transaction, each with its audit entry.
 */
export async function importInvestments(db: Db, context: WriteContext, file: Buffer, options: { isDryRun: boolean }): Promise<InvestmentImportReport> {
  requireKeeper(context.actor);
  const sheet = await readSheet(file, INVESTMENT_IMPORT_MAX_ROWS + 1);
  const keys = sheet.header.map((h) => HEADER_KEYS.get(h.trim()) ?? HEADER_KEYS.get(h.trim().toLowerCase()));
  const missing = ['investorUscc', 'investeeUscc', 'sharePct'].filter((k) => !keys.includes(k));
  if (missing.length > 0) throw invalid([{ path: 'file', message: `缺少列：${missing.map((k) => INVESTMENT_COLUMNS.find((c) => c.key === k)?.zh).join('、')}` }]);
  if (sheet.rows.length > INVESTMENT_IMPORT_MAX_ROWS) throw invalid([{ path: 'file', message: `一次最多导入 ${INVESTMENT_IMPORT_MAX_ROWS} 行` }]);
  const errors: InvestmentImportReport['errors'] = [];
  const valid: repo.InvestmentWrite[] = [];
  const seen = new Map<string, number>();
  for (const [index, cells] of sheet.rows.entries()) {
    const row = index + 2;
    const raw: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      if (key && cells[i] !== undefined && cells[i] !== '') raw[key] = cells[i];
    });
    if (raw.sharePct !== undefined) raw.sharePct = Number(String(raw.sharePct).replace(/%$/, ''));
    const parsed = InvestmentBody.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    const resolved = await resolve(db, context.actor, parsed.data);
    if (!resolved.row) {
      errors.push(...resolved.errors.map((e) => ({ row, path: e.path, message: e.message })));
      continue;
    }
    const pair = `${resolved.row.investorUscc}>${resolved.row.investeeUscc}`;
    if (seen.has(pair)) {
      errors.push({ row, path: 'investeeUscc', message: `与第 ${seen.get(pair)} 行重复` });
      continue;
    }
    seen.set(pair, row);
    valid.push(resolved.row);
  }
  const report = { isDryRun: options.isDryRun, rows: sheet.rows.length, valid: valid.length, created: 0, updated: 0, errors };
  if (options.isDryRun) return report;
  if (errors.length > 0) throw invalid(errors.slice(0, 50).map((e) => ({ path: `rows.${e.row}.${e.path}`, message: e.message })));
  return db.transaction().execute(async (tx) => {
    let created = 0;
    const audits = [];
    for (const row of valid) {
      const { id, isNew } = await repo.upsertInvestment(tx, row, userIdOf(context.actor));
      if (isNew) created++;
      audits.push({ action: isNew ? 'investment.import' : 'investment.update', entityType: INVESTMENT_ENTITY, entityKey: id, regionCode: row.regionCode, after: { ...row } });
    }
    await recordWrites(tx, context, audits);
    return { ...report, created, updated: valid.length - created };
  });
}
