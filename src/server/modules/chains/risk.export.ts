import { RISK_KIND_LABELS, RISK_SEVERITY_LABELS, RISK_STATUS_LABELS } from '../../../contracts/risk.js';
import { businessDateTime } from '../../platform/dates.js';
import { regionFullName } from '../../platform/regions.js';
import { writeWorkbook } from '../../platform/workbook.js';
import type { RiskEventRecord } from './risk.repo.js';
import type { ImpactView } from './risk.service.js';

/**
 * The impact of an event as a workbook for government staff: the affected enterprises with tier,
 * exposure and path, and the chain segments hit. Holds exactly what the caller saw in the API.
 */
export async function impactWorkbook(event: RiskEventRecord, impact: ImpactView): Promise<Buffer> {
  return writeWorkbook(
    {
      name: '受影响企业',
      preamble: [`${event.title}（${RISK_KIND_LABELS[event.kind as keyof typeof RISK_KIND_LABELS]}，${RISK_SEVERITY_LABELS[event.severity as keyof typeof RISK_SEVERITY_LABELS]}，${RISK_STATUS_LABELS[event.status as keyof typeof RISK_STATUS_LABELS]}）`],
      columns: [
        { header: '统一社会信用代码', key: 'uscc', width: 22 },
        { header: '企业名称', key: 'name', width: 36 },
        { header: '地区', key: 'region', width: 26 },
        { header: '层级', key: 'tier', width: 8 },
        { header: '暴露度', key: 'exposure', width: 10, numFmt: '0.0%' },
        { header: '传导路径', key: 'path', width: 80 },
      ],
      rows: impact.items.map((item) => ({ uscc: item.uscc, name: item.name, region: regionFullName(item.regionCode) ?? item.regionCode, tier: item.tier, exposure: item.exposure, path: item.pathNames.join(' → ') })),
    },
    {
      name: '涉及产业链环节',
      columns: [
        { header: '产业链', key: 'chain', width: 36 },
        { header: '环节', key: 'segment', width: 20 },
        { header: '受影响企业数', key: 'count', width: 14 },
        { header: '最大暴露度', key: 'max', width: 12, numFmt: '0.0%' },
      ],
      rows: impact.chains.map((c) => ({ chain: c.chainName, segment: c.segmentName, count: c.enterprises, max: c.maxExposure })),
    },
  );
}

/** The event list as a workbook (the rows the caller may see, newest first). */
export async function eventsWorkbook(events: readonly RiskEventRecord[]): Promise<Buffer> {
  return writeWorkbook({
    name: '风险事件',
    columns: [
      { header: '事件', key: 'title', width: 40 },
      { header: '类型', key: 'kind', width: 16 },
      { header: '严重程度', key: 'severity', width: 10 },
      { header: '影响状态', key: 'status', width: 10 },
      { header: '对象', key: 'subject', width: 36 },
      { header: '统一社会信用代码', key: 'uscc', width: 22 },
      { header: '地区', key: 'region', width: 26 },
      { header: '发生时间（北京时间）', key: 'occurredAt', width: 20 },
      { header: '信息来源', key: 'source', width: 24 },
    ],
    rows: events.map((e) => ({
      title: e.title,
      kind: RISK_KIND_LABELS[e.kind as keyof typeof RISK_KIND_LABELS],
      severity: RISK_SEVERITY_LABELS[e.severity as keyof typeof RISK_SEVERITY_LABELS],
      status: RISK_STATUS_LABELS[e.status as keyof typeof RISK_STATUS_LABELS],
      subject: e.enterpriseName ?? (e.offPlatformName ? `${e.offPlatformName}（${e.offPlatformCountry}）` : `地区事件：${regionFullName(e.regionCode) ?? e.regionCode}`),
      uscc: e.enterpriseUscc ?? '',
      region: regionFullName(e.regionCode) ?? e.regionCode,
      occurredAt: businessDateTime(e.occurredAt),
      source: e.source,
    })),
  });
}
