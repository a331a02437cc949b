/**
 * Demo secondments and investments. The leader (`leader` log-in, 苏州澜沣新能源) seconds 王工 (the
 * `expert` log-in) to `sme` (苏州锐铭精密机械) for part-time guidance — active, one report confirmed and
 * one waiting for `sme` — proposes a residency to `sme` awaiting confirmation, and completed a
 * rated residency at 苏州溶川; so `gov_sz` sees figures by district. Investments: an industry fund
 * holds shares of `sme`, and the leader holds 5 % of 溶川 (so the leader's experts never review
 * 溶川's applications). Talent events: the leader's exchange meeting with `sme` and 溶川 registered,
 * its 卓越工程师-style programme with places left, and a site visit held yesterday with three registrants
 * awaiting attendance. Its own marker, so existing databases get it too.
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { makeUscc } from '../../platform/uscc.js';
import { recordWrites } from '../audit/index.js';
import { createInvestment } from './investments.service.js';
import * as repo from './secondments.repo.js';
import { createSecondment, SECONDMENT_ENTITY } from './secondments.service.js';
import { createTalentEvent, registerForEvent } from './talent-events.service.js';

const SME = '91320506MA1M2G8K8W';
const LEADER = '91320571MA1P3K7W9A';
const RONGCHUAN = '91320507MA1T9F5A90';
const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };
const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

/** Move a demo secondment on as its parties would: confirmed, reports (confirmed or waiting), optionally rated. */
async function advance(db: Db, id: string, reports: { period: number; days: number; hours: number; summary: string; isConfirmed: boolean }[], rating?: { stars: number; comment: string }) {
  const periods = await repo.selectPeriods(db, [id]);
  const secondment = await repo.selectSecondment(db, id);
  if (!secondment) return;
  await db.transaction().execute(async (tx) => {
    await repo.setStatus(tx, id, 'active');
    for (const r of reports) {
      const reportId = await repo.insertReport(tx, { secondmentId: id, periodId: periods[r.period].id, days: r.days, hours: r.hours, summary: r.summary, createdBy: null });
      if (r.isConfirmed) await repo.decideReport(tx, reportId, 'confirmed', '');
    }
    if (rating) await repo.setStatus(tx, id, 'completed', { rating: rating.stars, ratingComment: rating.comment });
    await recordWrites(tx, CONTEXT, [{ action: 'secondment.demo', entityType: SECONDMENT_ENTITY, entityKey: id, regionCode: secondment.regionCode, after: { status: rating ? 'completed' : 'active', reports: reports.length } }]);
  });
}

