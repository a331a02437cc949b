import { Tag } from 'antd';
import type { MatchStage, RfqView } from '../../contracts/deals';
import { useLang, useT } from '../i18n';
import { formatNumber } from '../lib/format';

const STAGE_COLORS: Record<MatchStage | 'recommended', string> = { recommended: 'default', invited: 'blue', negotiating: 'gold', deal: 'green', declined: 'default' };

/** The stage of a match (推荐 for a candidate nobody has invited yet). */
export function MatchStageTag({ stage }: { stage: MatchStage | 'recommended' }) {
  const t = useT();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid={`match-stage-${stage}`}>
      {t(`deals.stage.${stage}`)}
    </Tag>
  );
}

/** An RFQ's state as a user reads it: 报价中 until the deadline, then 已截止, 已定标 or 已取消. */
export function RfqStatusTag({ rfq }: { rfq: Pick<RfqView, 'status' | 'isSealed'> }) {
  const t = useT();
  const state = rfq.status === 'open' ? (rfq.isSealed ? 'open' : 'closed') : rfq.status;
  const color = { open: 'blue', closed: 'orange', awarded: 'green', cancelled: 'default' }[state];
  return (
    <Tag color={color} data-testid={`rfq-status-${state}`}>
      {t(`deals.rfq.status.${state}`)}
    </Tag>
  );
}

/** An amount in fen shown in 元 with grouping. */
export function Yuan({ fen }: { fen: number | null | undefined }) {
  const t = useT();
  const lang = useLang();
  if (fen === null || fen === undefined) return <>—</>;
  return <>{t('deals.yuan', { amount: formatNumber(lang, fen / 100, 2) })}</>;
}
