/**
 * The dispatch dashboard (调度驾驶舱) of a region, optionally narrowed to one chain's member
 * enterprises: enterprises by size and tier, chain maps and (for a chain) its weak links, needs
 * published and fulfilled, risk events, tasks; and the same per subordinate region. Every figure
 * carries the web route of the list it counts.
 */
import type { DashboardFigure, DashboardQuery, DashboardRegionRow, DashboardView } from '../../../contracts/workbench.js';
import type { Db } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { businessDate } from '../../platform/dates.js';
import { REGION_ROOT, isRegionCode, isRegionWithin, regionChildren, regionPrefix } from '../../platform/regions.js';
import { getChain } from '../chains/chains.service.js';
import type { SupplyGraphHolder } from '../chains/graph/holder.js';
import { getWeakLinks } from '../chains/weak-links.service.js';
import { countDigitalFigures } from '../assessment/digital.figures.js';
import { countCapitalFigures } from '../capital/capital.figures.js';
import { countInnovationFigures } from '../innovation/innovation.figures.js';
import { countDealFigures } from '../matching/deals.figures.js';
import { countCapacityFigures } from '../chains/capacity.figures.js';
import type { FigureScope } from '../../platform/figures.js';
import * as repo from './dashboard.repo.js';
import { regionNameOf } from './tasks.present.js';

/** What the dashboard reads: the database and (for weak links) the supply graph. */
export interface DashboardDeps {
  db: Db;
  graph: SupplyGraphHolder;
}

