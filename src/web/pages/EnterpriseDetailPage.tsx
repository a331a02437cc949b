import { ArrowLeftOutlined, EditOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Certification, Contact, EnterpriseDetail, Financials } from '../../contracts/enterprises';
import { EnterpriseEditDrawer } from '../components/EnterpriseEditDrawer';
import { EnterpriseHistory } from '../components/EnterpriseHistory';
import { EnterpriseTags } from '../components/EnterpriseTags';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RiskScoreCard } from '../components/RiskScoreCard';
import { SizeLabel } from '../components/SizeLabel';
import { useLang, useT } from '../i18n';
import { isApiStatus } from '../api';
import { canEditEnterprise, canManageEnterprises, regionScope } from '../lib/access';
import { addDays, formatDateTime, formatNumber, todayInShanghai } from '../lib/format';
import { findLabels } from '../lib/tree';
import { useCurrentUser } from '../queries/auth';
import { useEnterprise } from '../queries/enterprises';
import { useRegionTree } from '../queries/reference';

/** Certificates expiring within this many days are flagged. */
const EXPIRY_WARNING_DAYS = 90;

/** One enterprise: profile, certifications, restricted data when visible, edit drawer and history. */
export function EnterpriseDetailPage() {
  const t = useT();
  const { uscc = '' } = useParams();
  const user = useCurrentUser();
  const enterprise = useEnterprise(uscc);
  const [isEditing, setEditing] = useState(false);
  const backLink = canManageEnterprises(user) ? (
    <Link to="/enterprises">
      <Button icon={<ArrowLeftOutlined />}>{t('ent.backToList')}</Button>
    </Link>
  ) : null;

  if (enterprise.isPending) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  if (isApiStatus(enterprise.error, 404) || isApiStatus(enterprise.error, 403)) {
    return <Result status="404" title={t('ent.notFound')} extra={backLink} data-testid="enterprise-not-found" />;
  }
  if (enterprise.error) {
    return <ProblemAlert error={enterprise.error} />;
  }
  const detail = enterprise.data;
  const canEdit = canEditEnterprise(user, detail.uscc);

  return (
    <div data-testid="enterprise-detail">
      <PageHeader
        title={detail.name}
        subTitle={<EnterpriseTags tags={detail.tags} />}
        extra={
          <>
            {backLink}
            {canEdit && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-enterprise-button">
                {t('common.edit')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <ProfileCard detail={detail} />
          <CertificationsCard certifications={detail.certifications} />
          {detail.restricted ? <RestrictedCard contacts={detail.restricted.contacts} financials={detail.restricted.financials} /> : null}
        </Col>
        <Col xs={24} xl={8}>
          <RiskScoreCard uscc={detail.uscc} />
          <Card title={t('ent.history')} className="detail-card">
            <EnterpriseHistory uscc={detail.uscc} />
          </Card>
        </Col>
      </Row>
      {canEdit && (
        <EnterpriseEditDrawer
          enterprise={detail}
          open={isEditing}
          onClose={() => setEditing(false)}
          canEditTags={canManageEnterprises(user)}
          regionScope={regionScope(user)}
        />
      )}
    </div>
  );
}

function ProfileCard({ detail }: { detail: EnterpriseDetail }) {
  const t = useT();
  const lang = useLang();
  const regions = useRegionTree();
  const regionFullName = useMemo(() => {
    const labels = findLabels(regions.data ?? [], detail.regionCode);
    return labels.length > 0 ? labels.join(' / ') : detail.regionName;
  }, [regions.data, detail.regionCode, detail.regionName]);

  return (
    <Card className="detail-card">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        bordered
        size="small"
        className="detail-descriptions"
        data-testid="enterprise-descriptions"
        items={[
          { key: 'name', label: t('ent.name'), children: detail.name, span: 2 },
          { key: 'uscc', label: t('ent.uscc'), children: <span className="mono">{detail.uscc}</span> },
          { key: 'region', label: t('ent.region'), children: regionFullName },
          {
            key: 'industry',
            label: t('ent.industry'),
            children: (
              <>
                <span className="mono muted">{detail.industryCode}</span> {detail.industryName}
              </>
            ),
          },
          {
            key: 'size',
            label: t('ent.size'),
            children: <SizeLabel size={detail.size} basis={detail.sizeBasis} />,
          },
          { key: 'tags', label: t('ent.tags'), children: <EnterpriseTags tags={detail.tags} />, span: 2 },
          {
            key: 'products',
            label: t('ent.products'),
            span: 2,
            children:
              detail.products.length > 0 ? (
                <span className="tag-list">
                  {detail.products.map((product) => (
                    <Tag key={product}>{product}</Tag>
                  ))}
                </span>
              ) : (
                <span className="muted">{t('common.none')}</span>
              ),
          },
          {
            key: 'capabilities',
            label: t('ent.capabilities'),
            span: 2,
            children: detail.capabilities ? (
              <Typography.Paragraph className="pre-line" ellipsis={{ rows: 6, expandable: true }}>
                {detail.capabilities}
              </Typography.Paragraph>
            ) : (
              <span className="muted">{t('common.none')}</span>
            ),
          },
          { key: 'updatedAt', label: t('ent.updatedAt'), children: formatDateTime(lang, detail.updatedAt) },
          { key: 'createdAt', label: t('ent.createdAt'), children: formatDateTime(lang, detail.createdAt) },
        ]}
      />
    </Card>
  );
}

function CertificationsCard({ certifications }: { certifications: Certification[] }) {
  const t = useT();
  const today = todayInShanghai();
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const expiredCount = certifications.filter((certification) => certification.expiresOn && certification.expiresOn < today).length;
  return (
    <Card title={t('ent.certifications')} className="detail-card">
      {expiredCount > 0 ? <Alert type="warning" showIcon className="card-alert" title={`${t('ent.cert.expired')}: ${expiredCount}`} /> : null}
      <Table<Certification>
        data-testid="certifications-table"
        size="small"
        pagination={false}
        rowKey={(row) => `${row.name}:${row.number ?? ''}`}
        dataSource={certifications}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} /> }}
        columns={[
          { title: t('ent.cert.name'), dataIndex: 'name' },
          { title: t('ent.cert.issuer'), dataIndex: 'issuer', render: (value: string | null) => value || '—' },
          { title: t('ent.cert.number'), dataIndex: 'number', render: (value: string | null) => (value ? <span className="mono">{value}</span> : '—') },
          {
            title: t('ent.cert.expiresOn'),
            dataIndex: 'expiresOn',
            render: (value: string | null) => {
              if (!value) {
                return <Tag>{t('ent.cert.noExpiry')}</Tag>;
              }
              if (value < today) {
                return <Tag color="error">{value} · {t('ent.cert.expired')}</Tag>;
              }
              if (value <= soon) {
                return <Tag color="warning">{value} · {t('ent.cert.expiring')}</Tag>;
              }
              return <Tag color="success">{value}</Tag>;
            },
          },
        ]}
      />
    </Card>
  );
}

