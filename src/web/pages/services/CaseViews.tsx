import { Descriptions, Space, Tag, Typography } from 'antd';
import type { CaseStatus, CaseView } from '../../../contracts/services';
import { FileLinks } from '../../components/Attachments';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';

const STATUS_COLORS: Record<CaseStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', published: 'success' };

/** A case's workflow state as a coloured tag. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]} data-testid="case-status">{t(`services.status.${status}`)}</Tag>;
}

/** The body of a case (signed-in and public pages alike): facts, enterprises, summary, results, media. */
export function CaseArticle({ item, fileBase }: { item: CaseView; fileBase: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="case-article">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('services.case.model')}>{t(`services.model.${item.model}`)}</Descriptions.Item>
        <Descriptions.Item label={t('services.case.region')}>{item.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('services.case.chain')}>{item.chainName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('services.case.publishedAt')}>{item.publishedAt ? formatDateTime(lang, item.publishedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('services.case.enterprises')} span={2}>
          <Space wrap size={[8, 4]} data-testid="case-enterprises">
            {item.enterprises.map((e) => (
              <Tag key={e.uscc} color={e.role === 'leader' ? 'blue' : e.role === 'sme' ? 'green' : 'default'}>
                {e.name} · {t(`services.role.${e.role}`)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('services.case.summary')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-summary">{item.summary}</Typography.Paragraph>
      </div>
      <div>
        <Typography.Title level={5}>{t('services.case.results')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-results">{item.results || '—'}</Typography.Paragraph>
      </div>
      <div>
        <Typography.Title level={5}>{t('services.case.files')}</Typography.Title>
        <FileLinks files={item.files} hrefOf={(f) => `${fileBase}/${f.id}`} />
      </div>
    </Space>
  );
}
