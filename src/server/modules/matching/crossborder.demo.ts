/**
 * Demo cross-border listings: the 苏州 battery leader's needs for its German and Vietnamese
 * projects, and offers of 苏州/无锡 firms exporting to DE, TH, VN and SA — one of each kind
 * without English text so the page shows its fallback. Idempotent (skips when cross-border
 * needs exist).
 */
import type { Db } from '../../db/database.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { MatchingIndex } from './matching.index.js';
import { createNeed, createOffer, transitionNeed, type MatchingDeps } from './matching.service.js';

const LEADER = '91320571MA1P3K7W9A';
const SME = '91320506MA1M2G8K8W';

/** Titles the browser test looks for. */
export const DEMO_XB_NEED_TITLE = '德国储能电站项目本地安装与运维服务商';
export const DEMO_XB_NEED_NO_EN_TITLE = '越南海防工厂注塑结构件本地配套';
export const DEMO_XB_OFFER_TITLE = '精密机加工件出口代工（德国、泰国）';

/** Seed the cross-border listings. */
export async function seedCrossBorderDemo(db: Db): Promise<void> {
  const leader = await db.selectFrom('enterprises').select('id').where('uscc', '=', LEADER).executeTakeFirst();
  if (!leader) return;
  const existing = await db.selectFrom('needs').select('id').where('is_cross_border', '=', true).limit(1).executeTakeFirst();
  if (existing) return;
  const deps: MatchingDeps = { db, index: new MatchingIndex(db) };
  const context = { actor: SYSTEM_ACTOR };
  const deadline = businessDate(new Date(Date.now() + 75 * 86_400_000));
  const needs = [
    {
      title: DEMO_XB_NEED_TITLE, kind: 'service' as const, products: ['储能系统安装', '储能电站运维'], industryCode: 'C3841',
      description: '公司在德国勃兰登堡州的 20MWh 工商业储能项目，寻找具备德国电工资质（VDE）的本地安装和三年运维服务商，可与国内中小企业联合投标。',
      titleEn: 'Local installation and O&M partner for a 20 MWh ESS project in Germany',
      descriptionEn: 'Commercial ESS project in Brandenburg, Germany: we seek a local installer holding VDE qualifications for installation and three years of O&M. Joint bids with Chinese SMEs are welcome.',
      crossBorder: true, targetCountries: ['DE'], deadline,
    },
    {
      title: DEMO_XB_NEED_NO_EN_TITLE, kind: 'supporting' as const, products: ['注塑件', '电池包结构件'], industryCode: 'C2929',
      description: '越南海防工厂电池包塑料结构件年需求约60万件，希望国内配套企业在越南设厂或通过当地合作伙伴就近供货。',
      crossBorder: true, targetCountries: ['VN'], deadline,
    },
    {
      title: '沙特储能项目电芯出口物流与清关服务', kind: 'service' as const, products: ['国际物流', '危险品运输'], industryCode: 'C3841',
      description: '锂电池（UN3480）整柜出口沙特达曼港，需具备危险品海运资质与沙特 SABER 认证代办经验的物流服务商。',
      titleEn: 'Export logistics and customs clearance of Li-ion cells to Saudi Arabia',
      descriptionEn: 'Full-container shipments of UN3480 lithium-ion cells to Dammam; dangerous-goods ocean freight and SABER certification support required.',
      crossBorder: true, targetCountries: ['SA', 'AE'], deadline,
    },
  ];
  for (const need of needs) {
    const { id } = await createNeed(deps, context, { ...need, uscc: LEADER });
    await transitionNeed(deps, context, id, 'submit');
    await transitionNeed(deps, context, id, 'publish');
  }
  const sme = await db.selectFrom('enterprises').select('uscc').where('uscc', '=', SME).executeTakeFirst();
  if (sme) {
    await createOffer(deps, context, {
      uscc: SME, title: DEMO_XB_OFFER_TITLE, products: ['精密机加工件', 'CNC 加工'],
      description: '五轴加工中心 26 台，已为德国、泰国客户批量供货；可按 DIN/ISO 图纸加工，提供 PPAP 文件与 EXW/FOB 报价。',
      titleEn: 'Precision machined parts for export (Germany, Thailand)',
      descriptionEn: '26 five-axis machining centres; serial supply to customers in Germany and Thailand; DIN/ISO drawings, PPAP documents, EXW/FOB quotes.',
      capacity: '年加工 80 万件', leadTimeDays: 25, crossBorder: true, targetCountries: ['DE', 'TH'],
    });
  }
  const wuxi = await db.selectFrom('enterprises').select(['uscc', 'name', 'products']).where('region_code', 'like', '3202%').where('size', 'in', ['small', 'medium']).orderBy('uscc').limit(1).executeTakeFirst();
  if (wuxi && wuxi.products.length > 0) {
    await createOffer(deps, context, {
      uscc: wuxi.uscc, title: `${wuxi.products[0]}出口东南亚及中东`, products: wuxi.products.slice(0, 3),
      description: `${wuxi.name}可向越南、泰国、沙特客户供货，支持小批量试单与当地代理商对接。`,
      crossBorder: true, targetCountries: ['VN', 'TH', 'SA'],
    });
  }
}
