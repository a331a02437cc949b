/**
 * Demo data of chain leaders and regions: the battery leader's (`leader`) actions on 苏州's battery
 * chain (a supplier programme, an investment in the `sme`, an incubation base), 苏州's national
 * advanced-manufacturing cluster with the leader and the sme as members, and two transfer catalogue
 * items of 苏州. Skipped pieces when the demo chain or users are missing (small demo sets).
 */
import type { Db } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { addClusterMembers, createCluster, createLeaderAction, createTransferItem } from './leaders.service.js';

const LEADER = '91320571MA1P3K7W9A'; // 苏州澜沣新能源
const SME = '91320506MA1M2G8K8W'; // 苏州锐铭精密机械
const BATTERY_CHAIN = '苏州市新能源汽车动力电池产业链';

/** Seed the leaders' demo (see the file comment). */
export async function seedLeadersDemo(db: Db, actors: Map<string, Actor>): Promise<void> {
  const chain = await db.selectFrom('chains').select('id').where('name', '=', BATTERY_CHAIN).executeTakeFirst();
  const leader = actors.get('leader');
  const gov = actors.get('gov_sz');
  if (!chain || !gov) return;
  const asGov = { actor: gov, requestId: 'demo' };
  const isLeaderMember = await db.selectFrom('chain_members').innerJoin('enterprises', 'enterprises.id', 'chain_members.enterprise_id').select('chain_members.enterprise_id').where('chain_members.chain_id', '=', chain.id).where('enterprises.uscc', '=', LEADER).where('chain_members.role', '=', 'leader').executeTakeFirst();
  if (leader && isLeaderMember) {
    const asLeader = { actor: leader, requestId: 'demo' };
    await createLeaderAction(db, asLeader, { chainId: chain.id, kind: 'supplier_programme', title: '“同线同标”配套企业质量提升计划', description: '向结构件、极片配套企业开放质量标准和检测数据，派驻质量工程师。', smeCount: 18, startedOn: '2025-09-01' });
    await createLeaderAction(db, asLeader, { chainId: chain.id, kind: 'equity_investment', title: '战略投资精密结构件配套企业', partnerUscc: SME, amountYuan: 30_000_000, smeCount: 1, startedOn: '2026-02-15' });
    await createLeaderAction(db, asLeader, { chainId: chain.id, kind: 'incubation_base', title: '澜沣新能源产业创新孵化基地', description: '面向电池材料与装备初创企业，提供中试线、检测和订单对接。', amountYuan: 50_000_000, smeCount: 12, startedOn: '2025-06-30' });
  }
  const clusterId = await createCluster(db, asGov, { name: '苏州新能源汽车及动力电池先进制造业集群', kind: 'advanced_manufacturing', level: 'national', regionCode: '320500', chainId: chain.id, industry: '新能源汽车、动力电池', recognisedYear: 2024 });
  const registered = (await db.selectFrom('enterprises').select('uscc').where('uscc', 'in', [LEADER, SME]).execute()).map((r) => r.uscc);
  if (registered.length > 0) await addClusterMembers(db, asGov, clusterId, { members: registered.map((uscc) => ({ uscc, role: uscc === LEADER ? 'leader' : 'member' })) });
  await createCluster(db, asGov, { name: '吴中精密零部件中小企业特色产业集群', kind: 'sme_characteristic', level: 'provincial', regionCode: '320506', industry: '精密零部件加工' });
  await createTransferItem(db, asGov, { direction: 'outbound', regionCode: '320500', chainId: chain.id, industryCode: 'C3841', title: '动力电池模组后段组装产能有序转移', description: '引导模组、PACK后段组装产能向省内苏北地区转移，苏州保留研发和电芯制造。', conditions: '承接地需提供标准厂房5万平方米以上' });
  await createTransferItem(db, asGov, { direction: 'inbound', regionCode: '320500', industryCode: 'C3985', title: '承接电池管理芯片设计与封测项目', conditions: '给予研发用房三年租金补贴' });
}