function RestrictedCard({ contacts, financials }: { contacts: Contact[]; financials: Financials[] }) {
  const t = useT();
  const lang = useLang();
  const money = (value: number | null | undefined) => formatNumber(lang, value);
  const byYear = [...financials].sort((a, b) => b.year - a.year);
  return (
    <Card
      title={
        <span>
          <LockOutlined /> {t('ent.restricted')}
        </span>
      }
      extra={<span className="muted">{t('ent.restrictedHint')}</span>}
      className="detail-card"
      data-testid="restricted-section"
    >
      <Typography.Title level={5}>{t('ent.contacts')}</Typography.Title>
      <Table<Contact>
        size="small"
        pagination={false}
        rowKey={(row) => `${row.name}:${row.phone ?? ''}:${row.email ?? ''}`}
        dataSource={contacts}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('ent.contact.name'), dataIndex: 'name' },
          { title: t('ent.contact.title'), dataIndex: 'title', render: (value: string | null) => value || '—' },
          { title: t('ent.contact.phone'), dataIndex: 'phone', render: (value: string | null) => value || '—' },
          { title: t('ent.contact.email'), dataIndex: 'email', render: (value: string | null) => (value ? <a href={`mailto:${value}`}>{value}</a> : '—') },
        ]}
      />
      <Typography.Title level={5} className="section-title">
        {t('ent.financials')}
      </Typography.Title>
      <Table<Financials>
        data-testid="financials-table"
        size="small"
        pagination={false}
        rowKey="year"
        dataSource={byYear}
        locale={{ emptyText: t('common.none') }}
        columns={[
          { title: t('ent.year'), dataIndex: 'year' },
          { title: t('ent.employees'), dataIndex: 'employees', align: 'right', render: (value: number | null) => formatNumber(lang, value, 0) },
          { title: t('ent.revenue'), dataIndex: 'revenue', align: 'right', render: money },
          { title: t('ent.assets'), dataIndex: 'assets', align: 'right', render: money },
          { title: t('ent.rdSpend'), dataIndex: 'rdSpend', align: 'right', render: money },
        ]}
      />
    </Card>
  );
}
