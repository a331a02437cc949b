/**
 * Demo fairs: 苏州's power-battery fair organised by gov_sz (its region, the 动力电池 chain map),
 * with `leader`, `sme`, the demo anchors and generated 苏州 firms registered (a few SMEs on the
 * waitlist), wishes taken from the matching engine's suggestions, and a computed schedule; plus
 * an open fair without a schedule yet. Idempotent (skips when the battery fair exists).
 */
import { sql } from 'kysely';
import type { CreateFairBody } from '../../../contracts/fairs.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { MatchingIndex } from '../matching/index.js';
import { createFair, putWishes, register, runSchedule, suggestions, transitionFair, type FairsDeps } from './fairs.service.js';

const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W';
const BATTERY_FAIR = '苏州市动力电池产业链“百场万企”供需对接洽谈会';
/** Generated 苏州 firms registered besides the anchors. */
const GENERATED_LARGE = 7;
const GENERATED_SMES = 45;

function inDays(days: number): string {
  return businessDate(new Date(Date.now() + days * 86_400_000));
}

/** A member actor of an enterprise (for acting as the participant in the demo). */
function memberOf(uscc: string): Actor {
  return { userId: '0', username: 'demo', label: `demo (${uscc})`, role: 'member', regionCode: null, orgId: null, orgUscc: uscc };
}

/** Seed the fairs demo. */
export async function seedFairsDemo(db: Db): Promise<void> {
  const existing = await db.selectFrom('fairs').select('id').where('title', '=', BATTERY_FAIR).executeTakeFirst();
  if (existing) return;
  const anchors = await db.selectFrom('enterprises').select(['uscc', 'size']).where('uscc', 'in', [LEADER, SME]).execute();
  if (anchors.length < 2) return;
  const chain = await db.selectFrom('chains').select('id').where('template_key', '=', 'ev-battery').where('region_code', '=', '320500').executeTakeFirst();
  const context = { actor: SYSTEM_ACTOR };
  const deps: FairsDeps = { db, matching: new MatchingIndex(db) };

  const body: CreateFairBody = {
    title: BATTERY_FAIR, regionCode: '320500', chainId: chain?.id, venue: '苏州国际博览中心 B馆', visibility: 'public',
    description: '围绕动力电池电芯、材料、结构件与电池管理系统，组织链主企业与专精特新中小企业一对一洽谈。',
    largeCapacity: 12, smeCapacity: 40,
    sessions: [
      { date: inDays(21), startTime: '09:00', slotMinutes: 20, slotCount: 9, tables: 10 },
      { date: inDays(21), startTime: '14:00', slotMinutes: 20, slotCount: 6, tables: 10 },
    ],
  };
  const fair = await createFair(db, context, body);
  await transitionFair(db, context, fair.id, 'open');

  // Anchors of 苏州 first (leader, sme, the demo suppliers), then generated 苏州 firms of battery-ish trades.
  const anchorFirms = await db.selectFrom('enterprises').select(['uscc', 'size']).where('region_code', 'like', '3205%').where('uscc', 'in', [
    LEADER, SME, '91320507MA1T9F5A90', '91320509MA1Q4T6E61', '91320583MA1N7H2C5B', '91320571MA1W5B3L6L', '91320583MA1K8W2D72',
  ]).execute();
  const generated = (size: 'large' | 'sme', limit: number) => {
    let q = db.selectFrom('enterprises').select(['uscc', 'size']).where('industry_code', 'like', 'C%').where('uscc', 'not in', anchorFirms.map((a) => a.uscc));
    q = size === 'large' ? q.where('size', '=', 'large') : q.where('size', '<>', 'large').where('region_code', 'like', '3205%');
    // The fair is public: large buyers come from 苏州 first, then 江苏, then anywhere.
    return q.orderBy(sql`region_code LIKE '3205%'`, 'desc').orderBy(sql`region_code LIKE '32%'`, 'desc').orderBy('uscc').limit(limit).execute();
  };
  const larges = await generated('large', GENERATED_LARGE);
  const others = await generated('sme', GENERATED_SMES);
  const participants = [...anchorFirms.sort((a, b) => (a.uscc === LEADER ? -1 : b.uscc === LEADER ? 1 : a.uscc === SME ? -1 : 0)), ...larges, ...others];
  for (const p of participants) await register(db, context, fair.id, { uscc: p.uscc });

  // Wishes: each registered participant picks from the engine's suggestions; SMEs also ask for the
  // leader, and the leader answers some of them (mutual wishes).
  const registered = await db.selectFrom('fair_registrations as r').innerJoin('enterprises as e', 'e.id', 'r.enterprise_id').select(['r.id', 'e.uscc', 'r.kind']).where('r.fair_id', '=', fair.id).where('r.status', '=', 'registered').orderBy('r.id').execute();
  const leaderReg = registered.find((r) => r.uscc === LEADER);
  const largeRegs = registered.filter((r) => r.kind === 'large');
  for (const [i, r] of registered.entries()) {
    const actor = memberOf(r.uscc);
    const suggested = (await suggestions(deps, actor, fair.id)).map((s) => s.registrationId);
    let targets: string[];
    if (r.kind === 'sme') {
      const extra = [leaderReg?.id, largeRegs[i % largeRegs.length]?.id, largeRegs[(i * 7) % largeRegs.length]?.id].filter((x): x is string => Boolean(x));
      targets = [...new Set([...suggested.slice(0, 3), ...(i % 3 === 0 ? extra : extra.slice(1))])].filter((id) => id !== r.id);
    } else {
      const smes = registered.filter((x) => x.kind === 'sme').map((x) => x.id);
      targets = [...new Set([...suggested.slice(0, 6), ...smes.filter((_, k) => (k + i) % 5 === 0)])].slice(0, 12);
    }
    if (r.uscc === SME) continue; // `sme` chooses its own in the UI; the leader still wishes to meet it below
    await putWishes(db, { actor }, fair.id, { targets });
  }
  const smeReg = registered.find((r) => r.uscc === SME);
  if (smeReg && leaderReg) await putWishes(db, { actor: memberOf(SME) }, fair.id, { targets: [leaderReg.id] });
  await runSchedule(deps, context, fair.id, {});

  const open = await createFair(db, context, {
    title: '苏州市集成电路产业链大中小企业融通对接会', regionCode: '320500', venue: '苏州工业园区国际科技园', visibility: 'region',
    description: '集成电路设计、制造、封测与材料装备企业供需对接，本地区企业报名。', largeCapacity: 8, smeCapacity: 30,
    sessions: [{ date: inDays(35), startTime: '13:30', slotMinutes: 15, slotCount: 12, tables: 8 }],
  });
  await transitionFair(db, context, open.id, 'open');
  for (const p of [...larges.slice(0, 2), ...others.slice(0, 6)]) await register(db, context, open.id, { uscc: p.uscc });
}
