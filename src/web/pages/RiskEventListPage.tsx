import { BellOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, SettingOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  RISK_KINDS,
  RISK_SEVERITIES,
  RISK_STATUSES,
  RISK_TEXT_MAX,
  RISK_TITLE_MAX,
  type CreateRiskEventBody,
  type RiskEventSummary,
  type RiskKind,
  type RiskSeverity,
  type RiskStatus,
} from '../../contracts/risk';
import { apiUrl } from '../api';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { RiskKindTag, RiskSeverityTag, RiskStatusTag, riskKindKey, riskSeverityKey, riskStatusKey } from '../components/RiskTags';
import { EnterprisePicker, OffPlatformPicker } from '../components/RiskSubjectPickers';
import { useLang, useT } from '../i18n';
import { canManageEnterprises, regionScope } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useCreateRiskEvent, useRiskEvents, type RiskEventFilters } from '../queries/risk';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['kind', 'severity', 'status', 'region'] as const;

function readFilters(params: URLSearchParams): RiskEventFilters {
  const pick = <T extends string>(key: string, values: readonly T[]) => {
    const value = params.get(key);
    return values.includes(value as T) ? (value as T) : undefined;
  };
  return { kind: pick('kind', RISK_KINDS), severity: pick('severity', RISK_SEVERITIES), status: pick('status', RISK_STATUSES), region: params.get('region') || undefined };
}

/** Who or what an event is on, in one cell. */
export function EventSubject({ event }: { event: RiskEventSummary }) {
  const t = useT();
  if (event.enterprise) {
    return <span>{event.enterprise.name}</span>;
  }
  if (event.offPlatformSupplier) {
    return (
      <span>
        {event.offPlatformSupplier.name}（{event.offPlatformSupplier.countryCode}）
      </span>
    );
  }
  return (
    <span>
      {t('risk.regionEvent')} · {event.regionName}
    </span>
  );
}

