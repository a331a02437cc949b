/** SQL of credit scores: the facts of one enterprise, the weights, and who may see a score. */
import { sql } from 'kysely';
import { CREDIT_FACTORS, type CreditFactor } from '../../../contracts/capital.js';
import type { Db, Tx } from '../../db/database.js';
import type { CreditFacts } from './credit.scoring.js';
import { selectPracticeByBuyer } from './ledger.repo.js';
import { addDays } from './ledger.rules.js';

const TIERS = ['little_giant', 'specialized', 'innovative'] as const;

/** The scorecard's facts for enterprise `id` as of `asOf` (a business date). */
export async function selectCreditFacts(db: Db, id: string, asOf: string): Promise<CreditFacts> {
  const row = await sql<{ size: string | null; tags: string[]; certifications: { expiresOn?: string | null }[]; since: string; deals: string; complaints: string; held_fen: string }>`
    SELECT e.size, e.tags, e.certifications,
           least(e.created_at AT TIME ZONE 'Asia/Shanghai', coalesce(make_date((SELECT min(year) FROM enterprise_financials f WHERE f.enterprise_id = e.id), 1, 1), 'infinity'))::date::text AS since,
           (SELECT count(*) FROM deals d WHERE (d.supplier_enterprise_id = e.id OR d.buyer_enterprise_id = e.id) AND d.signed_on <= ${asOf}::date) AS deals,
           (SELECT count(*) FROM payment_complaints c WHERE c.buyer_id = e.id AND c.status <> 'rejected' AND c.filed_on > ${asOf}::date - 730 AND c.filed_on <= ${asOf}::date) AS complaints,
           (SELECT coalesce(sum(v.amount_fen), 0) FROM vouchers v WHERE v.holder_id = e.id AND v.status = 'held') AS held_fen
      FROM enterprises e WHERE e.id = ${id}`.execute(db);
  const r = row.rows[0];
  const [practice] = await selectPracticeByBuyer(db, { from: addDays(asOf, -365), to: addDays(asOf, 1), asOf }, [id]);
  const years = Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(r.since)) / (365.25 * 86_400_000)));
  return {
    yearsOfRecord: years,
    size: r.size,
    validCertifications: (r.certifications ?? []).filter((c) => !c.expiresOn || c.expiresOn >= asOf).length,
    tier: TIERS.find((t) => r.tags.includes(t)) ?? null,
    deals: Number(r.deals),
    complaintsAgainst: Number(r.complaints),
    asBuyer: practice && practice.deliveries > 0 ? { deliveries: practice.deliveries, late: practice.late } : null,
    heldReceivablesFen: BigInt(r.held_fen),
  };
}

/** The live weights (defaults come from the migration). */
export async function selectWeights(db: Db | Tx): Promise<{ weights: Record<CreditFactor, number>; updatedAt: Date | null }> {
  const rows = await db.selectFrom('credit_weights').select(['factor', 'max_points', 'updated_at', 'updated_by']).execute();
  const weights = Object.fromEntries(CREDIT_FACTORS.map((f) => [f, rows.find((r) => r.factor === f)?.max_points ?? 0])) as Record<CreditFactor, number>;
  const edited = rows.filter((r) => r.updated_by !== null).map((r) => r.updated_at.getTime());
  return { weights, updatedAt: edited.length ? new Date(Math.max(...edited)) : null };
}

export async function updateWeights(tx: Tx, weights: Record<CreditFactor, number>, userId: string | null): Promise<void> {
  for (const factor of CREDIT_FACTORS) {
    await tx.updateTable('credit_weights').set({ max_points: weights[factor], updated_by: userId, updated_at: new Date() }).where('factor', '=', factor).execute();
  }
}

/** True when the bank can see a financing request of the applicant (addressed to it or open to all banks). */
export async function hasRequestVisibleToBank(db: Db, applicantId: string, bankId: string): Promise<boolean> {
  const row = await db
    .selectFrom('financing_requests')
    .select('id')
    .where('applicant_id', '=', applicantId)
    .where((eb) => eb.or([eb('bank_id', '=', bankId), eb('bank_id', 'is', null)]))
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}
