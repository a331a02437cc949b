import { CheckCircleTwoTone, CloseCircleTwoTone, PlusOutlined, QuestionCircleTwoTone } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, List, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ENTERPRISE_TAGS } from '../../../contracts/enterprises';
import type { EligibilityReason, ProgrammeApplicationView, ProgrammeView } from '../../../contracts/services';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { tagKey, useT } from '../../i18n';
import { errorMessage } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useApplyProgramme, useCreateProgramme, useDecideApplication, useEligibility, useProgramme, useProgrammeApplications, useProgrammeList } from '../../queries/services';

const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toLocaleString()}`);

/** 政策项目: programmes for the user; gov users publish. */
export function ProgrammeListPage() {
  const t = useT();
  const user = useCurrentUser();
  const list = useProgrammeList();
  const [isCreating, setCreating] = useState(false);
  return (
    <div data-testid="programme-list-page">
      <PageHeader
        title={t('services.programmes.title')}
        subTitle={t('services.programmes.subtitle')}
        extra={user.role === 'gov' || user.role === 'platform_admin' ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="programme-create-button">{t('services.programmes.create')}</Button> : null}
      />
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Card>
        <Table<ProgrammeView>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('services.programmes.empty') }}
          columns={[
            { title: t('services.case.title'), dataIndex: 'title', render: (title: string, p) => <Link to={`/programmes/${p.id}`} data-testid="programme-link">{title}</Link> },
            { title: t('services.case.region'), dataIndex: 'regionName', width: 200 },
            { title: t('services.programme.maxAmount'), dataIndex: 'maxAmountFen', width: 160, render: yuan },
            { title: t('services.programme.deadline'), dataIndex: 'deadline', width: 140, render: (d: string, p) => <Space>{d}{!p.isOpen && <Tag>{t('services.programme.closed')}</Tag>}</Space> },
            { title: t('services.programme.applied'), dataIndex: 'myApplicationId', width: 100, render: (a: string | null) => (a ? <Tag color="green">{t('services.programme.applied')}</Tag> : null) },
          ]}
        />
      </Card>
      {isCreating && <ProgrammeCreateModal onClose={() => setCreating(false)} />}
    </div>
  );
}

interface ProgrammeForm {
  title: string;
  description?: string;
  isSmeRequired: boolean;
  tagsAny: string[];
  industryDivisions?: string;
  maxAmountYuan: number;
  deadline: { format: (f: string) => string };
}

function ProgrammeCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ProgrammeForm>();
  const create = useCreateProgramme();
  return (
    <Modal open width={640} title={t('services.programmes.create')} onCancel={onClose} okButtonProps={{ loading: create.isPending }}
      onOk={async () => {
        const v = await form.validateFields();
        const industryDivisions = (v.industryDivisions ?? '').split(/[\s,，、]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
        await create.mutateAsync({ title: v.title, description: v.description, rules: { isSmeRequired: v.isSmeRequired, tagsAny: v.tagsAny as ProgrammeView['rules']['tagsAny'], industryDivisions }, maxAmountYuan: v.maxAmountYuan, deadline: v.deadline.format('YYYY-MM-DD') }).then(onClose, () => undefined);
      }}
    >
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ isSmeRequired: true, tagsAny: [] }}>
        <Form.Item name="title" label={t('services.case.title')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('services.programme.description')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="isSmeRequired" label={t('services.programme.smeOnly')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="tagsAny" label={t('services.programme.tagsAny')}><Select mode="multiple" options={ENTERPRISE_TAGS.map((tag) => ({ value: tag, label: t(tagKey(tag)) }))} /></Form.Item>
        <Form.Item name="industryDivisions" label={t('services.programme.industries')} extra="C38, C34"><Input /></Form.Item>
        <Space>
          <Form.Item name="maxAmountYuan" label={t('services.programme.maxAmount')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="deadline" label={t('services.programme.deadline')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ReasonIcon({ passed }: { passed: boolean | null }) {
  if (passed === true) return <CheckCircleTwoTone twoToneColor="#52c41a" />;
  if (passed === false) return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
  return <QuestionCircleTwoTone twoToneColor="#faad14" />;
}

/** A programme: its rules; for members the eligibility verdict with reasons and the application; for managers the applications to decide. */
export function ProgrammeDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const programme = useProgramme(id);
  const isMember = user.role === 'member' && Boolean(user.org?.uscc);
  const eligibility = useEligibility(id, isMember);
  const applications = useProgrammeApplications(id, Boolean(programme.data?.canManage));
  const apply = useApplyProgramme(id);
  const decide = useDecideApplication();
  const [form] = Form.useForm<{ requestedYuan: number; plan?: string }>();
  if (programme.error) return <ProblemAlert error={programme.error} />;
  if (!programme.data) return <Card loading />;
  const p = programme.data;
  const verdict = eligibility.data;
  return (
    <div data-testid="programme-detail-page">
      <PageHeader title={p.title} subTitle={<Link to="/programmes">{t('services.programmes.title')}</Link>} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('services.case.region')}>{p.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('services.programme.deadline')}>{p.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('services.programme.maxAmount')}>{yuan(p.maxAmountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('services.programme.rules')} span={2}><ul style={{ margin: 0, paddingLeft: 18 }}>{p.rulesText.map((r) => <li key={r}>{r}</li>)}</ul></Descriptions.Item>
        </Descriptions>
        {p.description ? <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph> : null}
      </Card>
      {isMember && (
        <Card title={t('services.programme.eligibility')} style={{ marginBottom: 16 }} data-testid="programme-eligibility">
          {eligibility.error ? <ProblemAlert error={eligibility.error} /> : null}
          {verdict && (
            <>
              <Alert type={verdict.isEligible ? 'success' : 'error'} showIcon data-testid="eligibility-verdict" title={t(verdict.isEligible ? 'services.programme.eligible' : 'services.programme.notEligible', { name: verdict.name })} />
              <List<EligibilityReason> size="small" dataSource={verdict.reasons} data-testid="eligibility-reasons"
                renderItem={(r) => <List.Item><Space><ReasonIcon passed={r.passed} /><span>{r.text}</span><Typography.Text type="secondary">{r.detail}</Typography.Text></Space></List.Item>} />
            </>
          )}
          {p.myApplicationId ? (
            <Alert type="info" showIcon title={t('services.programme.applied')} />
          ) : verdict?.isEligible && p.isOpen ? (
            <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => apply.mutateAsync(v).then(() => message.success(t('services.programme.applied')), (err) => message.error(errorMessage(err, t)))}>
              <Form.Item name="requestedYuan" label={t('services.programme.requested')} rules={[{ required: true }]}><InputNumber min={1} max={p.maxAmountFen / 100} style={{ width: 180 }} data-testid="programme-requested" /></Form.Item>
              <Form.Item name="plan" label={t('services.programme.plan')}><Input style={{ width: 320 }} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="programme-apply">{t('services.programme.apply')}</Button>
            </Form>
          ) : null}
        </Card>
      )}
      {p.canManage && (
        <Card title={t('services.programme.applications')}>
          <Table<ProgrammeApplicationView> rowKey="id" loading={applications.isFetching} dataSource={applications.data?.items ?? []} pagination={false}
            columns={[
              { title: t('services.case.enterprises'), dataIndex: 'name' },
              { title: t('services.programme.requested'), dataIndex: 'requestedFen', width: 140, render: yuan },
              { title: t('services.case.status'), dataIndex: 'status', width: 110, render: (s: string) => t(`services.applicationStatus.${s as 'submitted'}`) },
              { title: t('services.programme.approved'), dataIndex: 'approvedFen', width: 140, render: yuan },
              {
                title: '', key: 'actions', width: 200,
                render: (_: unknown, a) => a.status === 'submitted' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => decide.mutateAsync({ id: a.id, decision: 'approve', approvedYuan: a.requestedFen / 100 }).catch((err) => message.error(errorMessage(err, t)))}>{t('services.programme.approve')}</Button>
                    <Button size="small" danger onClick={() => decide.mutateAsync({ id: a.id, decision: 'reject' }).catch((err) => message.error(errorMessage(err, t)))}>{t('services.programme.reject')}</Button>
                  </Space>
                ) : null,
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
