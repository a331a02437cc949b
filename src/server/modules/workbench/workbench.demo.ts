/**
 * Demo data of the government workbench: a ministry → province → city → county tree of the
 * "百场万企" fairs task with accepted, reported, completed, waiting and overdue sub-tasks (one
 * reminded); a province task waiting for 苏州 to accept; and metric tasks whose figures the
 * platform counts (enterprises registered in 苏州's counties, chains mapped per province). Written
 * through the service (same rules and audit rows as the API); dates shifted afterwards so that the
 * trees look a few weeks old; key-enterprise lists of 苏州 and 吴中 built from registry filters. Idempotent: does nothing when demo tasks exist or without the demo users.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import type { WriteContext } from '../audit/index.js';
import { addKeyListMembers, createKeyList } from './lists.service.js';
import { attachToReport } from './tasks.files.js';
import { acceptTask, createTask, dispatchTask, remindTask, reportTask } from './tasks.service.js';

const FAIRS_TITLE = '2026年“百场万企”大中小企业融通对接活动';

function inDays(days: number): string {
  return businessDate(new Date(Date.now() + days * 86_400_000));
}

/** Gov demo users as actors, by username. */
async function govActors(db: Db): Promise<Map<string, WriteContext>> {
  const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'region_code']).where('role', '=', 'gov').where('username', 'in', ['gov_miit', 'gov_js', 'gov_sz', 'gov_wx', 'gov_wz']).execute();
  return new Map(rows.map((r) => {
    const actor: Actor = { userId: r.id, username: r.username, label: `${r.display_name ?? r.username} (${r.username})`, role: 'gov', regionCode: r.region_code, orgId: null, orgUscc: null };
    return [r.username, { actor }];
  }));
}

