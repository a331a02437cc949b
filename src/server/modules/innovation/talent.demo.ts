/**
 * Demo data of expert consultations and committees, for every role: 苏州's new-energy expert
 * committee (chair 王工, the `expert` log-in), and consultations of the `sme` log-in's enterprise —
 * one rated (closed), one answered by 王工 waiting for `sme`'s rating, one open in 王工's inbox (questions worded in 王工's fields, so routing picks him) —
 * plus one of 苏州溶川 sent to the committee, so `gov_sz` sees a list and figures; and the
 * leader's training courses with enrolments (one course one seat from full). Runs once after
 * the innovation demo (its experts); its own marker, so existing databases get it too.
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { recordWrites } from '../audit/index.js';
import { createCommittee } from './committees.service.js';
import { createCourse, enrol } from './courses.service.js';
import { businessDate } from '../../platform/dates.js';
import * as repo from './consultations.repo.js';
import { CONSULTATION_ENTITY, createConsultation } from './consultations.service.js';

const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械 (the `sme` log-in)
const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (the `leader` log-in)
const RONGCHUAN = '91320507MA1T9F5A90'; // 苏州溶川新材料
const CONTEXT = { actor: SYSTEM_ACTOR, requestId: 'demo' };
const HOUR = 3_600_000;

/** Put an expert's answer (listed experts have no log-in) `hoursAfter` the request, and optionally the SME's rating. */
async function answer(db: Db, consultationId: string, expertName: string, text: string, hoursAfter: number, rating?: { stars: number; comment: string }): Promise<void> {
  const routes = await repo.selectRoutes(db, [consultationId]);
  const route = routes.find((r) => r.expertName === expertName);
  const consultation = await repo.selectConsultation(db, consultationId);
  if (!route || !consultation) return;
  await db.transaction().execute(async (tx) => {
    await repo.setAnswer(tx, route.id, text, new Date(consultation.createdAt.getTime() + hoursAfter * HOUR));
    await repo.setStatus(tx, consultationId, 'answered');
    if (rating) await repo.setRating(tx, consultationId, rating.stars, rating.comment);
    await recordWrites(tx, CONTEXT, [{ action: 'consultation.answer', entityType: CONSULTATION_ENTITY, entityKey: consultationId, regionCode: consultation.regionCode, after: { expert: route.expertName, status: rating ? 'closed' : 'answered' } }]);
  });
}

/** Demo consultations and committees (see the file comment). Skips quietly when the demo firms or experts are missing. */
export async function seedTalentDemo(db: Db): Promise<void> {
  const experts = await db.selectFrom('experts').select(['id', 'name']).execute();
  const byName = new Map(experts.map((x) => [x.name, x.id]));
  const sme = await db.selectFrom('enterprises').select('id').where('uscc', '=', SME).executeTakeFirst();
  const rongchuan = await db.selectFrom('enterprises').select('id').where('uscc', '=', RONGCHUAN).executeTakeFirst();
  const wang = byName.get('王工');
  if (!sme || !rongchuan || !wang) return;
  const members = ['李教授', '陈研究员', '冯高工'].map((n) => byName.get(n)).filter((id): id is string => id !== undefined);
  const committeeId = await createCommittee(db, CONTEXT, {
    name: '苏州市新能源技术专家咨询委员会', field: '新能源', regionCode: '320500', chairExpertId: wang, memberExpertIds: members,
    description: '面向苏州市动力电池、储能产业链中小企业的技术咨询，按季度召开专题会。',
  });

  const closed = await createConsultation(db, CONTEXT, {
    uscc: SME, field: '锂电池', urgency: 'normal',
    question: '我司为电池厂加工方形铝壳电芯的顶盖结构件，客户反馈激光焊接后个别电芯漏液，想了解结构件平面度和焊接坡口应控制在什么范围？',
  });
  await answer(db, closed, '冯高工', '建议顶盖平面度控制在0.05mm以内，焊缝区域去毛刺后做等离子清洗；坡口角度与客户工艺窗口共同确认，批量前用氦检漏抽检。', 20, { stars: 5, comment: '答复具体，已按建议调整工艺，漏液问题解决。' });

  const answered = await createConsultation(db, CONTEXT, {
    uscc: SME, field: '固态电池', urgency: 'high',
    question: '客户的锂电池产线计划导入固态电池，电池管理系统和电解质体系都会变化，我们供应的壳体件需要提前准备哪些检测能力？',
  });
  await answer(db, answered, '王工', '半固态电池对壳体气密性和绝缘要求更高：建议提前具备氦检漏和耐压测试能力，关注铝材与电解质的相容性，公差方面与现有方形电池接近。', 6);

  await createConsultation(db, CONTEXT, {
    uscc: SME, field: '电池管理系统', urgency: 'normal',
    question: '我们想为锂电池和固态电池客户配套电池管理系统的采样线束支架，零件靠近电解质泄放口的部位应选用什么材质，才能满足耐腐蚀要求？',
  });

  await createConsultation(db, CONTEXT, {
    uscc: RONGCHUAN, field: '储能', urgency: 'low', committeeId,
    question: '我司电解液添加剂拟用于储能电池，请委员会就储能场景的循环寿命验证方案和主要客户认证流程给予指导。',
  });
  await seedCourses(db);
}

const inDays = (days: number) => businessDate(new Date(Date.now() + days * 86_400_000));

/** The leader's training courses: one nearly full with `sme` and 溶川 enrolled, one with seats left for the e2e enrolment. */
async function seedCourses(db: Db): Promise<void> {
  const leader = await db.selectFrom('enterprises').select('id').where('uscc', '=', LEADER).executeTakeFirst();
  if (!leader) return;
  const quality = await createCourse(db, CONTEXT, {
    providerUscc: LEADER, title: '动力电池结构件质量管理与IATF 16949实务', field: '质量管理', baseName: '澜沣培训学院', location: '苏州工业园区澜沣研究院3号楼', mode: 'onsite',
    startsOn: inDays(14), endsOn: inDays(16), hours: 24, feeYuan: 0, capacity: 4, description: '面向配套供应商的质量工程师：APQP/PPAP、过程审核、8D问题解决，含产线现场教学。',
  });
  await createCourse(db, CONTEXT, {
    providerUscc: LEADER, title: '锂电池激光焊接工艺与焊缝检测实训', field: '锂电池', baseName: '澜沣焊接实训基地', location: '苏州相城试验基地', mode: 'hybrid',
    startsOn: inDays(21), endsOn: inDays(25), hours: 40, feeYuan: 1200, capacity: 20, description: '激光焊接参数窗口、氦检漏与X射线检测，线上理论加基地实操。',
  });
  await enrol(db, CONTEXT, quality, { uscc: SME, traineeName: '陈志远' });
  await enrol(db, CONTEXT, quality, { uscc: SME, traineeName: '刘敏' });
  await enrol(db, CONTEXT, quality, { uscc: RONGCHUAN, traineeName: '周婷' });
}
