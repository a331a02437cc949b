import { Collapse, Empty, Progress, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { EnterpriseMatch } from '../../contracts/matching';
import { sizeKey, useT } from '../i18n';
import { MatchReasons } from './MatchReasons';

/** Ranked candidate enterprises with their score; each opens to "为什么推荐". `extra` adds controls to a row (e.g. its stage and an invite button). */
export function MatchCandidates({ items, canOpenEnterprise, extra }: { items: EnterpriseMatch[]; canOpenEnterprise: boolean; extra?: (m: EnterpriseMatch) => ReactNode }) {
  const t = useT();
  if (items.length === 0) {
    return <Empty description={t('matching.match.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  return (
    <Collapse
      data-testid="match-candidates"
      size="small"
      items={items.map((m, i) => ({
        key: m.uscc,
        label: (
          <div data-testid="match-candidate" style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
            <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', flex: 1, minWidth: 0 }}>
              <Typography.Text strong>{i + 1}.</Typography.Text>
              {canOpenEnterprise ? <Link to={`/enterprises/${m.uscc}`}>{m.name}</Link> : <Typography.Text>{m.name}</Typography.Text>}
              {m.size && <Tag>{t(sizeKey(m.size as Parameters<typeof sizeKey>[0]))}</Tag>}
              <Tag color={m.source === 'offer' ? 'green' : 'default'}>{m.source === 'offer' ? `${t('matching.match.source.offer')}：${m.offerTitle}` : t('matching.match.source.profile')}</Tag>
            </div>
            <Space style={{ flex: 'none' }}>
              {extra && (
                <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} role="presentation">
                  {extra(m)}
                </span>
              )}
              <Typography.Text type="secondary">{t('matching.match.score')}</Typography.Text>
              <Progress type="circle" size={36} percent={Math.round(m.score * 100)} format={(p) => `${p}%`} />
            </Space>
          </div>
        ),
        children: (
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('matching.detail.why')}
            </Typography.Title>
            <MatchReasons reasons={m.reasons} />
          </div>
        ),
      }))}
    />
  );
}
