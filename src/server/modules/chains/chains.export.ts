/** The chain map as an Excel sheet: one row per member, segments without members as a row too. */
import type { ChainDetail, ChainStage, MemberRole, MemberSource } from '../../../contracts/chains.js';
import { type SheetRow, writeWorkbook } from '../../platform/workbook.js';

/** Chinese labels of the sheet (the UI has its own i18n; government staff read the file in Chinese). */
const STAGE_LABELS: Record<ChainStage, string> = { upstream: '上游', midstream: '中游', downstream: '下游' };
const ROLE_LABELS: Record<MemberRole, string> = { leader: '链主', supplier: '配套企业', specialized: '专精特新', little_giant: '专精特新“小巨人”', research: '科研合作' };
const SOURCE_LABELS: Record<MemberSource, string> = { manual: '手工添加', suggestion: '采纳推荐', import: '导入', demo: '演示数据' };

/** The map of {@link ChainDetail} as an `.xlsx` buffer. */
export async function chainWorkbook(map: ChainDetail): Promise<Buffer> {
  const names = new Map(map.segments.map((s) => [s.key, s.name]));
  const rows: SheetRow[] = [];
  for (const segment of map.segments) {
    const base = {
      stage: STAGE_LABELS[segment.stage], segment: segment.name, key: segment.key,
      upstream: segment.upstream.map((k) => names.get(k) ?? k).join('、'), products: segment.products.join('、'),
    };
    if (segment.members.length === 0) {
      rows.push(base);
    }
    for (const m of segment.members) {
      rows.push({
        ...base, name: m.name, uscc: m.uscc, region: m.regionName, industry: m.industryCode, role: ROLE_LABELS[m.role],
        source: SOURCE_LABELS[m.source], confidence: m.confidence === null ? '' : Math.round(m.confidence * 100) / 100,
      });
    }
  }
  return writeWorkbook({
    name: '产业链图谱',
    rows,
    columns: [
      { header: '阶段', key: 'stage', width: 8 },
      { header: '环节', key: 'segment', width: 18 },
      { header: '环节标识', key: 'key', width: 18 },
      { header: '上游环节', key: 'upstream', width: 28 },
      { header: '关键产品', key: 'products', width: 40 },
      { header: '企业名称', key: 'name', width: 34 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '地区', key: 'region', width: 24 },
      { header: '行业代码', key: 'industry', width: 10 },
      { header: '角色', key: 'role', width: 16 },
      { header: '来源', key: 'source', width: 10 },
      { header: '匹配度', key: 'confidence', width: 8 },
    ],
  });
}
