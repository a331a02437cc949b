/**
 * Payment-practice disclosure (item 4): per large buyer per half-year, from the ledger: average days
 * to pay, shares paid within 30 / 31–60 / over 60 days, share paid late. Aggregates only, so any
 * signed-in user may read one buyer's figures; gov users rank the buyers of their region.
 * Disputes are the complaints filed against the buyer in the half-year (rejected ones excluded).
 */
import type { PracticeView } from '../../../contracts/capital.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { findRegion, regionPrefix } from '../../platform/regions.js';
import { isInRegionScope, regionScopeOf } from '../../platform/scope.js';
import { countComplaintsByBuyer } from './complaints.repo.js';
import { conductScore } from './credit.scoring.js';
import { selectParty, selectPracticeByBuyer, type PartyRecord, type PracticeByBuyer } from './ledger.repo.js';

/** [from, to) of a half-year such as 2026H1. */
export function halfYearRange(half: string): { from: string; to: string } {
  const year = Number(half.slice(0, 4));
  return half.endsWith('H1') ? { from: `${year}-01-01`, to: `${year}-07-01` } : { from: `${year}-07-01`, to: `${year + 1}-01-01` };
}

function share(n: number, of: number): number | null {
  return of === 0 ? null : Math.round((n / of) * 1000) / 1000;
}

function view(buyer: PartyRecord, half: string, range: { from: string; to: string }, p: PracticeByBuyer | undefined, complaints: number): PracticeView {
  const paid = p?.paid ?? 0;
  const shareLate = share(p?.late ?? 0, p?.deliveries ?? 0);
  return {
    buyer: { uscc: buyer.uscc, name: buyer.name, regionCode: buyer.regionCode }, half, from: range.from, to: range.to, deliveries: p?.deliveries ?? 0, paid,
    avgDaysToPay: p?.avgDaysToPay ?? null, sharePaidWithin30: share(p?.paidWithin30 ?? 0, paid), sharePaid31To60: share(p?.paid31To60 ?? 0, paid),
    sharePaidOver60: share(p?.paidOver60 ?? 0, paid), shareLate, complaints,
    conductScore: conductScore({ deliveries: p?.deliveries ?? 0, shareLate, avgDaysToPay: p?.avgDaysToPay ?? null, complaints }),
  };
}

/** One buyer's disclosed figures for a half-year. @throws not_found for an unknown USCC or a buyer that is not a large enterprise or government body. */
export async function getBuyerPractice(db: Db, uscc: string, half: string): Promise<PracticeView> {
  const buyer = await selectParty(db, { uscc: uscc.trim().toUpperCase() });
  if (!buyer || !(buyer.size === 'large' || buyer.orgKind === 'government')) throw notFound('付款主体');
  const range = halfYearRange(half);
  const [p] = await selectPracticeByBuyer(db, { ...range, asOf: businessDate() }, [buyer.id]);
  const complaints = await countComplaintsByBuyer(db, range, [buyer.id]);
  return view(buyer, half, range, p, complaints.get(buyer.id) ?? 0);
}

/**
 * Ranking for gov users and admins: the large buyers of a region with deliveries in the half-year,
 * worst share late first. @throws forbidden for members and experts; validation_failed for a region outside the scope.
 */
export async function rankBuyers(db: Db, actor: Actor, half: string, region: string | undefined): Promise<PracticeView[]> {
  const scope = regionScopeOf(actor);
  if (scope.kind === 'none') throw new AppError('forbidden', 'Rankings are for government users', { userMessage: '付款行为排名仅对主管部门开放' });
  if (region && (!findRegion(region) || !isInRegionScope(actor, region))) throw invalid([{ path: 'region', message: '地区不存在或不在您的权限范围内' }]);
  const prefix = region ? regionPrefix(region) : scope.kind === 'prefix' ? scope.prefix : '';
  const range = halfYearRange(half);
  const buyers = await db
    .selectFrom('enterprises as e')
    .leftJoin('organisations as o', 'o.uscc', 'e.uscc')
    .select(['e.id', 'e.uscc', 'e.name', 'e.region_code', 'e.size', 'o.kind'])
    .where('e.region_code', 'like', `${prefix}%`)
    .where((eb) => eb.or([eb('e.size', '=', 'large'), eb('o.kind', '=', 'government')]))
    .where((eb) => eb.exists(eb.selectFrom('payable_deliveries as d').select('d.id').whereRef('d.buyer_id', '=', 'e.id').where('d.delivered_on', '>=', range.from).where('d.delivered_on', '<', range.to)))
    .limit(1000)
    .execute();
  const ids = buyers.map((b) => b.id);
  const figures = new Map((await selectPracticeByBuyer(db, { ...range, asOf: businessDate() }, ids)).map((p) => [p.buyerId, p]));
  const complaints = await countComplaintsByBuyer(db, range, ids);
  return buyers
    .map((b) => view({ id: b.id, uscc: b.uscc, name: b.name, regionCode: b.region_code, size: b.size, orgKind: b.kind }, half, range, figures.get(b.id), complaints.get(b.id) ?? 0))
    .sort((a, b) => (b.shareLate ?? 0) - (a.shareLate ?? 0) || b.complaints - a.complaints || (b.avgDaysToPay ?? 0) - (a.avgDaysToPay ?? 0));
}
