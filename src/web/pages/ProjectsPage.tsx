import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_STATUSES, PROJECT_TYPES, type ProjectImportReport, type ProjectStatus, type ProjectType, type ProjectView } from '../../contracts/projects';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useLang, useT, type MessageKey } from '../i18n';
import { regionScope } from '../lib/access';
import { formatNumber } from '../lib/format';
import { applyProblemToForm } from '../lib/problem';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useChain, useChainList } from '../queries/chains';
import { projectsExportUrl, useCreateProject, useImportProjects, useProjects } from '../queries/projects';

export const projectTypeKey = (type: ProjectType): MessageKey => `workbench.projects.type.${type}`;
export const projectStatusKey = (status: ProjectStatus): MessageKey => `workbench.projects.status.${status}`;
export const TYPE_COLOURS: Record<ProjectType, string> = { fill: 'volcano', secure: 'blue', strengthen: 'green' };

/** 补链固链强链项目库: projects of the user's region and below. */
export function ProjectsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { params, setParam } = useUrlParams();
  const filters = useMemo(() => ({
    region: params.get('region') || undefined,
    chain: params.get('chain') || undefined,
    type: PROJECT_TYPES.find((x) => x === params.get('type')),
    status: PROJECT_STATUSES.find((x) => x === params.get('status')),
  }), [params]);
  const pages = useCursorPages(JSON.stringify(filters));
  const projects = useProjects(filters, { cursor: pages.cursor, limit: 20 });
  const chains = useChainList({}, { limit: 100 });
  const [modal, setModal] = useState<'create' | 'import' | null>(null);
  return (
    <div data-testid="projects-page">
      <PageHeader
        title={t('workbench.projects.title')}
        subTitle={t('workbench.projects.subtitle')}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={projectsExportUrl(filters)} data-testid="projects-export">{t('list.export')}</Button>
            <Button icon={<UploadOutlined />} onClick={() => setModal('import')} data-testid="projects-import">{t('workbench.projects.import')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')} data-testid="project-create">{t('workbench.projects.create')}</Button>
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <Space wrap>
          <RegionCascader scope={regionScope(user)} value={filters.region} onChange={(v) => setParam('region', v)} placeholder={t('workbench.dash.region')} style={{ width: 220 }} />
          <Select allowClear value={filters.chain} onChange={(v) => setParam('chain', v)} placeholder={t('workbench.projects.chain')} style={{ width: 220 }} options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <Select<ProjectType> allowClear value={filters.type} onChange={(v) => setParam('type', v)} placeholder={t('workbench.projects.typeLabel')} style={{ width: 140 }} options={PROJECT_TYPES.map((x) => ({ value: x, label: t(projectTypeKey(x)) }))} />
          <Select<ProjectStatus> allowClear value={filters.status} onChange={(v) => setParam('status', v)} placeholder={t('workbench.projects.statusLabel')} style={{ width: 140 }} options={PROJECT_STATUSES.map((x) => ({ value: x, label: t(projectStatusKey(x)) }))} />
        </Space>
      </Card>
      <Card className="table-card">
        {projects.error ? <ProblemAlert error={projects.error} /> : null}
        <Table<ProjectView>
          data-testid="projects-table"
          rowKey="id"
          loading={projects.isFetching}
          dataSource={projects.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('workbench.projects.empty') }}
          columns={[
            { title: t('workbench.projects.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/projects/${row.id}`}>{name}</Link> },
            { title: t('workbench.projects.typeLabel'), dataIndex: 'type', width: 80, render: (x: ProjectType) => <Tag color={TYPE_COLOURS[x]}>{t(projectTypeKey(x))}</Tag> },
            { title: t('workbench.projects.chainSegment'), key: 'segment', render: (_: unknown, row) => `${row.chainName} · ${row.segmentName}` },
            { title: t('workbench.col.region'), dataIndex: 'regionName', width: 110 },
            { title: t('workbench.projects.investment'), dataIndex: 'investmentFen', width: 130, align: 'right', render: (fen: number) => formatNumber(lang, fen / 1_000_000, 2) },
            { title: t('workbench.projects.statusLabel'), dataIndex: 'status', width: 90, render: (x: ProjectStatus) => t(projectStatusKey(x)) },
            { title: t('workbench.projects.progress'), dataIndex: 'progressPct', width: 140, render: (pct: number) => <Progress percent={pct} size="small" /> },
            { title: t('workbench.projects.next'), key: 'next', width: 200, render: (_: unknown, row) => (row.nextMilestone ? `${row.nextMilestone.title}（${row.nextMilestone.dueOn}）` : '—') },
          ]}
        />
        <CursorPager pages={pages} nextCursor={projects.data?.nextCursor} isFetching={projects.isFetching} />
      </Card>
      {modal === 'create' && <ProjectCreateModal onClose={() => setModal(null)} />}
      {modal === 'import' && <ProjectImportModal onClose={() => setModal(null)} />}
    </div>
  );
}

interface CreateForm {
  name: string;
  type: ProjectType;
  chainId: string;
  segmentKey: string;
  weakLinkKind?: 'break' | 'blockage' | 'choke';
  regionCode?: string;
  investmentWan?: number;
  startsOn?: Dayjs;
  endsOn?: Dayjs;
  usccs?: string;
  milestones?: string;
  description?: string;
}

const lines = (text: string | undefined) => (text ?? '').split(/[\n;；]/).map((s) => s.trim()).filter(Boolean);

function ProjectCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const chainId = Form.useWatch('chainId', form);
  const chains = useChainList({}, { limit: 100 });
  const chain = useChain(chainId ?? '');
  const create = useCreateProject();
  const submit = (v: CreateForm) =>
    create.mutate(
      {
        name: v.name, type: v.type, chainId: v.chainId, segmentKey: v.segmentKey, weakLinkKind: v.weakLinkKind ?? null, regionCode: v.regionCode,
        investmentFen: Math.round((v.investmentWan ?? 0) * 1_000_000), startsOn: v.startsOn?.format('YYYY-MM-DD') ?? null, endsOn: v.endsOn?.format('YYYY-MM-DD') ?? null,
        enterprises: lines(v.usccs).map((uscc, i) => ({ uscc, role: i === 0 ? 'lead' : 'participant' })),
        milestones: lines(v.milestones).map((m) => ({ title: m.slice(0, Math.max(0, m.lastIndexOf('@'))).trim() || m, dueOn: m.slice(m.lastIndexOf('@') + 1).trim() })),
        description: v.description ?? '',
      },
      {
        onSuccess: ({ id }) => {
          onClose();
          void navigate(`/projects/${id}`);
        },
        onError: (error) => applyProblemToForm(form, error, { controls: ['name', 'type', 'chainId', 'segmentKey', 'regionCode', 'investmentFen', 'endsOn', 'enterprises', 'milestones'] }),
      },
    );
  return (
    <Modal title={t('workbench.projects.create')} open width={640} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'project-create-submit' }} destroyOnHidden>
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'fill' }}>
        <Form.Item name="name" label={t('workbench.projects.name')} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input data-testid="project-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="type" label={t('workbench.projects.typeLabel')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} data-testid="project-type" options={PROJECT_TYPES.map((x) => ({ value: x, label: t(projectTypeKey(x)) }))} />
          </Form.Item>
          <Form.Item name="chainId" label={t('workbench.projects.chain')} rules={[{ required: true }]}>
            <Select style={{ width: 220 }} data-testid="project-chain" options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="segmentKey" label={t('workbench.projects.segment')} rules={[{ required: true }]}>
            <Select style={{ width: 180 }} data-testid="project-segment" options={(chainId ? chain.data?.segments ?? [] : []).map((s) => ({ value: s.key, label: s.name }))} />
          </Form.Item>
          <Form.Item name="weakLinkKind" label={t('workbench.projects.weakLink')}>
            <Select allowClear style={{ width: 120 }} options={(['break', 'blockage', 'choke'] as const).map((k) => ({ value: k, label: t(`workbench.projects.weak.${k}`) }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="regionCode" label={t('workbench.col.region')}>
            <RegionCascader scope={regionScope(user)} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="investmentWan" label={t('workbench.projects.investment')}>
            <InputNumber min={0} style={{ width: 160 }} data-testid="project-investment" />
          </Form.Item>
          <Form.Item name="startsOn" label={t('workbench.projects.startsOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endsOn" label={t('workbench.projects.endsOn')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="usccs" label={t('workbench.projects.enterprisesInput')} extra={t('workbench.projects.enterprisesHint')}>
          <Input.TextArea rows={2} data-testid="project-usccs" />
        </Form.Item>
        <Form.Item name="milestones" label={t('workbench.projects.milestones')} extra={t('workbench.projects.milestonesHint')}>
          <Input.TextArea rows={2} data-testid="project-milestones" />
        </Form.Item>
      </Form>
      <ProblemAlert error={create.error} fieldErrors={[]} />
    </Modal>
  );
}

function ProjectImportModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ProjectImportReport | null>(null);
  const upload = useImportProjects();
  const run = (isDryRun: boolean) => file && upload.mutate({ file, isDryRun }, { onSuccess: setReport });
  return (
    <Modal
      title={t('workbench.projects.import')}
      open
      width={720}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose} data-testid="projects-import-close">{t('common.cancel')}</Button>,
        <Button key="dry" disabled={!file} loading={upload.isPending} onClick={() => run(true)} data-testid="projects-import-check">{t('workbench.projects.importCheck')}</Button>,
        <Button key="commit" type="primary" disabled={!report?.isDryRun || report.errors.length > 0 || report.valid === 0} loading={upload.isPending} onClick={() => run(false)} data-testid="projects-import-commit">
          {t('workbench.projects.importCommit')}
        </Button>,
      ]}
    >
      <Alert type="info" showIcon message={t('workbench.projects.importHint')} style={{ marginBottom: 12 }} />
      <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setReport(null); return false; }} onRemove={() => { setFile(null); setReport(null); }}>
        <Button icon={<UploadOutlined />} data-testid="projects-import-file">{t('workbench.projects.importPick')}</Button>
      </Upload>
      <ProblemAlert error={upload.error} />
      {report && (
        <div style={{ marginTop: 12 }} data-testid="projects-import-report">
          <Alert
            type={report.errors.length > 0 ? 'warning' : 'success'}
            showIcon
            message={report.isDryRun ? t('workbench.projects.importDry', { rows: report.rows, valid: report.valid, errors: report.errors.length }) : t('workbench.projects.importDone', { created: report.created })}
          />
          {report.errors.length > 0 && (
            <Table size="small" rowKey={(e) => `${e.row}.${e.path}`} pagination={false} dataSource={report.errors} style={{ marginTop: 8 }}
              columns={[{ title: t('workbench.projects.row'), dataIndex: 'row', width: 70 }, { title: t('workbench.projects.field'), dataIndex: 'path', width: 160 }, { title: t('workbench.projects.error'), dataIndex: 'message' }]} />
          )}
        </div>
      )}
    </Modal>
  );
}
