import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { OVERSEAS_SERVICE_KINDS, type OverseasApplicationView, type OverseasOfferView, type OverseasServiceKind } from '../../../contracts/overseas';
import { CursorPager } from '../../components/CursorPager';
import { useCountryName, useCountryOptions } from '../../components/CrossBorderFormFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT, type MessageKey } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useCurrentUser } from '../../queries/auth';
import type { FieldError } from '../../lib/problem';
import { useApplyOverseasOffer, useCreateOverseasOffer, useDecideOverseasApplication, useOverseasApplications, useOverseasOffer, useOverseasOffers, type OverseasFilters } from '../../queries/overseas';

const PAGE_SIZE = 20;
const STATUS_COLORS = { submitted: 'blue', accepted: 'green', declined: 'red' } as const;
const kindLabel = (k: OverseasServiceKind) => `overseas.kind.${k}` as MessageKey;

/** The filters of the overseas tab (URL parameters). */
export function useOverseasFilters(): OverseasFilters {
  const { params } = useUrlParams();
  return useMemo(() => {
    const kind = params.get('serviceKind');
    return {
      mine: params.get('mine') === 'true' ? ('true' as const) : undefined,
      country: params.get('ocountry') || undefined,
      serviceKind: OVERSEAS_SERVICE_KINDS.includes(kind as OverseasServiceKind) ? (kind as OverseasServiceKind) : undefined,
    };
  }, [params]);
}

/** 出海服务: large firms' offers to take SMEs abroad; firms publish and decide, SMEs apply, gov see the figures. */
export function OverseasOffersTab() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filters = useOverseasFilters();
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useOverseasOffers(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const countries = useCountryOptions();
  const countryName = useCountryName();
  const [isPublishing, setPublishing] = useState(false);
  const [applyingTo, setApplyingTo] = useState<OverseasOfferView>();
  const isLargeMember = user.role === 'member' && user.org?.kind === 'large_enterprise';
  const isSmeMember = user.role === 'member' && user.org?.kind === 'sme';
  const openId = params.get('offer') || undefined;
  const openedOffer = useOverseasOffer(openId);
  const opened = openedOffer.data?.figures ? openedOffer.data : undefined;

  return (
    <div data-testid="overseas-tab">
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select allowClear placeholder={t('overseas.serviceKind')} style={{ width: 160 }} value={filters.serviceKind} onChange={(v) => setParam('serviceKind', v)}
            options={OVERSEAS_SERVICE_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} data-testid="overseas-filter-kind" />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('xb.country')} style={{ width: 200 }} value={filters.country} onChange={(v) => setParam('ocountry', v)} options={countries} data-testid="overseas-filter-country" />
          {user.role === 'member' ? (
            <Select style={{ width: 140 }} value={filters.mine ?? 'all'} onChange={(v) => setParam('mine', v === 'true' ? 'true' : undefined)}
              options={[{ value: 'all', label: t('overseas.all') }, { value: 'true', label: t('overseas.mine') }]} data-testid="overseas-filter-mine" />
          ) : null}
          {isLargeMember ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing(true)} data-testid="overseas-publish">{t('overseas.publish')}</Button>
          ) : null}
        </div>
        <Typography.Text type="secondary">{t('overseas.hint')}</Typography.Text>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<OverseasOfferView>
          data-testid="overseas-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('overseas.empty') }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('xb.listTitle'), key: 'title', width: 300,
              render: (_: unknown, o) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong data-testid="overseas-title">{lang === 'zh' ? o.title : o.titleEn}</Typography.Text>
                  <Typography.Text type="secondary" lang={lang === 'zh' ? 'en' : undefined}>{lang === 'zh' ? o.titleEn : o.title}</Typography.Text>
                </Space>
              ),
            },
            { title: t('overseas.serviceKind'), dataIndex: 'serviceKind', width: 120, render: (k: OverseasServiceKind) => <Tag color="geekblue">{t(kindLabel(k))}</Tag> },
            { title: t('overseas.firm'), dataIndex: 'enterpriseName', width: 200 },
            { title: t('xb.country'), dataIndex: 'targetCountries', width: 180, render: (cs: string[]) => cs.map((c) => <Tag key={c}>{countryName(c)}</Tag>) },
            {
              title: t('overseas.places'), key: 'places', width: 130,
              render: (_: unknown, o) => <span data-testid="overseas-places">{t('overseas.placesValue', { remaining: o.remainingCapacity, capacity: o.capacity })}</span>,
            },
            {
              title: <Tooltip title={t('overseas.figuresHint')}>{t('overseas.figures')}</Tooltip>, key: 'figures', width: 170,
              render: (_: unknown, o) => (o.figures ? <span data-testid="overseas-figures">{t('overseas.figuresValue', { applications: o.figures.applications, pending: o.figures.pending, accepted: o.figures.accepted })}</span> : '—'),
            },
            { title: t('overseas.deadline'), dataIndex: 'deadline', width: 150, render: (d: string, o) => <Space>{d}{!o.isOpen && <Tag>{t('overseas.closed')}</Tag>}</Space> },
            {
              title: t('overseas.actions'), key: 'actions', width: 170, fixed: 'right',
              render: (_: unknown, o) => (
                <Space>
                  {o.myApplication ? <Tag color={STATUS_COLORS[o.myApplication.status]} data-testid="overseas-my-status">{t(`overseas.status.${o.myApplication.status}`)}</Tag> : null}
                  {isSmeMember && !o.myApplication && !o.canManage && o.isOpen ? (
                    <Button size="small" type="primary" onClick={() => setApplyingTo(o)} data-testid="overseas-apply">{t('overseas.apply')}</Button>
                  ) : null}
                  {o.figures ? <Button size="small" onClick={() => setParam('offer', o.id)} data-testid="overseas-applications">{t('overseas.applications')}</Button> : null}
                </Space>
              ),
            },
          ]}
          expandable={{
            expandedRowRender: (o) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.description}</Typography.Paragraph>
                <Typography.Paragraph lang="en" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{o.descriptionEn}</Typography.Paragraph>
              </Space>
            ),
          }}
        />
        <Space style={{ marginTop: 8 }}>
          <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
        </Space>
      </Card>
      {isPublishing && <PublishModal onClose={() => setPublishing(false)} />}
      {applyingTo && <ApplyModal offer={applyingTo} onClose={() => setApplyingTo(undefined)} />}
      <ApplicationsDrawer offer={opened} onClose={() => setParam('offer', undefined)} />
    </div>
  );
}