/** Seed the demo task trees (see the file comment). */
export async function seedWorkbenchDemo(db: Db): Promise<void> {
  const users = await govActors(db);
  const miit = users.get('gov_miit');
  const js = users.get('gov_js');
  const sz = users.get('gov_sz');
  const wx = users.get('gov_wx');
  const wz = users.get('gov_wz');
  if (!miit || !js || !sz || !wx || !wz) return;
  const existing = await db.selectFrom('tasks').select('id').where('title', '=', FAIRS_TITLE).executeTakeFirst();
  if (existing) return;
  // Stand-in for the levels without a demo log-in (浙江, 广东, 南京, 常州, 园区, 昆山): the admin-like system acts for them.
  const system = (regionCode: string): WriteContext => ({ actor: { userId: '0', username: 'system', label: `${regionCode} 工信部门 (演示)`, role: 'gov', regionCode, orgId: null, orgUscc: null } });

  // 1. The ministry's fairs task, down to 苏州's counties.
  const fairs = await createTask(db, miit, {
    title: FAIRS_TITLE, regionCode: '000000', dueOn: inDays(150), target: 300, metric: undefined,
    description: '按照《助力中小微企业稳增长调结构强能力若干措施》要求，各地组织大企业“发榜”、中小企业“揭榜”专场对接活动，年底前报送举办场次、参与企业数和签约情况。',
  });
  const provinces = await dispatchTask(db, miit, fairs.id, { children: [
    { regionCode: '320000', target: 60, dueOn: inDays(120) },
    { regionCode: '330000', target: 60, dueOn: inDays(120) },
    { regionCode: '440000', target: 80, dueOn: inDays(120) },
    { regionCode: '370000', target: 50, dueOn: inDays(120) },
  ] });
  const p = Object.fromEntries(provinces.children.map((c) => [c.regionCode, c.id]));
  await acceptTask(db, js, p['320000']);
  await acceptTask(db, system('330000'), p['330000']);
  await reportTask(db, system('330000'), p['330000'], { progress: 0.45, done: 27, note: '已在杭州、宁波、温州举办27场，参与企业1860家' });
  await acceptTask(db, system('440000'), p['440000']);
  await reportTask(db, system('440000'), p['440000'], { progress: 0.3, done: 24, note: '深圳、广州、佛山专场已举办24场' });
  const cities = await dispatchTask(db, js, p['320000'], { children: [
    { regionCode: '320500', target: 20, dueOn: inDays(100) },
    { regionCode: '320200', target: 15, dueOn: inDays(100) },
    { regionCode: '320100', target: 15, dueOn: inDays(100) },
    { regionCode: '320400', target: 10, dueOn: inDays(100) },
  ] });
  const c = Object.fromEntries(cities.children.map((x) => [x.regionCode, x.id]));
  await acceptTask(db, sz, c['320500']);
  await acceptTask(db, wx, c['320200']);
  await reportTask(db, wx, c['320200'], { progress: 0.6, done: 9, note: '集成电路、物联网专场各3场，车联网3场' });
  await acceptTask(db, system('320100'), c['320100']);
  await reportTask(db, system('320100'), c['320100'], { progress: 0.3, done: 4, note: '软件和信息服务专场4场' });
  const counties = await dispatchTask(db, sz, c['320500'], { children: [
    { regionCode: '320506', target: 6, dueOn: inDays(80) },
    { regionCode: '320571', target: 8, dueOn: inDays(80) },
    { regionCode: '320583', target: 6, dueOn: inDays(80) },
  ] });
  const k = Object.fromEntries(counties.children.map((x) => [x.regionCode, x.id]));
  await acceptTask(db, wz, k['320506']);
  await reportTask(db, wz, k['320506'], { progress: 0.5, done: 3, note: '精密机械、新能源汽车零部件专场共3场，签约意向12项' });
  await acceptTask(db, system('320571'), k['320571']);
  await reportTask(db, system('320571'), k['320571'], { progress: 1, done: 8, note: '全年8场已全部完成，参与企业420家，签约金额3.2亿元' });
  const parkReport = await sql<{ id: string }>`SELECT id FROM task_reports WHERE task_id = ${k['320571']} ORDER BY id DESC LIMIT 1`.execute(db);
  await attachToReport(db, system('320571'), k['320571'], parkReport.rows[0].id, {
    name: '苏州工业园区百场万企活动汇总.csv',
    bytes: Buffer.from('场次,日期,主题,参与企业,签约意向\n1,2026-03-12,集成电路,62,3\n2,2026-04-20,生物医药,48,2\n3,2026-05-18,纳米技术,55,4\n4,2026-06-16,人工智能,71,5\n5,2026-07-22,新能源汽车零部件,43,2\n6,2026-08-26,高端装备,50,3\n7,2026-09-23,工业软件,46,2\n8,2026-10-28,跨境数字贸易,45,1\n', 'utf8'),
  });
  // 常州 has not accepted and is overdue on its first milestone; the province reminds it.
  await sql`UPDATE tasks SET starts_on = ${inDays(-40)}, due_on = ${inDays(-5)} WHERE id = ${c['320400']}`.execute(db);
  await remindTask(db, js, c['320400'], '请尽快接收任务并报送首批对接活动安排');

  // 2. A province task waiting for 苏州 and 无锡 to accept (the city inbox).
  const giants = await createTask(db, js, {
    title: '专精特新“小巨人”后备企业梳理', regionCode: '320000', dueOn: inDays(45), target: 120,
    description: '各设区市梳理本地区专精特新“小巨人”后备企业名单，重点关注为链主企业配套的中小企业，报送企业名单及培育措施。',
  });
  await dispatchTask(db, js, giants.id, { children: [
    { regionCode: '320500', target: 40, dueOn: inDays(40) },
    { regionCode: '320200', target: 30, dueOn: inDays(40) },
  ] });

  // 3. 苏州's own metric task: new enterprises in the registry are counted, not typed.
  const registry = await createTask(db, sz, {
    title: '重点企业入库扩面', regionCode: '320500', dueOn: inDays(60), target: 200, metric: 'enterprises_registered',
    description: '各区县组织规上工业企业和专精特新企业完成平台入库，完成数按平台入库数据自动统计。',
  });
  const regions = await dispatchTask(db, sz, registry.id, { children: [
    { regionCode: '320506', target: 60, dueOn: inDays(60) },
    { regionCode: '320505', target: 70, dueOn: inDays(60) },
    { regionCode: '320507', target: 70, dueOn: inDays(60) },
  ] });
  await acceptTask(db, wz, regions.children.find((x) => x.regionCode === '320506')!.id);

  // 4. The ministry's chain-mapping task, counted from the chains registered per province.
  const maps = await createTask(db, miit, { title: '重点产业链图谱绘制', regionCode: '000000', dueOn: inDays(90), target: 12, metric: 'chains_mapped', description: '各省围绕优势产业链绘制产业链图谱，标注链主企业与断点堵点卡点。' });
  const mapped = await dispatchTask(db, miit, maps.id, { children: [{ regionCode: '320000', target: 6, dueOn: inDays(90) }, { regionCode: '330000', target: 6, dueOn: inDays(90) }] });
  await acceptTask(db, js, mapped.children[0].id);

  // 5. Key-enterprise lists of 苏州 (from the registry) and 吴中, read by 江苏 above them.
  const szList = await createKeyList(db, sz, { name: '苏州市专精特新重点培育企业库', kind: 'specialized', description: '市级专精特新中小企业及小巨人，按企业库标签导入' });
  await addKeyListMembers(db, sz, szList.id, { filter: { tag: 'specialized' } });
  await addKeyListMembers(db, sz, szList.id, { filter: { tag: 'little_giant' } });
  const leaders = await createKeyList(db, sz, { name: '苏州市链主企业名单', kind: 'leader', description: '动力电池、集成电路、工业母机等重点产业链链主企业' });
  await addKeyListMembers(db, sz, leaders.id, { filter: { tag: 'leader' } });
  const wzList = await createKeyList(db, wz, { name: '吴中区重点配套企业名单', kind: 'key_supplier' });
  await addKeyListMembers(db, wz, wzList.id, { filter: { size: 'medium' } });

  // The trees started a few weeks ago (metrics count from the start date on).
  await sql`UPDATE tasks SET starts_on = ${inDays(-40)}, created_at = now() - interval '40 days' WHERE root_id IN (${fairs.id}, ${maps.id}, ${registry.id})`.execute(db);
}
