/**
 * Demo capacity monitoring: a year of monthly figures, up to the last complete month, for the SMEs
 * of the 苏州 battery chain and the 江苏 robot chain (chains.demo.ts). Realistic shape: a dip around
 * the Spring Festival (February), a year-end peak, a little noise per firm. Planted cases:
 * - 苏州盛铝精密制造 (batteryHousingSme): idle capacity all year (about 40%: a capacity-sharing candidate);
 * - 苏州溶川新材料 (electrolyteSme): a sharp drop in the latest month (the shutdown of the risk demo);
 * - 昆山联拓电路 (pcbMedium): has not reported the latest month;
 * - 苏州锐铭精密 (precisionPartsSme, the `sme` demo user): reports in a physical unit (万件).
 * Written through the service (same checks, audit rows). Idempotent: nothing when any report exists.
 */
import type { CapacityReportItem } from '../../../contracts/capacity.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { seededRandom } from '../../platform/random.js';
import { SME_SIZES } from './capacity.repo.js';
import { addMonths, currentMonth, planReports, writeReports } from './capacity.service.js';

const DEMO_CHAINS = ['苏州市新能源汽车动力电池产业链', '江苏省工业机器人产业链'];
const uscc = (key: string): string => DEMO_ANCHORS.find((a) => a.key === key)!.uscc;

/** Seasonal factor of a calendar month (1–12): Spring Festival dip, year-end peak. */
const SEASON = [0.92, 0.7, 0.9, 0.95, 0.97, 1, 0.96, 0.95, 1, 1.02, 1.05, 1.08];

/** Seed the demo months (see the file comment). */
export async function seedCapacityDemo(db: Db): Promise<void> {
  if (await db.selectFrom('capacity_reports').select('id').limit(1).executeTakeFirst()) return;
  const smes = await db
    .selectFrom('chain_members as m')
    .innerJoin('chains as c', 'c.id', 'm.chain_id')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .leftJoin('enterprise_financials as f', (join) => join.onRef('f.enterprise_id', '=', 'e.id'))
    .select(['e.uscc', 'e.id'])
    .select((eb) => eb.fn.max('f.revenue_fen').as('revenue_fen'))
    .select((eb) => eb.fn.max('f.employees').as('employees'))
    .where('c.name', 'in', DEMO_CHAINS)
    .where('e.size', 'in', [...SME_SIZES])
    .groupBy(['e.uscc', 'e.id'])
    .orderBy('e.id')
    .execute();
  if (smes.length === 0) return;
  const latest = addMonths(currentMonth(), -1);
  const idle = uscc('batteryHousingSme');
  const drop = uscc('electrolyteSme');
  const silent = uscc('pcbMedium');
  const physical = uscc('precisionPartsSme');
  const items: CapacityReportItem[] = [];
  for (const sme of smes) {
    const random = seededRandom(Number(BigInt(sme.id) % 2_147_483_647n) + 20221);
    const revenueFen = Number(sme.revenue_fen ?? 0) || 60_000_000_00;
    // Monthly value capacity about 1.3× the average month of last year's revenue, whole yuan.
    const capacity = sme.uscc === physical ? 12 : Math.max(1_000_000, Math.round((revenueFen / 12) * 1.3 / 100) * 100);
    const base = sme.uscc === idle ? 0.42 : 0.7 + random() * 0.18;
    for (let back = 11; back >= 0; back--) {
      const month = addMonths(latest, -back);
      if (sme.uscc === silent && back === 0) continue;
      const season = SEASON[Number(month.slice(5)) - 1];
      let utilisation = Math.min(0.99, base * season * (0.96 + random() * 0.08));
      if (sme.uscc === drop && back === 0) utilisation = Math.max(0.2, utilisation - 0.32);
      const output = sme.uscc === physical ? Math.round(capacity * utilisation * 100) / 100 : Math.round(capacity * utilisation / 100) * 100;
      items.push({
        uscc: sme.uscc, month, unit: sme.uscc === physical ? '万件' : 'fen', capacity, output,
        ordersOnHandFen: Math.round((revenueFen / 12) * (0.8 + utilisation) / 100) * 100,
        employees: sme.employees === null ? null : Math.round(Number(sme.employees) * (0.97 + random() * 0.05)),
      });
    }
  }
  const errors: { path: string; message: string }[] = [];
  const planned = await planReports(db, SYSTEM_ACTOR, items.map((item, i) => ({ at: `items.${i}`, item })), 'government_import', errors);
  if (errors.length > 0) throw new Error(`capacity demo: ${errors[0].path} ${errors[0].message}`);
  await db.transaction().execute((tx) => writeReports(tx, { actor: SYSTEM_ACTOR }, planned, 'capacity_report.demo'));
}