interface PublishForm {
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
  targetCountries: string[];
  serviceKind: OverseasServiceKind;
  capacity: number;
  deadline: { format: (f: string) => string };
}

const PUBLISH_FIELDS = { controls: ['title', 'titleEn', 'description', 'descriptionEn', 'targetCountries', 'serviceKind', 'capacity', 'deadline'] } as const;

/** The publish form of a large firm: both languages, countries, kind, places, deadline. */
function PublishModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<PublishForm>();
  const create = useCreateOverseasOffer();
  const countries = useCountryOptions();
  const { message } = AntApp.useApp();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  return (
    <Modal open width={720} title={t('overseas.publish')} onCancel={onClose} okText={t('overseas.publishOk')} okButtonProps={{ loading: create.isPending, 'data-testid': 'overseas-publish-ok' }}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await create.mutateAsync({ ...v, deadline: v.deadline.format('YYYY-MM-DD') });
          message.success(t('overseas.published'));
          onClose();
        } catch (err) {
          setUnmatched(applyProblemToForm(form, err, PUBLISH_FIELDS));
        }
      }}
    >
      {create.error ? <ProblemAlert error={create.error} fieldErrors={unmatched} /> : null}
      <Form form={form} layout="vertical" initialValues={{ serviceKind: 'channel', capacity: 5 }} data-testid="overseas-form">
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="title" label={t('overseas.form.title')} rules={[{ required: true }]} style={{ flex: 1 }}><Input data-testid="overseas-form-title" /></Form.Item>
          <Form.Item name="titleEn" label={t('overseas.form.titleEn')} rules={[{ required: true }]} style={{ flex: 1 }}><Input data-testid="overseas-form-title-en" /></Form.Item>
        </Space.Compact>
        <Form.Item name="description" label={t('overseas.form.description')} rules={[{ required: true }]}><Input.TextArea rows={3} data-testid="overseas-form-description" /></Form.Item>
        <Form.Item name="descriptionEn" label={t('overseas.form.descriptionEn')} rules={[{ required: true }]}><Input.TextArea rows={3} data-testid="overseas-form-description-en" /></Form.Item>
        <Form.Item name="targetCountries" label={t('xb.form.countries')} rules={[{ required: true }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={countries} data-testid="overseas-form-countries" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="serviceKind" label={t('overseas.serviceKind')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} options={OVERSEAS_SERVICE_KINDS.map((k) => ({ value: k, label: t(kindLabel(k)) }))} data-testid="overseas-form-kind" />
          </Form.Item>
          <Form.Item name="capacity" label={t('overseas.form.capacity')} rules={[{ required: true }]}><InputNumber min={1} max={1000} style={{ width: 140 }} data-testid="overseas-form-capacity" /></Form.Item>
          <Form.Item name="deadline" label={t('overseas.deadline')} rules={[{ required: true }]}><DatePicker data-testid="overseas-form-deadline" /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** An SME applies with a note. */
function ApplyModal({ offer, onClose }: { offer: OverseasOfferView; onClose: () => void }) {
  const t = useT();
  const apply = useApplyOverseasOffer();
  const [note, setNote] = useState('');
  const { message } = AntApp.useApp();
  return (
    <Modal open title={t('overseas.applyTo', { title: offer.title })} onCancel={onClose} okText={t('overseas.apply')} okButtonProps={{ loading: apply.isPending, 'data-testid': 'overseas-apply-ok' }}
      onOk={() =>
        apply.mutateAsync({ id: offer.id, body: { note } }).then(
          () => {
            message.success(t('overseas.applied'));
            onClose();
          },
          () => undefined,
        )
      }
    >
      {apply.error ? <ProblemAlert error={apply.error} /> : null}
      <Typography.Paragraph type="secondary">{t('overseas.noteHint')}</Typography.Paragraph>
      <Input.TextArea rows={4} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} data-testid="overseas-apply-note" />
    </Modal>
  );
}

/** The applications to an offer: the firm accepts or declines; gov in scope read them. */
function ApplicationsDrawer({ offer, onClose }: { offer: OverseasOfferView | undefined; onClose: () => void }) {
  const t = useT();
  const applications = useOverseasApplications(offer?.id);
  const decide = useDecideOverseasApplication();
  const { message } = AntApp.useApp();
  const run = (id: string, decision: 'accept' | 'decline') =>
    decide.mutateAsync({ id, decision }).then(
      () => message.success(t(decision === 'accept' ? 'overseas.acceptedMsg' : 'overseas.declinedMsg')),
      () => undefined,
    );
  return (
    <Drawer open={offer !== undefined} onClose={onClose} width={820} title={offer ? t('overseas.applicationsOf', { title: offer.title }) : ''} destroyOnHidden
      footer={<Button onClick={onClose} data-testid="overseas-drawer-close">{t('xb.close')}</Button>} data-testid="overseas-drawer">
      {offer?.figures ? (
        <Typography.Paragraph data-testid="overseas-drawer-figures">
          {t('overseas.placesValue', { remaining: offer.remainingCapacity, capacity: offer.capacity })} · {t('overseas.figuresValue', { applications: offer.figures.applications, pending: offer.figures.pending, accepted: offer.figures.accepted })}
        </Typography.Paragraph>
      ) : null}
      {applications.error ? <ProblemAlert error={applications.error} /> : null}
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      <Table<OverseasApplicationView>
        rowKey="id"
        size="small"
        loading={applications.isFetching}
        dataSource={applications.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('overseas.noApplications') }}
        data-testid="overseas-applications-table"
        columns={[
          { title: t('overseas.sme'), dataIndex: 'name', width: 200 },
          { title: t('overseas.note'), dataIndex: 'note', render: (n: string) => <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>{n || '—'}</Typography.Paragraph> },
          { title: t('overseas.appliedAt'), dataIndex: 'createdAt', width: 110, render: (d: string) => new Date(d).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) },
          { title: t('overseas.status'), dataIndex: 'status', width: 100, render: (s: OverseasApplicationView['status']) => <Tag color={STATUS_COLORS[s]} data-testid="overseas-application-status">{t(`overseas.status.${s}`)}</Tag> },
          {
            title: t('overseas.actions'), key: 'actions', width: 150,
            render: (_: unknown, a) => (offer?.canManage && a.status === 'submitted' ? (
              <Space>
                <Button size="small" type="primary" disabled={offer.remainingCapacity === 0} loading={decide.isPending} onClick={() => run(a.id, 'accept')} data-testid="overseas-accept">{t('overseas.accept')}</Button>
                <Button size="small" danger loading={decide.isPending} onClick={() => run(a.id, 'decline')} data-testid="overseas-decline">{t('overseas.decline')}</Button>
              </Space>
            ) : null),
          },
        ]}
      />
    </Drawer>
  );
}
