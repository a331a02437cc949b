/**
 * Demo data of notifications: the demo users subscribe every kind to a daily digest (`leader` turns
 * booking requests off in-app); the notifications the newer events would have raised for
 * `sme` and `leader` before they existed are written from the demo's own financing offers,
 * published needs, accepted invitations, challenge applications and bookings; half of them are dated yesterday, so the
 * daily digest of yesterday exists. Idempotent through its `demo:notifications` marker; does
 * nothing without the demo `sme` user.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { NOTIFICATION_KINDS } from '../../../contracts/notifications.js';
import { demoActors } from '../../demo/actors.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate, businessDateTime } from '../../platform/dates.js';
import { buildDigests } from './notifications.digests.js';
import * as repo from './notifications.repo.js';
import { notify, type NotificationEvent } from './notifications.service.js';

const DEMO_USERS = ['gov_miit', 'gov_js', 'gov_sz', 'gov_wx', 'gov_wz', 'leader', 'sme'] as const;

/** Events of the demo data that tell the members of `uscc`. */
async function demoEvents(tx: Tx, usccs: string[]): Promise<{ uscc: string; event: NotificationEvent }[]> {
  const offers = await tx.selectFrom('financing_offers as o').innerJoin('financing_requests as r', 'r.id', 'o.request_id').innerJoin('enterprises as a', 'a.id', 'r.applicant_id').innerJoin('enterprises as b', 'b.id', 'o.bank_id')
    .select(['a.uscc', 'b.name as bank', 'o.amount_fen', 'o.rate_bp', 'o.term_days', 'r.id']).where('a.uscc', 'in', usccs).orderBy('o.id').limit(3).execute();
  const needs = await tx.selectFrom('needs as n').innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select(['e.uscc', 'n.id', 'n.title']).where('e.uscc', 'in', usccs).where('n.status', '=', 'published').orderBy('n.id').limit(4).execute();
  const accepted = await tx.selectFrom('matches as m').innerJoin('needs as n', 'n.id', 'm.need_id').innerJoin('enterprises as b', 'b.id', 'm.buyer_enterprise_id').innerJoin('enterprises as s', 's.id', 'm.supplier_enterprise_id')
    .select(['b.uscc', 'm.id', 'n.id as needId', 'n.title', 's.name as supplier']).where('b.uscc', 'in', usccs).where('m.stage', 'in', ['negotiating', 'deal']).orderBy('m.id').limit(3).execute();
  const applications = await tx.selectFrom('challenge_applications as ca').innerJoin('challenges as c', 'c.id', 'ca.challenge_id').innerJoin('enterprises as o', 'o.id', 'c.enterprise_id').innerJoin('enterprises as ap', 'ap.id', 'ca.enterprise_id')
    .select(['o.uscc', 'ca.id', 'c.id as challengeId', 'c.title', 'ap.name as applicant']).where('o.uscc', 'in', usccs).orderBy('ca.id').limit(3).execute();
  const bookings = await tx.selectFrom('resource_bookings as b').innerJoin('shared_resources as s', 's.id', 'b.resource_id').innerJoin('enterprises as o', 'o.id', 's.enterprise_id').innerJoin('enterprises as bk', 'bk.id', 'b.enterprise_id')
    .select(['o.uscc', 'b.id', 's.id as resourceId', 's.title', 'bk.name as booker', sql<Date>`lower(b.period)`.as('start'), sql<Date>`upper(b.period)`.as('end')]).where('o.uscc', 'in', usccs).where('b.status', '=', 'pending').orderBy('b.id').limit(2).execute();
  return [
    ...needs.map((n) => ({ uscc: n.uscc, event: { kind: 'need.published' as const, params: { title: n.title, comment: null }, link: `/matching/needs/${n.id}`, entityType: 'need', entityKey: n.id } })),
    ...offers.map((o) => ({ uscc: o.uscc, event: { kind: 'financing.offered' as const, params: { bank: o.bank, amountYuan: Number(o.amount_fen) / 100, ratePercent: o.rate_bp / 100, termDays: o.term_days }, link: '/finance/financing', entityType: 'financing_request', entityKey: o.id } })),
    ...accepted.map((m) => ({ uscc: m.uscc, event: { kind: 'match.accepted' as const, params: { title: m.title, supplier: m.supplier }, link: `/matching/needs/${m.needId}`, entityType: 'match', entityKey: m.id } })),
    ...applications.map((a) => ({ uscc: a.uscc, event: { kind: 'challenge.applied' as const, params: { title: a.title, applicant: a.applicant }, link: `/challenges/${a.challengeId}`, entityType: 'challenge_application', entityKey: a.id } })),
    ...bookings.map((b) => ({ uscc: b.uscc, event: { kind: 'booking.requested' as const, params: { title: b.title, booker: b.booker, start: businessDateTime(new Date(b.start)), end: businessDateTime(new Date(b.end)) }, link: `/resources/${b.resourceId}`, entityType: 'resource_booking', entityKey: b.id } })),
  ];
}

/** Seed the demo subscriptions, notifications and yesterday's digests (see the file comment). */
export async function seedNotificationsDemo(db: Db): Promise<void> {
  const actors = await demoActors(db, DEMO_USERS);
  const sme = actors.get('sme');
  if (!sme?.orgUscc) return;
  const usccs = [sme.orgUscc, actors.get('leader')?.orgUscc].filter((u): u is string => !!u);
  const yesterdayMorning = new Date(`${businessDate(new Date(Date.now() - 86_400_000))}T10:00:00+08:00`);
  await db.transaction().execute(async (tx) => {
    for (const actor of actors.values()) {
      await repo.saveSubscriptions(tx, actor.userId, NOTIFICATION_KINDS.map((kind) => ({ kind, isInApp: true, digest: 'daily' as const })));
    }
    // The leader lets booking requests reach it only on the resource pages.
    const leader = actors.get('leader');
    if (leader) await repo.saveSubscriptions(tx, leader.userId, [{ kind: 'booking.requested', isInApp: false, digest: 'none' }]);
    const before = await tx.selectFrom('notifications').select(sql<string>`coalesce(max(id), 0)`.as('id')).executeTakeFirstOrThrow();
    const events = await demoEvents(tx, usccs);
    for (const e of events) await notify(tx, SYSTEM_ACTOR, { membersOfUscc: e.uscc }, e.event);
    // Every other new notification arrived yesterday (for the daily digest); the rest today.
    await sql`UPDATE notifications SET created_at = ${yesterdayMorning} WHERE id IN (
      SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY id) AS n FROM notifications WHERE id > ${before.id}) x WHERE n % 2 = 1)`.execute(tx);
  });
  await buildDigests(db, 'daily');
}
