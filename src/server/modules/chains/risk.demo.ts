/**
 * Demo early warning: realistic risk events over the demo supply graph (supply.demo.ts) with
 * incidents at different statuses and notes, subscriptions of the `leader`, `gov_sz` and `gov_wx`
 * demo users, and the alerts those events sent them. Written through the service (the same rules,
 * audit rows and alert dispatch as the API). Idempotent: nothing is written when demo events exist;
 * without the demo users or anchors it does nothing.
 */
import type { CreateRiskEventBody, RiskStatus } from '../../../contracts/risk.js';
import type { Db } from '../../db/database.js';
import { DEMO_ANCHORS } from '../../demo/generator.js';
import { demoActors } from '../../demo/actors.js';
import type { Actor } from '../../platform/actor.js';
import { createSubscription } from './risk.alerts.js';
import { changeRiskStatus, addRiskNote, createRiskEvent } from './risk.service.js';
import { SupplyGraphHolder } from './graph/holder.js';
import { supplyEdgeSource } from './supply.graph-source.js';

/** Marks the demo's events (`source`), so that a second run sees them. */
const DEMO_SOURCE = '演示数据';

const anchor = (key: string): string => DEMO_ANCHORS.find((a) => a.key === key)!.uscc;

/** Days before now as an ISO time in Beijing business hours. */
function daysAgo(days: number, hour = 9): string {
  const at = new Date(Date.now() - days * 86_400_000);
  at.setUTCHours(hour - 8, 30, 0, 0);
  return at.toISOString();
}

interface DemoEvent {
  by: string;
  body: CreateRiskEventBody;
  /** Status changes with their notes, in order, by the same user. */
  steps: Array<{ status: RiskStatus; note: string; daysAgo: number }>;
  notes: string[];
}

