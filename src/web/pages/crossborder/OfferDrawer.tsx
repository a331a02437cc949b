import { Alert, Button, Col, Descriptions, Drawer, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCountryName } from '../../components/CrossBorderFormFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { useCrossBorderOffer } from '../../queries/cross-border';

/** One language column of the offer: its title and description, or a note that none was given. */
function TextColumn({ lang, title, description }: { lang: 'zh' | 'en'; title: string | null; description: string | null }) {
  const t = useT();
  return (
    <Col xs={24} md={12} data-testid={`xb-offer-${lang}`}>
      <Typography.Text type="secondary">{t(lang === 'zh' ? 'xb.langZh' : 'xb.langEn')}</Typography.Text>
      {title ? (
        <>
          <Typography.Title level={5} lang={lang === 'en' ? 'en' : undefined} style={{ marginTop: 4 }}>{title}</Typography.Title>
          <Typography.Paragraph lang={lang === 'en' ? 'en' : undefined} style={{ whiteSpace: 'pre-wrap' }}>{description}</Typography.Paragraph>
        </>
      ) : (
        <Alert type="warning" showIcon message={t('xb.noEnglishHint')} style={{ marginTop: 4 }} />
      )}
    </Col>
  );
}

/** An offer of the cross-border listings (offers have no page of their own): both languages side by side, capacity and targets. */
export function OfferDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const t = useT();
  const countryName = useCountryName();
  const offer = useCrossBorderOffer(id);
  const o = offer.data;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      width={760}
      title={t('xb.offerDetail')}
      destroyOnHidden
      footer={<Button onClick={onClose} data-testid="xb-offer-close">{t('xb.close')}</Button>}
      data-testid="xb-offer-drawer"
    >
      {offer.error ? <ProblemAlert error={offer.error} /> : null}
      {!o ? (
        offer.isLoading ? <Skeleton active /> : null
      ) : (
        <>
          <Row gutter={24}>
            <TextColumn lang="zh" title={o.title} description={o.description} />
            <TextColumn lang="en" title={o.titleEn} description={o.descriptionEn ?? ''} />
          </Row>
          <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('xb.enterprise')}>
              <Link to={`/enterprises/${o.uscc}`}>{o.enterpriseName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('xb.country')}>{o.targetCountries.map((c) => <Tag key={c}>{countryName(c)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('xb.products')}>{o.products.map((p) => <Tag key={p}>{p}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('xb.capacity')}>{o.capacity || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('xb.leadTime')}>{o.leadTimeDays === null ? '—' : t('xb.days', { n: String(o.leadTimeDays) })}</Descriptions.Item>
            <Descriptions.Item label={t('xb.certifications')}>{o.certifications.length > 0 ? o.certifications.map((c) => <Tag key={c}>{c}</Tag>) : '—'}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
