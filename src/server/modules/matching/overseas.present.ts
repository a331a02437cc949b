/** Overseas offers and applications → API shapes, and the offers workbook. */
import type { OverseasApplicationView, OverseasOfferView, OverseasServiceKind } from '../../../contracts/overseas.js';
import { businessDate } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import type { OverseasApplicationRecord } from './overseas.repo.js';
import type { OverseasOfferSight } from './overseas.service.js';

/** An offer as the caller may see it (figures only where `canSeeFigures`). */
export function presentOverseasOffer(sight: OverseasOfferSight): OverseasOfferView {
  const o = sight.offer;
  const remainingCapacity = o.capacity - o.acceptedCount;
  return {
    id: o.id, uscc: o.uscc, enterpriseName: o.enterpriseName, regionCode: o.regionCode, title: o.title, titleEn: o.titleEn, description: o.description, descriptionEn: o.descriptionEn,
    targetCountries: o.targetCountries, serviceKind: o.serviceKind as OverseasServiceKind, capacity: o.capacity, acceptedCount: o.acceptedCount, remainingCapacity,
    deadline: o.deadline, isOpen: businessDate() <= o.deadline && remainingCapacity > 0, canManage: sight.canManage,
    figures: sight.canSeeFigures ? { applications: o.applications, pending: o.pending, accepted: o.acceptedCount, declined: o.declined, remainingCapacity } : null,
    myApplication: sight.myApplication ? { id: sight.myApplication.id, status: sight.myApplication.status as 'submitted' | 'accepted' | 'declined' } : null,
    createdAt: o.createdAt.toISOString(),
  };
}

/** An application (the caller may see it: checked by the service). */
export function presentOverseasApplication(a: OverseasApplicationRecord): OverseasApplicationView {
  return {
    id: a.id, offerId: a.offerId, offerTitle: a.offerTitle, offerTitleEn: a.offerTitleEn, firmUscc: a.firmUscc, firmName: a.firmName, uscc: a.uscc, name: a.name, regionCode: a.regionCode,
    note: a.note, status: a.status as OverseasApplicationView['status'], decisionNote: a.decisionNote, decidedAt: a.decidedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString(),
  };
}

const KIND_LABELS: Record<OverseasServiceKind, string> = { channel: '出海渠道 Channel', warehouse: '海外仓 Warehouse', certification: '认证辅导 Certification', joint_bid: '联合投标 Joint bidding' };
const COUNTRY_NAMES = new Intl.DisplayNames(['zh-CN'], { type: 'region' });

/** The offers as a workbook, Chinese and English side by side; figures where the caller may see them. */
export async function overseasOffersWorkbook(items: OverseasOfferView[]): Promise<Buffer> {
  return writeWorkbook({
    name: '出海服务 Overseas services',
    columns: [
      { header: '编号 ID', key: 'id', width: 8 },
      { header: '标题', key: 'title', width: 34 },
      { header: 'Title (English)', key: 'titleEn', width: 38 },
      { header: '服务类型 Kind', key: 'kind', width: 22 },
      { header: '发布企业 Firm', key: 'firm', width: 30 },
      { header: '所在地 Region', key: 'region', width: 24 },
      { header: '目标国家/地区 Countries', key: 'countries', width: 30 },
      { header: '名额 Capacity', key: 'capacity', width: 10 },
      { header: '已接受 Accepted', key: 'accepted', width: 10 },
      { header: '剩余名额 Remaining', key: 'remaining', width: 10 },
      { header: '申请数 Applications', key: 'applications', width: 12 },
      { header: '待处理 Pending', key: 'pending', width: 10 },
      { header: '截止日 Deadline', key: 'deadline', width: 12 },
      { header: '描述', key: 'description', width: 50 },
      { header: 'Description (English)', key: 'descriptionEn', width: 50 },
    ],
    rows: items.map((o) => ({
      id: Number(o.id), title: o.title, titleEn: o.titleEn, kind: KIND_LABELS[o.serviceKind], firm: o.enterpriseName, region: regionFullName(o.regionCode) ?? o.regionCode,
      countries: o.targetCountries.map((c) => `${c} ${COUNTRY_NAMES.of(c) ?? ''}`.trim()).join('；'), capacity: o.capacity, accepted: o.acceptedCount, remaining: o.remainingCapacity,
      applications: o.figures?.applications ?? '', pending: o.figures?.pending ?? '', deadline: o.deadline, description: o.description, descriptionEn: o.descriptionEn,
    })),
  });
}
