/**
 * Credit scores (issue 6 item 7). Who sees an enterprise's score: its own members, gov users of its
 * region, admins, and a bank to which it addressed a financing request (or opened one to all banks).
 * Anyone else gets 404, as for a score that does not exist.
 */
import type { CreditScoreView, CreditWeightsView, UpdateCreditWeightsBody } from '../../../contracts/capital.js';
import { CREDIT_FACTORS } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { hasRequestVisibleToBank, selectCreditFacts, selectWeights, updateWeights } from './credit.repo.js';
import { scoreCredit } from './credit.scoring.js';
import { selectParty, type PartyRecord } from './ledger.repo.js';

/** The score of a known enterprise, without a scope check (callers check). */
export async function scoreOf(db: Db, party: PartyRecord, asOf = businessDate()): Promise<CreditScoreView> {
  const [facts, { weights }] = await Promise.all([selectCreditFacts(db, party.id, asOf), selectWeights(db)]);
  const { score, grade, factors } = scoreCredit(facts, weights);
  return { enterprise: { uscc: party.uscc, name: party.name, regionCode: party.regionCode }, asOf, score, grade, factors, isWeightsOurs: true };
}

async function canSeeScore(db: Db, actor: Actor, party: PartyRecord): Promise<boolean> {
  if (actor.role === 'platform_admin' || actor.role === 'gov') return isInRegionScope(actor, party.regionCode);
  if (actor.role !== 'member' || !actor.orgUscc) return false;
  if (actor.orgUscc === party.uscc) return true;
  const own = await selectParty(db, { uscc: actor.orgUscc });
  return own?.orgKind === 'bank' && (await hasRequestVisibleToBank(db, party.id, own.id));
}

/** One enterprise's scorecard. @throws not_found for an unknown USCC or one outside the caller's scope. */
export async function getCreditScore(db: Db, actor: Actor, uscc: string): Promise<CreditScoreView> {
  const party = await selectParty(db, { uscc: uscc.trim().toUpperCase() });
  if (!party || !(await canSeeScore(db, actor, party))) throw notFound('信用评分');
  return scoreOf(db, party);
}

export async function getCreditWeights(db: Db): Promise<CreditWeightsView> {
  const { weights, updatedAt } = await selectWeights(db);
  return { weights, updatedAt: updatedAt?.toISOString() ?? null };
}

/** Admins set the weights; they must sum to 100. @throws forbidden for others; validation_failed naming `weights` when the sum is off. */
export async function updateCreditWeights(db: Db, context: WriteContext, body: UpdateCreditWeightsBody): Promise<CreditWeightsView> {
  if (context.actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only platform admins set weights', { userMessage: '只有平台管理员可以调整评分权重' });
  const sum = CREDIT_FACTORS.reduce((s, f) => s + body.weights[f], 0);
  if (sum !== 100) throw invalid([{ path: 'weights', message: `各项分值合计须为 100（当前 ${sum}）` }]);
  await db.transaction().execute(async (tx) => {
    const before = (await selectWeights(tx)).weights;
    await updateWeights(tx, body.weights, context.actor.userId === '0' ? null : context.actor.userId);
    await recordWrites(tx, context, [{ action: 'credit.weights', entityType: 'credit_weights', entityKey: 'scorecard', regionCode: null, before, after: body.weights }]);
  });
  return getCreditWeights(db);
}
