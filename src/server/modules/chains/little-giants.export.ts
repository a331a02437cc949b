import { TAG_LABELS, type EnterpriseTag } from '../../../contracts/enterprises.js';
import type { LittleGiantsResponse } from '../../../contracts/supply.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';

const TIER_LABELS = { little_giant: '专精特新“小巨人”', specialized: '专精特新中小企业' } as const;

/** The 小巨人 chain map as a workbook: one sheet by segment, one of the SMEs supplying leaders. */
export async function littleGiantsWorkbook(map: LittleGiantsResponse): Promise<Buffer> {
  const bySegment = {
    name: '环节专精特新',
    columns: [
      { header: '环节', key: 'segment', width: 18 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '企业名称', key: 'name', width: 36 },
      { header: '地区', key: 'region', width: 24 },
      { header: '梯度', key: 'tier', width: 18 },
      { header: '配套链主', key: 'leaders', width: 48 },
    ],
    rows: map.segments.flatMap((s) => s.enterprises.map((e) => ({
      segment: s.segmentName, uscc: e.uscc, name: e.name, region: regionFullName(e.regionCode) ?? e.regionCode, tier: TIER_LABELS[e.tier],
      leaders: e.suppliesLeaders.map((l) => `${l.name}（${l.products.join('、')}）`).join('；'),
    }))),
  };
  const suppliers = {
    name: '链主配套中小企业',
    columns: [
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '企业名称', key: 'name', width: 36 },
      { header: '地区', key: 'region', width: 24 },
      { header: '已认定梯度', key: 'tags', width: 28 },
      { header: '配套链主数', key: 'count', width: 12 },
      { header: '配套链主', key: 'leaders', width: 48 },
      { header: '供应产品', key: 'products', width: 36 },
    ],
    rows: map.leaderSuppliers.map((e) => ({
      uscc: e.uscc, name: e.name, region: regionFullName(e.regionCode) ?? e.regionCode,
      tags: e.tags.filter((t): t is EnterpriseTag => t in TAG_LABELS).map((t) => TAG_LABELS[t]).join('、'),
      count: e.leaders.length, leaders: e.leaders.map((l) => l.name).join('；'), products: e.products.join('、'),
    })),
  };
  return writeWorkbook(bySegment, suppliers);
}