/** The region the dashboard shows: the asked one (within scope) or the actor's own. @throws not_found, forbidden, validation_failed */
function dashboardRegion(actor: Actor, region: string | undefined): string {
  if (actor.role !== 'platform_admin' && actor.role !== 'gov') throw new AppError('forbidden', 'Dashboards are for gov users', { userMessage: '数据驾驶舱仅供政府主管部门使用' });
  const own = actor.role === 'gov' ? actor.regionCode ?? REGION_ROOT : REGION_ROOT;
  const code = region ?? own;
  if (code !== REGION_ROOT && !isRegionCode(code)) throw invalid([{ path: 'region', message: `未知的行政区划代码 ${code}` }]);
  if (!isRegionWithin(code, own)) throw notFound('行政区划');
  return code;
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The dashboard of a region (and chain).
 * @throws forbidden for members and experts; not_found for a region outside the scope or an unknown chain;
 *   validation_failed for an unknown region code.
 */
export async function buildDashboard(deps: DashboardDeps, actor: Actor, q: DashboardQuery): Promise<DashboardView> {
  const regionCode = dashboardRegion(actor, q.region);
  const chain = q.chain ? (await getChain(deps.db, actor, q.chain)).chain : undefined;
  const scope: repo.DashboardScope = { prefix: regionPrefix(regionCode), chainId: chain?.id };
  const today = businessDate();
  const region = regionCode === REGION_ROOT ? undefined : regionCode;
  const [enterprises, needs, risk, chains, tasks] = await Promise.all([
    repo.countEnterprises(deps.db, scope), repo.countNeeds(deps.db, scope), repo.countRiskEvents(deps.db, scope), repo.countChains(deps.db, scope), repo.countTasks(deps.db, scope, today),
  ]);
  const figureScope: FigureScope = { regionPrefix: scope.prefix, chainId: scope.chainId };
  const [deals, innovation, capital, digital, capacity] = await Promise.all([
    countDealFigures(deps.db, figureScope), countInnovationFigures(deps.db, figureScope), countCapitalFigures(deps.db, figureScope, today), countDigitalFigures(deps.db, figureScope),
    countCapacityFigures(deps.db, figureScope),
  ]);
  const figures: DashboardFigure[] = [];
  const add = (key: string, group: string, labelZh: string, labelEn: string, value: number, link: string, unit: DashboardFigure['unit'] = 'count') =>
    figures.push({ key, group, labelZh, labelEn, value, link, unit });
  const addRate = (key: string, group: string, labelZh: string, labelEn: string, value: number | null, basis: number, link: string) =>
    figures.push({ key, group, labelZh, labelEn, value: value ?? 0, link, unit: 'percent', basis });
  const enterpriseLink = (extra: Record<string, string> = {}) => (chain ? `/chains/${chain.id}` : `/enterprises${query({ region, ...extra })}`);
  add('enterprises', 'enterprises', '企业总数', 'Enterprises', enterprises.total, enterpriseLink());
  for (const [size, zh, en] of [['large', '大型企业', 'Large'], ['medium', '中型企业', 'Medium'], ['small', '小型企业', 'Small'], ['micro', '微型企业', 'Micro']] as const) {
    add(`size.${size}`, 'enterprises', zh, en, enterprises[size], enterpriseLink({ size }));
  }
  for (const [tag, zh, en] of [['innovative', '创新型中小企业', 'Innovative SMEs'], ['specialized', '专精特新中小企业', 'Specialized SMEs'], ['little_giant', '专精特新“小巨人”', 'Little giants'], ['leader', '链主企业', 'Chain leaders']] as const) {
    add(`tier.${tag}`, 'tiers', zh, en, enterprises[tag], enterpriseLink({ tag }));
  }
  if (chain) {
    const weak = await getWeakLinks({ db: deps.db, graph: deps.graph }, actor, chain.id, { region: regionCode, candidates: 0 });
    const link = `/chains/${chain.id}/weak-links${query({ region })}`;
    add('chain.segments', 'chains', '产业链环节', 'Chain segments', weak.segments.length, `/chains/${chain.id}`);
    for (const [kind, zh, en] of [['break', '断点', 'Break points'], ['blockage', '堵点', 'Blockages'], ['choke', '卡点', 'Choke points']] as const) {
      add(`weak.${kind}`, 'chains', zh, en, weak.items.filter((w) => w.kind === kind).length, link);
    }
  } else {
    add('chains', 'chains', '产业链图谱', 'Chain maps', chains.chains, `/chains${query({ region })}`);
    add('chain.placements', 'chains', '图谱中的企业', 'Enterprises placed on maps', chains.placements, `/chains${query({ region })}`);
  }
  add('needs.published', 'needs', '已发布需求', 'Needs published', needs.published, `/matching${query({ region, status: 'published' })}`);
  add('needs.fulfilled', 'needs', '对接成功需求', 'Needs fulfilled', needs.fulfilled, `/matching${query({ region, status: 'fulfilled' })}`);
  add('needs.submitted', 'needs', '待审核需求', 'Needs awaiting review', needs.submitted, `/matching/review`);
  add('needs.matched', 'needs', '已对接需求', 'Needs matched', deals.needsMatched, `/matching/deals${query({ region })}`);
  add('deals.negotiating', 'deals', '洽谈中', 'In negotiation', deals.negotiating, `/matching/deals${query({ region, stage: 'negotiating' })}`);
  add('deals.count', 'deals', '签约项目', 'Deals signed', deals.deals, `/matching/deals${query({ region, tab: 'deals' })}`);
  add('deals.amount', 'deals', '签约金额', 'Deal amount', deals.dealAmountFen, `/matching/deals${query({ region, tab: 'deals' })}`, 'fen');
  add('challenges.total', 'innovation', '揭榜挂帅榜单', 'Challenges', innovation.challenges, `/challenges${query({ region })}`);
  add('challenges.open', 'innovation', '征集中榜单', 'Open challenges', innovation.challengesOpen, `/challenges${query({ region, status: 'open' })}`);
  add('challenges.awarded', 'innovation', '已揭榜榜单', 'Challenges awarded', innovation.challengesAwarded, `/challenges${query({ region, status: 'awarded' })}`);
  add('resources.count', 'innovation', '开放共享资源', 'Shared resources', innovation.resources, `/resources${query({ region })}`);
  add('resources.bookings', 'innovation', '已批准预约', 'Approved bookings', innovation.bookingsApproved, `/resources${query({ region })}`);
  addRate('resources.sharingRate', 'innovation', '资源对外共享率', 'Resource sharing rate', innovation.sharingRate, innovation.usedMinutes, `/resources${query({ region })}`);
  addRate('payment.onTimeRate', 'capital', '按期付款率', 'Paid on time', capital.onTimeRate, capital.paid, `/finance/practice${query({ region })}`);
  add('payment.overdue', 'capital', '逾期未付笔数', 'Overdue deliveries', capital.overdue, `/finance${query({ region })}`);
  add('payment.overdueAmount', 'capital', '逾期未付金额', 'Overdue amount', capital.overdueFen, `/finance${query({ region })}`, 'fen');
  add('complaints.total', 'capital', '拖欠投诉', 'Payment complaints', capital.complaints, `/finance/complaints${query({ region })}`);
  add('complaints.open', 'capital', '办理中投诉', 'Complaints in progress', capital.complaintsOpen, `/finance/complaints${query({ region, status: 'accepted' })}`);
  add('complaints.resolved', 'capital', '已办结投诉', 'Complaints resolved', capital.complaintsResolved, `/finance/complaints${query({ region, status: 'resolved' })}`);
  add('digital.assessed', 'digital', '完成数字化评估企业', 'Enterprises assessed', digital.assessed, `/assessment${query({ region })}`);
  digital.byLevel.forEach((n, level) => add(`digital.level${level}`, 'digital', `数字化水平${level}级`, `Digital level ${level}`, n, `/assessment${query({ region, level: String(level) })}`));
  const capacityLink = chain ? `/chains/${chain.id}?tab=capacity` : `/capacity${query({ region })}`;
  addRate('capacity.utilisation', 'capacity', `中小企业平均产能利用率（${capacity.month}）`, `SME capacity utilisation (${capacity.month})`, capacity.utilisation === null ? null : Math.round(capacity.utilisation * 1000) / 10, capacity.reporting, capacityLink);
  add('capacity.idle', 'capacity', '产能闲置中小企业', 'SMEs with idle capacity', capacity.idle, chain ? `/chains/${chain.id}?tab=capacity&alert=idle` : `/capacity${query({ region, alert: 'idle' })}`);
  add('risk.potential', 'risk', '潜在风险事件', 'Potential risk events', risk.potential, `/risk${query({ region, status: 'potential' })}`);
  add('risk.confirmed', 'risk', '已确认风险事件', 'Confirmed risk events', risk.confirmed, `/risk${query({ region, status: 'confirmed' })}`);
  add('risk.total', 'risk', '风险事件总数', 'Risk events', risk.total, `/risk${query({ region })}`);
  add('tasks.open', 'tasks', '在办任务', 'Open tasks', tasks.open, '/dispatch');
  add('tasks.overdue', 'tasks', '逾期任务', 'Overdue tasks', tasks.overdue, '/dispatch?view=overdue');

  const subregions = regionChildren(regionCode);
  const counts = await repo.countBySubregion(deps.db, scope, subregions.map((r) => regionPrefix(r.code)));
  const regions: DashboardRegionRow[] = subregions.map((r, i) => ({
    regionCode: r.code, regionName: r.name, enterprises: counts.enterprises[i], specialized: counts.specialized[i], needsPublished: counts.needs[i], riskEvents: counts.risk[i],
    link: `/dashboard${query({ region: r.code, chain: chain?.id })}`,
  }));
  return { regionCode, regionName: regionNameOf(regionCode), chainId: chain?.id ?? null, chainName: chain?.name ?? null, generatedAt: new Date().toISOString(), figures, regions };
}
