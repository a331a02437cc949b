import { sql } from 'kysely';
import { IMPORT_COLUMNS, TAG_LABELS } from '../../contracts/enterprises.js';
import type { Db } from '../db/database.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { createUser } from '../modules/accounts/index.js';
import { importSheet, type ImportProgress, type Sheet } from '../modules/enterprises/index.js';
import { DEMO_ANCHORS, iterateEnterprises, type DemoEnterprise } from './generator.js';
import { seedChainsDemo } from '../modules/chains/chains.demo.js';
import { seedSupplyDemo } from '../modules/chains/supply.demo.js';
import { seedRiskDemo } from '../modules/chains/risk.demo.js';
import { seedCapacityDemo } from '../modules/chains/capacity.demo.js';
import { seedMatchingDemo } from '../modules/matching/index.js';
import { seedInnovationDemo } from '../modules/innovation/innovation.demo.js';
import { seedAchievementsDemo } from '../modules/innovation/achievements.demo.js';
import { seedTalentDemo } from '../modules/innovation/talent.demo.js';
import { seedSecondmentsDemo } from '../modules/innovation/secondments.demo.js';
import { seedCollabDemo } from '../modules/innovation/collab.demo.js';
import { seedServicesDemo } from '../modules/services/services.demo.js';
import { seedWorkbenchDemo } from '../modules/workbench/workbench.demo.js';
import { seedNotificationsDemo } from '../modules/workbench/notifications.demo.js';
import { seedAssessmentDemo } from '../modules/assessment/assessment.demo.js';
import { seedCapitalDemo } from '../modules/capital/capital.demo.js';
import { seedProductsDemo } from '../modules/capital/products.demo.js';
import { seedFundsDemo } from '../modules/capital/funds.demo.js';
import { seedFairsDemo } from '../modules/fairs/fairs.demo.js';
import { seedDealsDemo } from '../modules/matching/deals.demo.js';
import { seedCrossBorderDemo } from '../modules/matching/crossborder.demo.js';
import { seedOverseasDemo } from '../modules/matching/overseas.demo.js';

/** Password of every demo account except `admin`. Demo data is for trying the platform only. */
export const DEMO_PASSWORD = 'xieshou123';

/** A demo log-in as printed by `npm start`. */
export interface DemoLogin {
  username: string;
  role: string;
  description: string;
}

function toSheet(rows: readonly DemoEnterprise[]): Sheet {
  return {
    header: IMPORT_COLUMNS.map((c) => c.zh),
    rows: rows.map((e) =>
      IMPORT_COLUMNS.map((c) => {
        switch (c.key) {
          case 'products':
            return e.products.join('；');
          case 'tags':
            return e.tags.map((t) => TAG_LABELS[t]).join('；');
          default:
            return String(e[c.key] ?? '');
        }
      }),
    ),
  };
}

async function isSeeded(db: Db): Promise<boolean> {
  const row = await db.selectFrom('platform_settings').select('key').where('key', '=', 'demo_seeded_at').executeTakeFirst();
  return Boolean(row);
}

/**
 * Load the demo data once: the anchor enterprises the demo users belong to, `count` generated
 * enterprises (deterministic by `seed`), and one user per role. Returns the demo log-ins, or
 * undefined when the demo data was loaded before.
 */