/** 风险预警: the events in the user's view, filters in the URL, and the form to record one. */
export function RiskEventListPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { params, setParam, clearParams } = useUrlParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useRiskEvents(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const canRecord = canManageEnterprises(user);

  return (
    <div data-testid="risk-event-list-page">
      <PageHeader
        title={t('risk.title')}
        subTitle={t('risk.subtitle')}
        extra={
          <Space wrap>
            <Link to="/alerts">
              <Button icon={<BellOutlined />}>{t('risk.inbox')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={apiUrl('/risk-events/export', { ...filters })} data-testid="risk-export-button">
              {t('list.export')}
            </Button>
            <Link to="/risk/subscriptions">
              <Button icon={<StarOutlined />} data-testid="risk-subscriptions-link">
                {t('risk.subscriptions')}
              </Button>
            </Link>
            {user.role === 'platform_admin' && (
              <Link to="/risk/settings">
                <Button icon={<SettingOutlined />} data-testid="risk-settings-link">
                  {t('risk.settings')}
                </Button>
              </Link>
            )}
            {canRecord && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="risk-create-button">
                {t('risk.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select<RiskKind>
            data-testid="risk-filter-kind"
            allowClear
            value={filters.kind}
            onChange={(value) => setParam('kind', value)}
            placeholder={t('risk.filter.kind')}
            options={RISK_KINDS.map((kind) => ({ value: kind, label: t(riskKindKey(kind)) }))}
            style={{ width: 160 }}
          />
          <Select<RiskSeverity>
            allowClear
            value={filters.severity}
            onChange={(value) => setParam('severity', value)}
            placeholder={t('risk.filter.severity')}
            options={RISK_SEVERITIES.map((severity) => ({ value: severity, label: t(riskSeverityKey(severity)) }))}
            style={{ width: 120 }}
          />
          <Select<RiskStatus>
            allowClear
            value={filters.status}
            onChange={(value) => setParam('status', value)}
            placeholder={t('risk.filter.status')}
            options={RISK_STATUSES.map((status) => ({ value: status, label: t(riskStatusKey(status)) }))}
            style={{ width: 120 }}
          />
          {user.role !== 'member' && (
            <RegionCascader scope={regionScope(user)} value={filters.region} onChange={(value) => setParam('region', value)} placeholder={t('risk.filter.region')} style={{ width: 220 }} />
          )}
          {FILTER_KEYS.some((key) => params.has(key)) && (
            <Button icon={<ReloadOutlined />} onClick={clearParams}>
              {t('common.reset')}
            </Button>
          )}
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<RiskEventSummary>
          data-testid="risk-event-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('risk.empty') }}
          scroll={{ x: 1080 }}
          columns={[
            {
              title: t('risk.col.title'),
              dataIndex: 'title',
              render: (title: string, row) => (
                <Link to={`/risk/events/${row.id}`} data-testid={`risk-event-link-${row.id}`}>
                  {title}
                </Link>
              ),
            },
            { title: t('risk.col.kind'), dataIndex: 'kind', width: 140, render: (kind: RiskKind) => <RiskKindTag kind={kind} /> },
            { title: t('risk.col.severity'), dataIndex: 'severity', width: 100, render: (severity: RiskSeverity) => <RiskSeverityTag severity={severity} /> },
            { title: t('risk.col.subject'), key: 'subject', width: 260, render: (_: unknown, row) => <EventSubject event={row} /> },
            { title: t('risk.col.region'), dataIndex: 'regionName', width: 190 },
            { title: t('risk.col.occurredAt'), dataIndex: 'occurredAt', width: 150, render: (at: string) => formatDateTime(lang, at) },
            { title: t('risk.col.status'), dataIndex: 'status', width: 100, render: (status: RiskStatus) => <RiskStatusTag status={status} /> },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {canRecord && <RiskEventCreateModal open={isCreating} onClose={() => setCreating(false)} />}
    </div>
  );
}

type SubjectType = 'enterprise' | 'offPlatform' | 'region';
interface CreateForm {
  subjectType: SubjectType;
  uscc?: string;
  offPlatformSupplierId?: string;
  regionCode?: string;
  kind: RiskKind;
  severity: RiskSeverity;
  occurredAt: string;
  title?: string;
  description?: string;
  source?: string;
}

/** `datetime-local` value of now in Beijing time. */
function nowInShanghai(): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date());
  return parts.replace(' ', 'T');
}

/** 登记风险事件: subject (enterprise, off-platform supplier or region), kind, severity, time; opens the event after. */
function RiskEventCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateRiskEvent();
  const subjectType = Form.useWatch('subjectType', form) ?? 'enterprise';

  const submit = (values: CreateForm) => {
    const body: CreateRiskEventBody = {
      kind: values.kind,
      severity: values.severity,
      // The form shows Beijing time; the API takes an instant with its offset.
      occurredAt: `${values.occurredAt}:00+08:00`,
      title: values.title?.trim() || undefined,
      description: values.description?.trim() || undefined,
      source: values.source?.trim() || undefined,
      ...(values.subjectType === 'enterprise' ? { uscc: values.uscc } : values.subjectType === 'offPlatform' ? { offPlatformSupplierId: values.offPlatformSupplierId } : { regionCode: values.regionCode }),
    };
    create.mutate(body, {
      onSuccess: ({ id }) => {
        onClose();
        form.resetFields();
        void navigate(`/risk/events/${id}`);
      },
    });
  };

  return (
    <Modal
      title={t('risk.create')}
      open={open}
      onCancel={onClose}
      width={640}
      okText={t('risk.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'risk-create-submit' }}
      destroyOnHidden
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ subjectType: 'enterprise', kind: 'shutdown', severity: 'high', occurredAt: nowInShanghai() }}
        data-testid="risk-create-form"
      >
        <Form.Item name="subjectType" label={t('risk.form.subjectType')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'enterprise', label: t('risk.form.subject.enterprise') },
              { value: 'offPlatform', label: t('risk.form.subject.offPlatform') },
              { value: 'region', label: t('risk.form.subject.region') },
            ]}
          />
        </Form.Item>
        {subjectType === 'enterprise' && (
          <Form.Item name="uscc" label={t('risk.form.enterprise')} rules={[{ required: true, message: t('common.required', { field: t('risk.form.enterprise') }) }]}>
            <EnterprisePicker data-testid="risk-form-enterprise" placeholder={t('risk.form.enterprisePlaceholder')} />
          </Form.Item>
        )}
        {subjectType === 'offPlatform' && (
          <Form.Item name="offPlatformSupplierId" label={t('risk.form.offPlatform')} rules={[{ required: true, message: t('common.required', { field: t('risk.form.offPlatform') }) }]}>
            <OffPlatformPicker data-testid="risk-form-off-platform" placeholder={t('risk.form.offPlatformPlaceholder')} />
          </Form.Item>
        )}
        {subjectType === 'region' && (
          <>
            <Alert type="info" showIcon title={t('risk.form.regionHint')} style={{ marginBottom: 12 }} />
            <Form.Item name="regionCode" label={t('risk.form.region')} rules={[{ required: true, message: t('common.required', { field: t('risk.form.region') }) }]}>
              <RegionCascader scope={regionScope(user)} placeholder={t('risk.form.region')} />
            </Form.Item>
          </>
        )}
        <Space size="large" wrap>
          <Form.Item name="kind" label={t('risk.form.kind')} rules={[{ required: true }]}>
            <Select<RiskKind>
              data-testid="risk-form-kind"
              style={{ width: 180 }}
              options={RISK_KINDS.filter((kind) => subjectType !== 'region' || kind === 'disaster' || kind === 'logistics').map((kind) => ({ value: kind, label: t(riskKindKey(kind)) }))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('risk.form.severity')} rules={[{ required: true }]}>
            <Radio.Group data-testid="risk-form-severity" optionType="button" options={RISK_SEVERITIES.map((severity) => ({ value: severity, label: t(riskSeverityKey(severity)) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="occurredAt" label={t('risk.form.occurredAt')} rules={[{ required: true, message: t('common.required', { field: t('risk.form.occurredAt') }) }]}>
          <Input type="datetime-local" style={{ width: 240 }} data-testid="risk-form-occurred-at" />
        </Form.Item>
        <Form.Item name="title" label={t('risk.form.title')}>
          <Input maxLength={RISK_TITLE_MAX} placeholder={t('risk.form.titlePlaceholder')} data-testid="risk-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('risk.form.description')}>
          <Input.TextArea rows={3} maxLength={RISK_TEXT_MAX} />
        </Form.Item>
        <Form.Item name="source" label={t('risk.form.source')}>
          <Input maxLength={RISK_TITLE_MAX} placeholder={t('risk.form.sourcePlaceholder')} />
        </Form.Item>
      </Form>
      {create.error ? <ProblemAlert error={create.error} /> : null}
    </Modal>
  );
}