/** Seed the demo risk events, subscriptions and alerts (see the file comment). */
export async function seedRiskDemo(db: Db): Promise<void> {
  const actors = await demoActors(db, ['leader', 'gov_sz', 'gov_wx', 'gov_js']);
  const leader = actors.get('leader');
  const govSz = actors.get('gov_sz');
  const govWx = actors.get('gov_wx');
  if (!leader || !govSz || !govWx) {
    return; // no demo users: nothing to show them
  }
  const already = await db.selectFrom('risk_events').select('id').where('source', '=', DEMO_SOURCE).limit(1).executeTakeFirst();
  if (already) {
    return;
  }
  const hasAnchors = await db.selectFrom('enterprises').select('id').where('uscc', '=', anchor('electrolyteSme')).executeTakeFirst();
  if (!hasAnchors) {
    return;
  }
  // A graph of its own, loaded after the supply demo wrote its edges (the app's holder loads later).
  const graph = new SupplyGraphHolder(supplyEdgeSource(db));
  const write = (actor: Actor) => ({ actor });

  // Subscriptions first, so that the events below alert their subscribers.
  await createSubscription({ db, graph }, write(leader), { target: 'suppliers' });
  await createSubscription({ db, graph }, write(leader), { target: 'enterprise', uscc: anchor('pcbMedium') });
  await createSubscription({ db, graph }, write(govSz), { target: 'enterprise', uscc: anchor('batteryLeader') });
  await createSubscription({ db, graph }, write(govWx), { target: 'enterprise', uscc: anchor('semiLeader') });
  const szChain = await db.selectFrom('chains').select('id').where('region_code', 'like', '3205%').orderBy('id').limit(1).executeTakeFirst();
  if (szChain) {
    await createSubscription({ db, graph }, write(govSz), { target: 'chain', chainId: szChain.id });
  }
  const photoresist = await db.selectFrom('off_platform_suppliers').select('id').where('name', '=', '信越化学工业株式会社').executeTakeFirst();

  const events: DemoEvent[] = [
    {
      by: 'gov_sz',
      body: {
        uscc: anchor('electrolyteSme'), kind: 'shutdown', severity: 'critical', occurredAt: daysAgo(6),
        title: '苏州溶川新材料电解液车间火灾停产',
        description: '相城区苏州溶川新材料有限公司电解液车间发生火情，无人员伤亡，企业全面停产检修，预计停产 3–4 周。该企业是澜沣新能源电解液的唯一供应商。',
        source: DEMO_SOURCE,
      },
      steps: [{ status: 'confirmed', note: '经相城区应急管理局核实，车间已停产，企业预计 4 周后恢复生产。', daysAgo: 5 }],
      notes: ['已协调澜沣新能源启用安全库存（约 10 天用量），并对接省内另两家电解液企业应急供货。'],
    },
    {
      by: 'gov_sz',
      body: {
        regionCode: '320583', kind: 'logistics', severity: 'medium', occurredAt: daysAgo(2, 14),
        title: '昆山部分路段封控，零部件运输受阻',
        description: '受道路施工与临时交通管制影响，昆山开发区至苏州工业园区部分货运线路绕行，零部件到货延迟 1–2 天。',
        source: DEMO_SOURCE,
      },
      steps: [],
      notes: ['已提醒园区链主企业关注 BMS、电路板到货情况。'],
    },
    ...(photoresist
      ? [
          {
            by: 'gov_wx',
            body: {
              offPlatformSupplierId: photoresist.id, regionCode: '320200', kind: 'sanction' as const, severity: 'high' as const, occurredAt: daysAgo(12),
              title: '境外光刻胶配套试剂出口管制收紧',
              description: '日本对部分半导体材料实施出口许可审查，信越化学光刻胶配套试剂对华交付周期延长。',
              source: DEMO_SOURCE,
            },
            steps: [{ status: 'confirmed' as const, note: '芯拓半导体反馈：最近两批订单交付推迟 6 周。', daysAgo: 10 }],
            notes: ['正在组织省内光刻胶企业与芯拓对接验证国产替代。'],
          },
        ]
      : []),
    {
      by: 'gov_sz',
      body: {
        uscc: anchor('batteryHousingSme'), kind: 'default', severity: 'medium', occurredAt: daysAgo(40),
        title: '苏州盛铝精密压铸件交付违约',
        description: '因模具故障，电池壳体一批次交付延迟 12 天。',
        source: DEMO_SOURCE,
      },
      steps: [
        { status: 'confirmed', note: '企业承认延迟交付，已启用备用模具。', daysAgo: 38 },
        { status: 'recovered', note: '已恢复正常交付，未影响整车厂排产。', daysAgo: 25 },
      ],
      notes: [],
    },
    {
      by: 'gov_sz',
      body: {
        uscc: anchor('mesSoftwareSme'), kind: 'dishonest', severity: 'low', occurredAt: daysAgo(20),
        title: '苏州数衡工业软件被列入经营异常名录',
        description: '因未按期公示年度报告被列入经营异常名录。',
        source: DEMO_SOURCE,
      },
      steps: [{ status: 'no_impact', note: '企业已补报年报并申请移出，经营与交付正常。', daysAgo: 18 }],
      notes: [],
    },
  ];

  for (const event of events) {
    const actor = actors.get(event.by)!;
    const { id } = await createRiskEvent({ db, graph }, write(actor), event.body);
    for (const step of event.steps) {
      await changeRiskStatus({ db, graph }, write(actor), id, { status: step.status, note: step.note });
    }
    for (const note of event.notes) {
      await addRiskNote({ db, graph }, write(actor), id, { body: note });
    }
    // Incident records carry the demo's story times, not the seeding time.
    const stepTimes = event.steps.map((s) => new Date(daysAgo(s.daysAgo, 16)));
    const notes = await db.selectFrom('risk_event_notes').select(['id', 'status_to']).where('event_id', '=', id).orderBy('id').execute();
    for (const [i, note] of notes.entries()) {
      const at = note.status_to ? stepTimes[i] : new Date(Date.now() - 3_600_000 * (notes.length - i));
      await db.updateTable('risk_event_notes').set({ created_at: at }).where('id', '=', note.id).execute();
    }
    const recordedAt = new Date(new Date(event.body.occurredAt).getTime() + 3_600_000);
    await db.updateTable('risk_events').set({ created_at: recordedAt }).where('id', '=', id).execute();
    await db.updateTable('risk_alerts').set({ created_at: recordedAt }).where('event_id', '=', id).execute();
  }
  // Alerts of closed incidents have been read; the open ones wait in the inboxes.
  const closed = db.selectFrom('risk_events').select('id').where('status', 'in', ['recovered', 'no_impact']);
  await db.updateTable('risk_alerts').set({ read_at: new Date() }).where('event_id', 'in', closed).where('read_at', 'is', null).execute();
}
