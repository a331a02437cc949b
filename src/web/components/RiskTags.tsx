import { Tag } from 'antd';
import type { RiskKind, RiskLevel, RiskSeverity, RiskStatus } from '../../contracts/risk';
import { useT, type MessageKey } from '../i18n';

export const riskKindKey = (kind: RiskKind): MessageKey => `risk.kind.${kind}`;
export const riskSeverityKey = (severity: RiskSeverity): MessageKey => `risk.severity.${severity}`;
export const riskStatusKey = (status: RiskStatus): MessageKey => `risk.status.${status}`;
export const riskLevelKey = (level: RiskLevel): MessageKey => `risk.score.level.${level}`;

const SEVERITY_COLOURS: Record<RiskSeverity, string> = { low: 'blue', medium: 'gold', high: 'orange', critical: 'red' };
const STATUS_COLOURS: Record<RiskStatus, string> = { potential: 'processing', confirmed: 'error', no_impact: 'default', recovered: 'success' };
export const LEVEL_COLOURS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };

export function RiskKindTag({ kind }: { kind: RiskKind }) {
  const t = useT();
  return <Tag>{t(riskKindKey(kind))}</Tag>;
}

export function RiskSeverityTag({ severity }: { severity: RiskSeverity }) {
  const t = useT();
  return <Tag color={SEVERITY_COLOURS[severity]}>{t(riskSeverityKey(severity))}</Tag>;
}

export function RiskStatusTag({ status }: { status: RiskStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="risk-status">
      {t(riskStatusKey(status))}
    </Tag>
  );
}

/** Exposure 0..1 as a percentage with one decimal where it matters. */
export function formatExposure(exposure: number): string {
  const percent = exposure * 100;
  return `${percent >= 10 ? Math.round(percent) : percent.toFixed(1)}%`;
}