export async function seedDemo(db: Db, options: { count: number; seed?: number; isForced?: boolean; onProgress?: ImportProgress }): Promise<DemoLogin[] | undefined> {
  if (!options.isForced && (await isSeeded(db))) {
    return undefined;
  }
  const anchors = toSheet(DEMO_ANCHORS);
  await importSheet(db, { actor: SYSTEM_ACTOR }, anchors, { isDryRun: false });
  // Generated rows go in in batches so that 1M rows do not sit in memory at once.
  let batch: DemoEnterprise[] = [];
  let done = 0;
  const anchorUsccs = new Set(DEMO_ANCHORS.map((a) => a.uscc));
  const flush = async () => {
    if (batch.length === 0) return;
    await importSheet(db, { actor: SYSTEM_ACTOR }, toSheet(batch), { isDryRun: false, decisions: [] });
    done += batch.length;
    options.onProgress?.('write', done, options.count);
    batch = [];
  };
  for (const e of iterateEnterprises({ seed: options.seed ?? 20220954, count: options.count })) {
    if (anchorUsccs.has(e.uscc)) continue;
    batch.push(e);
    if (batch.length >= 20_000) await flush();
  }
  await flush();

  const leader = DEMO_ANCHORS.find((a) => a.tags.includes('leader') && a.regionCode.startsWith('3205'));
  const sme = DEMO_ANCHORS.find((a) => a.regionCode.startsWith('3205') && !a.tags.includes('leader'));
  const users: Array<{ username: string; role: 'gov' | 'member' | 'expert'; displayName: string; regionCode?: string; orgUscc?: string; description: string }> = [
    { username: 'gov_miit', role: 'gov', displayName: '工业和信息化部中小企业局', regionCode: '000000', description: '部级：全国' },
    { username: 'gov_js', role: 'gov', displayName: '江苏省工业和信息化厅', regionCode: '320000', description: '省级：江苏省' },
    { username: 'gov_sz', role: 'gov', displayName: '苏州市工业和信息化局', regionCode: '320500', description: '市级：苏州市（看不到无锡）' },
    { username: 'gov_wx', role: 'gov', displayName: '无锡市工业和信息化局', regionCode: '320200', description: '市级：无锡市' },
    { username: 'gov_wz', role: 'gov', displayName: '苏州市吴中区工业和信息化局', regionCode: '320506', description: '县级：苏州市吴中区' },
    ...(leader ? [{ username: 'leader', role: 'member' as const, displayName: `${leader.name} 采购部`, orgUscc: leader.uscc, description: `大企业（链主）：${leader.name}` }] : []),
    ...(sme ? [{ username: 'sme', role: 'member' as const, displayName: `${sme.name} 总经理`, orgUscc: sme.uscc, description: `中小企业：${sme.name}` }] : []),
    { username: 'expert', role: 'expert', displayName: '王工（行业专家）', description: '专家' },
  ];
  const logins: DemoLogin[] = [];
  for (const u of users) {
    const exists = await db.selectFrom('users').select('id').where(sql`lower(username)`, '=', u.username).executeTakeFirst();
    if (!exists) {
      await createUser(db, SYSTEM_ACTOR, { username: u.username, password: DEMO_PASSWORD, role: u.role, displayName: u.displayName, regionCode: u.regionCode, orgUscc: u.orgUscc });
    }
    logins.push({ username: u.username, role: u.role, description: u.description });
  }
  await db
    .insertInto('platform_settings')
    .values({ key: 'demo_seeded_at', value: JSON.stringify({ at: new Date().toISOString(), count: options.count }) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ at: new Date().toISOString(), count: options.count }), updated_at: sql`now()` }))
    .execute();
  return logins;
}

/** The demo log-ins (for the start-up banner on later runs). */
export async function listDemoLogins(db: Db): Promise<DemoLogin[]> {
  if (!(await isSeeded(db))) {
    return [];
  }
  const rows = await db.selectFrom('users').select(['username', 'role', 'display_name']).where('username', '<>', 'admin').orderBy('id').limit(20).execute();
  return rows.map((r) => ({ username: r.username, role: r.role, description: r.display_name ?? '' }));
}

/** A module's demo data: idempotent, run after the registry demo on every start with demo on. */
export interface ModuleDemo {
  /** Marker key in `platform_settings` (`demo:<name>`), set when the module's demo is loaded. */
  name: string;
  seed: (db: Db) => Promise<void>;
}

/**
 * Module demos in dependency order (chains before supply edges before risk events). Each runs
 * once per database, so a database seeded before a module existed gets that module's demo on
 * its next start.
 */
const MODULE_DEMOS: ModuleDemo[] = [
  { name: 'chains', seed: seedChainsDemo },
  { name: 'supply', seed: seedSupplyDemo },
  { name: 'risk', seed: seedRiskDemo },
  { name: 'matching', seed: seedMatchingDemo },
  { name: 'deals', seed: seedDealsDemo },
  { name: 'fairs', seed: seedFairsDemo },
  { name: 'capital', seed: seedCapitalDemo },
  { name: 'capital-products', seed: seedProductsDemo },
  { name: 'capital-funds', seed: seedFundsDemo },
  { name: 'assessment', seed: seedAssessmentDemo },
  { name: 'workbench', seed: seedWorkbenchDemo },
  { name: 'innovation', seed: seedInnovationDemo },
  { name: 'achievements', seed: seedAchievementsDemo },
  { name: 'talent', seed: seedTalentDemo },
  { name: 'secondments', seed: seedSecondmentsDemo },
  { name: 'collab', seed: seedCollabDemo },
  { name: 'services', seed: seedServicesDemo },
  { name: 'cross-border', seed: seedCrossBorderDemo },
  { name: 'overseas', seed: seedOverseasDemo },
  { name: 'capacity', seed: seedCapacityDemo },
  // Last: backfills notifications from the other modules' demo events.
  { name: 'notifications', seed: seedNotificationsDemo },
];

export async function seedModuleDemos(db: Db): Promise<void> {
  for (const demo of MODULE_DEMOS) {
    const key = `demo:${demo.name}`;
    const row = await db.selectFrom('platform_settings').select('key').where('key', '=', key).executeTakeFirst();
    if (row) continue;
    await demo.seed(db);
    await db
      .insertInto('platform_settings')
      .values({ key, value: JSON.stringify({ at: new Date().toISOString() }) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}
