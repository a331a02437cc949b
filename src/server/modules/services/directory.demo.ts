/**
 * Demo data of the service directory: three providers in 苏州 — the battery leader's open test
 * centre (a base run by `leader`), 苏州's SME public service platform and a maker space listed by
 * `gov_sz` — with their service products; the `sme` has one test completed and rated 5★, one
 * consulting request being served and one new request waiting for the leader.
 */
import type { CreateProductBody, CreateProviderBody } from '../../../contracts/service-directory.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { createProduct, createProvider, createRequest, handleRequest, rateRequest } from './directory.service.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源 (the `leader` log-in)

interface DemoProvider {
  by: 'leader' | 'gov_sz';
  body: CreateProviderBody;
  products: CreateProductBody[];
}

const PROVIDERS: DemoProvider[] = [
  {
    by: 'leader',
    body: { name: '澜沣新能源电池安全检测中心（开放实验室）', kind: 'base', address: '苏州工业园区星湖街328号', contact: '0512-6688 1200', description: '链主企业检测中心向产业链中小企业开放，具备CNAS认可的电池安全、电性能和材料分析能力。' },
    products: [
      { title: '动力电池安全检测（针刺、挤压、过充、热失控）', category: 'testing', priceYuan: 3500, description: '按GB 38031-2020出具检测报告，5个工作日。' },
      { title: '电池材料扫描电镜分析', category: 'testing', priceYuan: 800 },
    ],
  },
  {
    by: 'gov_sz',
    body: { name: '苏州市中小企业公共服务平台', kind: 'platform', regionCode: '320500', address: '苏州市姑苏区三香路1199号', contact: '0512-6522 0000', description: '国家中小企业公共服务示范平台，提供政策咨询、数字化诊断、融资对接和人才培训服务。' },
    products: [
      { title: '中小企业数字化转型诊断', category: 'digital', priceYuan: 0, description: '由服务商上门开展数字化水平评测，出具诊断报告和“小快轻准”改造建议。' },
      { title: '专精特新企业培育辅导', category: 'consulting', description: '对照专精特新认定条件开展一对一辅导。' },
      { title: '知识产权贯标与专利布局', category: 'ip', priceYuan: 20000 },
    ],
  },
  {
    by: 'gov_sz',
    body: { name: '吴中智能制造众创空间', kind: 'maker_space', regionCode: '320506', address: '苏州市吴中区东吴南路', description: '面向智能制造初创团队的孵化空间。' },
    products: [{ title: '初创团队入驻孵化', category: 'incubation', priceYuan: 0 }],
  },
];

/** Seed the directory (see the file comment). Skips providers whose author is missing. */
export async function seedDirectoryDemo(db: Db, actors: Map<string, Actor>): Promise<void> {
  const productIds: string[] = [];
  for (const demo of PROVIDERS) {
    const actor = actors.get(demo.by);
    if (!actor || (demo.by === 'leader' && actor.orgUscc !== LEADER)) continue;
    const context = { actor, requestId: 'demo' };
    const providerId = await createProvider(db, context, demo.body);
    for (const product of demo.products) productIds.push(await createProduct(db, context, providerId, product));
  }
  const sme = actors.get('sme');
  const leader = actors.get('leader');
  const gov = actors.get('gov_sz');
  if (!sme || !leader || !gov || productIds.length < 4) return;
  const asSme = { actor: sme, requestId: 'demo' };
  const tested = await createRequest(db, asSme, productIds[0], { note: '新款电芯结构件配套电池包需做针刺、挤压测试，样品20只。' });
  await handleRequest(db, { actor: leader, requestId: 'demo' }, tested, 'accept', { reply: '已排期，请于周一送样。' });
  await handleRequest(db, { actor: leader, requestId: 'demo' }, tested, 'complete', { reply: '报告已出具，全部通过。' });
  await rateRequest(db, asSme, tested, { rating: 5, review: '链主实验室设备先进，报告规范，比外送第三方快一周。' });
  const consulting = await createRequest(db, asSme, productIds[3], { note: '计划明年申报专精特新，请协助对照条件查找差距。' });
  await handleRequest(db, { actor: gov, requestId: 'demo' }, consulting, 'accept', { reply: '已安排服务专员，三日内联系。' });
  await createRequest(db, asSme, productIds[1], { note: '正极材料颗粒形貌分析。' });
}
