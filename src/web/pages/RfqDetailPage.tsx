import { ArrowLeftOutlined, DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { TERMS_TEXT_MAX, type QuoteView, type RfqView } from '../../contracts/deals';
import { FileLinks, FileUploadButton } from '../components/Attachments';
import { MatchNav } from '../components/MatchNav';
import { RfqStatusTag, Yuan } from '../components/MatchStageTag';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { applyProblemToForm, errorMessage } from '../lib/problem';
import { comparisonExportUrl, useAward, useRfq, useRfqQuotes, useSubmitQuote } from '../queries/deals';

interface QuoteForm {
  priceYuan: number;
  leadTimeDays: number;
  moq?: string;
  terms?: string;
}

/** The invited supplier's own sealed quote: a form until the deadline, then the quote as sent and whether it won. */
function SupplierQuote({ rfq }: { rfq: RfqView }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const submit = useSubmitQuote(rfq.id);
  const [form] = Form.useForm<QuoteForm>();
  const mine = rfq.myQuote;
  const isOpen = rfq.status === 'open' && rfq.isSealed;
  if (!isOpen) {
    return (
      <Card title={t('deals.quote.title')} data-testid="supplier-quote">
        <Alert type="info" showIcon message={t('deals.quote.closed')} style={{ marginBottom: 16 }} />
        {mine ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('deals.quote.price')}><Yuan fen={mine.priceFen} /></Descriptions.Item>
            <Descriptions.Item label={t('deals.quote.leadTime')}>{mine.leadTimeDays}</Descriptions.Item>
            <Descriptions.Item label={t('deals.quote.moq')}>{mine.moq || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('deals.quote.terms')}>{mine.terms || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('deals.files.title')}>
              <FileLinks files={mine.files} hrefOf={(f) => `/rfqs/${rfq.id}/quotes/${mine.id}/files/${f.id}`} />
            </Descriptions.Item>
            {rfq.status === 'awarded' && (
              <Descriptions.Item label={t('deals.rfq.status.awarded')}>{mine.isAwarded ? <Tag color="green">{t('deals.rfq.awarded')}</Tag> : <Tag>{t('deals.quote.lost')}</Tag>}</Descriptions.Item>
            )}
          </Descriptions>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    );
  }
  return (
    <Card title={t('deals.quote.title')} data-testid="supplier-quote" extra={<Typography.Text type="secondary"><LockOutlined /> {t('deals.rfq.sealed')}</Typography.Text>}>
      {mine && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t('deals.quote.submitted')} description={`${t('deals.quote.submittedAt')} ${formatDateTime(lang, mine.updatedAt)}`} data-testid="quote-submitted" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={mine ? { priceYuan: mine.priceFen / 100, leadTimeDays: mine.leadTimeDays, moq: mine.moq, terms: mine.terms } : undefined}
        onFinish={(v) =>
          submit.mutate(
            { priceFen: Math.round(v.priceYuan * 100), leadTimeDays: v.leadTimeDays, moq: v.moq || undefined, terms: v.terms || undefined },
            {
              onSuccess: () => message.success(t('deals.quote.submitted')),
              onError: (err) => {
                applyProblemToForm(form, err, { controls: ['leadTimeDays', 'moq', 'terms'] });
                message.error(errorMessage(err, t));
              },
            },
          )
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="priceYuan" label={t('deals.quote.price')} rules={[{ required: true, message: t('common.required', { field: t('deals.quote.price') }) }]}>
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="quote-price" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leadTimeDays" label={t('deals.quote.leadTime')} rules={[{ required: true, message: t('common.required', { field: t('deals.quote.leadTime') }) }]}>
              <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} data-testid="quote-lead-time" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="moq" label={t('deals.quote.moq')}>
          <Input maxLength={100} data-testid="quote-moq" />
        </Form.Item>
        <Form.Item name="terms" label={t('deals.quote.terms')}>
          <Input.TextArea rows={3} maxLength={TERMS_TEXT_MAX} placeholder={t('deals.quote.termsHint')} data-testid="quote-terms" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="quote-submit">
          {mine ? t('deals.quote.revise') : t('deals.quote.submit')}
        </Button>
      </Form>
      {mine && (
        <div style={{ marginTop: 24 }} data-testid="quote-files">
          <Typography.Title level={5}>{t('deals.files.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('deals.files.hint')}</Typography.Paragraph>
          <Space direction="vertical">
            <FileLinks files={mine.files} hrefOf={(f) => `/rfqs/${rfq.id}/quotes/${mine.id}/files/${f.id}`} />
            <FileUploadButton path={`/rfqs/${rfq.id}/quote-files`} testId="quote-file-upload" />
          </Space>
        </div>
      )}
    </Card>
  );
}

/** Quotes side by side (one column per supplier, cheapest first) with the award button for the buyer. */
function Comparison({ rfq }: { rfq: RfqView }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const quotes = useRfqQuotes(rfq.id);
  const award = useAward(rfq.id);
  if (quotes.error) return <ProblemAlert error={quotes.error} />;
  const items = quotes.data?.items ?? [];
  if (rfq.isSealed) {
    return (
      <Card title={t('deals.rfq.comparison')} data-testid="rfq-sealed">
        <Alert type="warning" showIcon icon={<LockOutlined />} message={t('deals.rfq.sealed')} description={t('deals.rfq.sealedHint')} />
      </Card>
    );
  }
  const lowest = Math.min(...items.map((q) => q.priceFen));
  const canAward = rfq.side === 'buyer' && rfq.status === 'open';
  const rows: { key: string; label: string; cell: (q: QuoteView) => ReactNode }[] = [
    { key: 'price', label: t('deals.quote.price'), cell: (q) => <Typography.Text strong type={q.priceFen === lowest ? 'success' : undefined}><Yuan fen={q.priceFen} /></Typography.Text> },
    { key: 'lead', label: t('deals.quote.leadTime'), cell: (q) => q.leadTimeDays },
    { key: 'moq', label: t('deals.quote.moq'), cell: (q) => q.moq || '—' },
    { key: 'terms', label: t('deals.quote.terms'), cell: (q) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{q.terms || '—'}</Typography.Paragraph> },
    { key: 'files', label: t('deals.files.title'), cell: (q) => <FileLinks files={q.files} hrefOf={(f) => `/rfqs/${rfq.id}/quotes/${q.id}/files/${f.id}`} /> },
    { key: 'at', label: t('deals.quote.submittedAt'), cell: (q) => formatDateTime(lang, q.updatedAt) },
    {
      key: 'award',
      label: '',
      cell: (q) =>
        q.isAwarded ? (
          <Tag color="green" data-testid="quote-awarded">{t('deals.rfq.awarded')}</Tag>
        ) : canAward ? (
          <Popconfirm
            title={t('deals.rfq.awardConfirm', { name: q.supplierName })}
            onConfirm={() => award.mutate({ quoteId: q.id }, { onSuccess: () => message.success(t('deals.action.done')), onError: (err) => message.error(errorMessage(err, t)) })}
          >
            <Button type="primary" size="small" loading={award.isPending} data-testid="quote-award">
              {t('deals.rfq.award')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('deals.rfq.comparison')}
      data-testid="rfq-comparison"
      extra={
        <Button icon={<DownloadOutlined />} href={comparisonExportUrl(rfq.id)} data-testid="rfq-comparison-export">
          {t('deals.export')}
        </Button>
      }
    >
      {items.length === 0 && !quotes.isLoading ? (
        <Empty description={t('deals.rfq.noQuotes')} />
      ) : (
        <Table
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          loading={quotes.isLoading}
          scroll={{ x: 200 + items.length * 220 }}
          dataSource={rows}
          columns={[
            { title: '', dataIndex: 'label', width: 140, fixed: 'left', render: (label: string) => <Typography.Text type="secondary">{label}</Typography.Text> },
            ...items.map((q) => ({ title: <span data-testid="comparison-supplier">{q.supplierName}</span>, key: q.id, width: 220, render: (_: unknown, row: (typeof rows)[number]) => row.cell(q) })),
          ]}
        />
      )}
    </Card>
  );
}

/** 询价详情: the buyer and gov see invitees and, after the deadline, the comparison; an invited supplier its quote form. */
export function RfqDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const lang = useLang();
  const rfq = useRfq(id);
  if (rfq.error) return <ProblemAlert error={rfq.error} />;
  if (!rfq.data) return <Card loading />;
  const r = rfq.data;
  return (
    <div data-testid="rfq-detail-page">
      <MatchNav />
      <PageHeader
        title={
          <Space>
            <Link to={r.side === 'supplier' ? '/matching/feed' : `/matching/needs/${r.needId}`} aria-label={t('matching.detail.back')}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="rfq-title">{r.title}</span>
            <RfqStatusTag rfq={r} />
          </Space>
        }
        subTitle={r.buyerName}
      />
      <Row gutter={16}>
        <Col xs={24} xl={r.side === 'supplier' ? 10 : 8}>
          <Card title={t('deals.rfq.title')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" labelStyle={{ width: 110 }}>
              <Descriptions.Item label={t('deals.field.need')}>
                <Link to={`/matching/needs/${r.needId}`}>{r.needTitle}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('deals.rfq.buyer')}>{r.buyerName}</Descriptions.Item>
              <Descriptions.Item label={t('deals.rfq.deadline')}>
                <span data-testid="rfq-deadline">{formatDateTime(lang, r.deadlineAt)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('deals.rfq.description')}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.description || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {r.invited && (
            <Card title={t('deals.rfq.invitees')} style={{ marginBottom: 16 }} extra={r.quoteCount !== null && <Typography.Text data-testid="rfq-quote-count">{t('deals.rfq.quoteCount', { n: r.quoteCount })}</Typography.Text>}>
              <Space direction="vertical" style={{ width: '100%' }} data-testid="rfq-invitees">
                {r.invited.map((i) => (
                  <Space key={i.uscc} style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text>{i.name}</Typography.Text>
                    {i.hasQuoted ? <Tag color="blue">{t('deals.rfq.hasQuoted')}</Tag> : <Tag>{t('deals.rfq.notQuoted')}</Tag>}
                  </Space>
                ))}
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={r.side === 'supplier' ? 14 : 16}>{r.side === 'supplier' ? <SupplierQuote rfq={r} /> : <Comparison rfq={r} />}</Col>
      </Row>
    </div>
  );
}
