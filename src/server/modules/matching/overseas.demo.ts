/**
 * Demo overseas service offers: the 苏州 battery leader (`leader`) offers a joint bid on German
 * ESS projects and its Saudi certification and logistics channel; the 苏州 SME (`sme`) applied to
 * the first and was accepted. Idempotent (skips when the leader has offers).
 */
import type { Db } from '../../db/database.js';
import { demoActors } from '../../demo/actors.js';
import { businessDate } from '../../platform/dates.js';
import { applyToOverseasOffer, createOverseasOffer, decideOverseasApplication } from './overseas.service.js';

/** Titles the browser test looks for. */
export const DEMO_OVERSEAS_JOINED_TITLE = '德国工商业储能项目联合投标（携中小企业出海）';
export const DEMO_OVERSEAS_OPEN_TITLE = '沙特储能市场 SABER 认证辅导与清关渠道共享';

/** Seed the overseas service offers. */
export async function seedOverseasDemo(db: Db): Promise<void> {
  const actors = await demoActors(db, ['leader', 'sme']);
  const leader = actors.get('leader');
  const sme = actors.get('sme');
  if (!leader?.orgUscc) return;
  const existing = await db.selectFrom('overseas_offers as o').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id').select('o.id').where('e.uscc', '=', leader.orgUscc).limit(1).executeTakeFirst();
  if (existing) return;
  const deadline = businessDate(new Date(Date.now() + 60 * 86_400_000));
  const joint = await createOverseasOffer(db, { actor: leader }, {
    title: DEMO_OVERSEAS_JOINED_TITLE, titleEn: 'Joint bids on commercial ESS projects in Germany, with SMEs',
    description: '我司在德国勃兰登堡州、巴伐利亚州的工商业储能项目开放联合投标：由我司牵头，中小企业提供结构件、线束、热管理或安装运维，共享我司本地渠道、VDE 认证资料和售后网络。',
    descriptionEn: 'Our commercial ESS projects in Brandenburg and Bavaria are open to joint bids: we lead, SMEs supply structural parts, harnesses, thermal management or installation and O&M, sharing our local channel, VDE documentation and service network.',
    targetCountries: ['DE', 'AT'], serviceKind: 'joint_bid', capacity: 5, deadline,
  });
  await createOverseasOffer(db, { actor: leader }, {
    title: DEMO_OVERSEAS_OPEN_TITLE, titleEn: 'SABER certification help and a shared customs channel for Saudi ESS',
    description: '面向配套中小企业开放我司在沙特的 SABER 认证代办经验、达曼港清关代理和海外仓（利雅得），每家企业提供一次认证辅导。',
    descriptionEn: 'Suppliers may use our SABER certification experience, our customs agent at Dammam and our Riyadh overseas warehouse; one certification consultation per SME.',
    targetCountries: ['SA', 'AE'], serviceKind: 'certification', capacity: 8, deadline,
  });
  if (!sme) return;
  const application = await applyToOverseasOffer(db, { actor: sme }, joint, { note: '我司五轴加工中心26台，可提供储能柜钣金与结构件，已有德国客户批量供货经验。' });
  await decideOverseasApplication(db, { actor: leader }, application, 'accept', { note: '欢迎加入，项目对接会另行通知。' });
}