export async function seedSecondmentsDemo(db: Db): Promise<void> {
  const parties = await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', [SME, LEADER, RONGCHUAN]).execute();
  if (parties.length < 3) return;
  const wang = await db.selectFrom('experts').select('id').where('name', '=', '王工').executeTakeFirst();

  await createInvestment(db, CONTEXT, { investorUscc: makeUscc({ regionCode: '320500', body8: 'MA1Q8Y2C' }), investorName: '苏州市产业创新投资基金', investeeUscc: SME, sharePct: 15, since: '2024-05-20', source: '国家企业信用信息公示系统' });
  await createInvestment(db, CONTEXT, { investorUscc: LEADER, investeeUscc: RONGCHUAN, sharePct: 5, since: '2025-01-08', source: '企业自报' });

  const guidance = await createSecondment(db, CONTEXT, {
    kind: 'part_time_guidance', senderUscc: LEADER, hostUscc: SME, expertId: wang?.id, engineerName: wang ? undefined : '王工', engineerTitle: '高级工程师', field: '激光焊接',
    goals: ['顶盖结构件激光焊接一次合格率提升到98%', '建立焊接工艺窗口与首件检验文件', '培养2名焊接工艺骨干'],
    periods: [{ startsOn: inDays(-30), endsOn: inDays(-1), plannedHours: 24 }, { startsOn: inDays(0), endsOn: inDays(60), plannedHours: 40 }],
  });
  await advance(db, guidance, [
    { period: 0, days: 0, hours: 16, summary: '现场诊断焊接工位：夹具定位误差和保护气流量波动是漏焊主因，已给出夹具改进方案和参数窗口。', isConfirmed: true },
    { period: 1, days: 0, hours: 6, summary: '对两班焊工开展参数窗口与首件检验培训，复核改进夹具试制件，焊缝合格率由91%提升至96%。', isConfirmed: false },
  ]);

  await createSecondment(db, CONTEXT, {
    kind: 'resident', senderUscc: LEADER, hostUscc: SME, engineerName: '孙立新', engineerTitle: '质量经理', field: '质量管理',
    goals: ['导入IATF 16949过程审核', '建立8D问题解决机制'],
    periods: [{ startsOn: inDays(14), endsOn: inDays(44), plannedDays: 12 }],
  });

  const residency = await createSecondment(db, CONTEXT, {
    kind: 'resident', senderUscc: LEADER, hostUscc: RONGCHUAN, engineerName: '钱振华', engineerTitle: '工艺总工', field: '电解液',
    goals: ['电解液添加剂中试线工艺定型', '储能电池客户认证资料准备'],
    periods: [{ startsOn: inDays(-120), endsOn: inDays(-91), plannedDays: 15 }, { startsOn: inDays(-60), endsOn: inDays(-31), plannedDays: 15 }],
  });
  await advance(db, residency, [
    { period: 0, days: 14, hours: 0, summary: '驻厂14天：完成中试线工艺参数摸底，确定添加剂投料顺序和温控窗口。', isConfirmed: true },
    { period: 1, days: 15, hours: 0, summary: '驻厂15天：中试三批次一致性达标，协助完成储能客户认证资料。', isConfirmed: true },
  ], { stars: 5, comment: '工艺定型提前一个月完成，认证资料一次通过。' });

  const meeting = await createTalentEvent(db, CONTEXT, {
    kind: 'exchange_meeting', organiserUscc: LEADER, title: '动力电池产业链工程师技术交流会', field: '锂电池', location: '苏州工业园区澜沣研究院报告厅',
    startsOn: inDays(10), endsOn: inDays(10), capacity: 40, description: '链主工艺专家分享激光焊接与质量管理实践，配套企业工程师交流。',
  });
  await registerForEvent(db, CONTEXT, meeting, { uscc: SME, personName: '陈志远', personTitle: '工艺工程师' });
  await registerForEvent(db, CONTEXT, meeting, { uscc: RONGCHUAN, personName: '周婷', personTitle: '研发主管' });
  await createTalentEvent(db, CONTEXT, {
    kind: 'programme', organiserUscc: LEADER, title: '卓越工程师产教联合培养计划（2027级）', field: '新能源', location: '澜沣培训学院',
    startsOn: inDays(45), endsOn: inDays(410), capacity: 30, description: '面向链上中小企业青年工程师，一年期项目制培养：导师带教、轮岗实训、结业答辩。',
  });
  // A site visit held yesterday, with registrants whose attendance the organiser still has to record:
  // listed and registered for while in the future, then moved to the past (events cannot be listed
  // with a past start), as the calendar would have moved it.
  const visit = await createTalentEvent(db, CONTEXT, {
    kind: 'site_visit', organiserUscc: LEADER, title: '澜沣电芯智能工厂现场观摩', field: '智能制造', location: '苏州工业园区澜沣电芯二厂',
    startsOn: inDays(7), endsOn: inDays(7), capacity: 20, description: '参观电芯卷绕、注液与化成分容产线，交流MES与质量追溯实践。',
  });
  for (const [uscc, personName, personTitle] of [[SME, '刘洋', '生产经理'], [SME, '孙磊', '质量工程师'], [RONGCHUAN, '何敏', '工艺工程师']] as const) {
    await registerForEvent(db, CONTEXT, visit, { uscc, personName, personTitle });
  }
  await db.updateTable('talent_events').set({ starts_on: inDays(-1), ends_on: inDays(-1) }).where('id', '=', visit).execute();
}
