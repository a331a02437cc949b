import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tabs, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ConsortiumSummary, ConsortiumView, JointProjectView } from '../../../contracts/consortia';
import type { GreenCriterionView, IndicatorView } from '../../../contracts/green';
import type { PatentView, SegmentCoverage, StandardView } from '../../../contracts/ip';
import { apiUrl } from '../../api';
import { DashboardChart } from '../../components/DashboardChart';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { applyProblemToForm, errorMessage } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useChainList } from '../../queries/chains';
import { useChallengeList } from '../../queries/innovation';
import {
  useChainGreen, useConsortia, useConsortium, useConsortiumWrites, useGreenCriteria, useIndicators, usePatentCoverage, usePatents, useStandards,
} from '../../queries/collab';
import { CandidatePicker, ConsortiumFormModal, useInviteRoleOptions } from './ConsortiumFormModal';

const WAN = 1_000_000;
const wan = (fen: number) => (fen / WAN).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** 创新联合体: the consortia the user sees; members form one their enterprise leads. */
export function ConsortiumListPage() {
  const t = useT();
  const user = useCurrentUser();
  const [q, setQ] = useState('');
  const list = useConsortia(q);
  const [isCreating, setIsCreating] = useState(false);
  return (
    <div data-testid="consortium-list-page">
      <PageHeader
        title={t('collab.menu.consortia')}
        subTitle={t('collab.consortia.subtitle')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={apiUrl('/consortia/export', { q: q || undefined })} data-testid="consortium-export">{t('collab.export')}</Button>
            {user.role !== 'expert' && <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="consortium-create-button">{t('collab.create')}</Button>}
          </Space>
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Input.Search allowClear placeholder={t('collab.search')} onSearch={setQ} enterButton style={{ width: 320 }} data-testid="consortium-search" />
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ConsortiumSummary>
          data-testid="consortium-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('collab.empty') }}
          columns={[
            { title: t('collab.consortia.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/consortia/${c.id}`}>{name}</Link> },
            { title: t('collab.consortia.field'), dataIndex: 'field', width: 120 },
            { title: t('collab.consortia.lead'), dataIndex: 'leadName' },
            { title: t('collab.consortia.chain'), dataIndex: 'chainName', render: (v: string | null, c) => (v ? `${v}${c.segmentName ? ` · ${c.segmentName}` : ''}` : '—') },
            { title: t('collab.consortia.members'), dataIndex: 'activeMemberCount', width: 80 },
            { title: t('collab.consortia.projects'), dataIndex: 'projectCount', width: 110 },
            { title: t('collab.consortia.budget'), dataIndex: 'budgetFen', width: 140, render: (v: number) => wan(v) },
          ]}
        />
      </Card>
      {isCreating && <ConsortiumFormModal onClose={() => setIsCreating(false)} />}
    </div>
  );
}

/** One consortium: members (invite, accept), joint projects with milestone progress, linked challenges and standards. */
export function ConsortiumDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const consortium = useConsortium(id);
  const [isEditing, setIsEditing] = useState(false);
  const c = consortium.data;
  if (consortium.error) return <ProblemAlert error={consortium.error} />;
  if (!c) return <Card loading />;
  return (
    <div data-testid="consortium-detail-page">
      <PageHeader title={c.name} subTitle={c.field} extra={c.canManage && <Button icon={<EditOutlined />} onClick={() => setIsEditing(true)} data-testid="consortium-edit">{t('collab.consortia.edit')}</Button>} />
      {isEditing && <ConsortiumFormModal consortium={c} onClose={() => setIsEditing(false)} />}
      {c.myInvitation === 'invited' && <InvitationBanner id={c.id} />}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('collab.consortia.lead')}>{c.leadName}</Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.chain')}><span data-testid="consortium-chain-name">{c.chainName ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.segment')}><span data-testid="consortium-segment-name">{c.segmentName ?? (c.segmentKey ? t('collab.consortia.segmentGone') : '—')}</span></Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.budget')}>{wan(c.budgetFen)}</Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.challenges')}>
            <span data-testid="consortium-challenges">{c.challenges.map((x) => <Link key={x.id} to={`/challenges/${x.id}`} style={{ marginRight: 8 }}>{x.title}</Link>)}{c.challenges.length === 0 && '—'}</span>
            {c.canManage && <LinkChallengeControl consortium={c} />}
          </Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.standards')} span={2}>{c.standards.map((s) => <Tag key={s.id}>{s.title} · {t(`collab.level.${s.level}` as MessageKey)}</Tag>)}{c.standards.length === 0 && '—'}</Descriptions.Item>
          <Descriptions.Item label={t('collab.consortia.description')} span={2}>{c.description || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <MembersCard consortium={c} />
      <ProjectsCard consortium={c} />
    </div>
  );
}

/** Managers link a 揭榜挂帅 challenge the consortium works on (open or under review ones, not linked yet). */
function LinkChallengeControl({ consortium }: { consortium: ConsortiumView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const { linkChallenge } = useConsortiumWrites(consortium.id);
  const [challengeId, setChallengeId] = useState<string>();
  const challenges = useChallengeList({}, { limit: 100 });
  const linked = new Set(consortium.challenges.map((x) => x.id));
  const options = (challenges.data?.items ?? []).filter((x) => !linked.has(x.id) && (x.status === 'open' || x.status === 'reviewing')).map((x) => ({ value: x.id, label: x.title }));
  return (
    <Space.Compact style={{ marginLeft: 8 }}>
      <Select
        size="small" style={{ width: 260 }} showSearch={{ optionFilterProp: 'label' }} allowClear value={challengeId} onChange={setChallengeId}
        placeholder={t('collab.consortia.pickChallenge')} loading={challenges.isFetching} options={options} data-testid="consortium-link-challenge"
      />
      <Button size="small" disabled={!challengeId} loading={linkChallenge.isPending} data-testid="consortium-link-challenge-submit" onClick={() =>
        linkChallenge.mutate(challengeId!, {
          onSuccess: () => {
            setChallengeId(undefined);
            message.success(t('common.saved'));
          },
          onError: (err) => message.error(errorMessage(err, t)),
        })
      }>{t('collab.consortia.linkChallenge')}</Button>
    </Space.Compact>
  );
}

function InvitationBanner({ id }: { id: string }) {
  const t = useT();
  const { respond } = useConsortiumWrites(id);
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('collab.consortia.invitedBanner')} data-testid="consortium-invitation" action={
      <Space>
        <Button type="primary" size="small" loading={respond.isPending} onClick={() => respond.mutate(true)} data-testid="consortium-accept">{t('collab.consortia.accept')}</Button>
        <Button size="small" onClick={() => respond.mutate(false)}>{t('collab.consortia.decline')}</Button>
      </Space>
    } />
  );
}

function MembersCard({ consortium }: { consortium: ConsortiumView }) {
  const t = useT();
  const { invite } = useConsortiumWrites(consortium.id);
  const lang = useLang();
  const roleOptions = useInviteRoleOptions();
  const [form] = Form.useForm<{ uscc: string; role: 'sme' | 'institute' | 'university' }>();
  const pending = consortium.members.filter((m) => m.status === 'invited').length;
  return (
    <Card title={t('collab.consortia.members')} style={{ marginBottom: 16 }} extra={<span data-testid="consortium-member-counts">{t('collab.consortia.memberCounts', { active: consortium.activeMemberCount, pending })}</span>}>
      {consortium.canManage && (
        <Form form={form} layout="inline" style={{ marginBottom: 12 }} initialValues={{ role: 'sme' }} onFinish={async (values) => {
          try {
            await invite.mutateAsync(values);
            form.resetFields();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['uscc', 'role'] });
          }
        }}>
          <Form.Item name="uscc" rules={[{ required: true, message: t('collab.consortia.pickEnterprise') }]}><CandidatePicker data-testid="consortium-invite-uscc" /></Form.Item>
          <Form.Item name="role"><Select style={{ width: 120 }} options={roleOptions} data-testid="consortium-invite-role" /></Form.Item>
          <Button htmlType="submit" loading={invite.isPending} data-testid="consortium-invite-submit">{t('collab.consortia.invite')}</Button>
        </Form>
      )}
      {invite.error ? <ProblemAlert error={invite.error} /> : null}
      <Table rowKey="uscc" size="small" pagination={false} dataSource={consortium.members} data-testid="consortium-members" columns={[
        { title: t('collab.green.enterprise'), dataIndex: 'name' },
        { title: t('collab.consortia.role'), dataIndex: 'role', width: 120, render: (r: string) => t(`collab.role.${r}` as MessageKey) },
        { title: t('collab.consortia.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={s === 'active' ? 'green' : s === 'invited' ? 'gold' : 'default'}>{t(`collab.memberStatus.${s}` as MessageKey)}</Tag> },
        { title: t('collab.consortia.invitedAt'), dataIndex: 'invitedAt', width: 170, render: (v: string) => formatDateTime(lang, v) },
        { title: t('collab.consortia.respondedAt'), dataIndex: 'respondedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(lang, v) : '—') },
      ]} />
    </Card>
  );
}

function ProjectsCard({ consortium }: { consortium: ConsortiumView }) {
  const t = useT();
  const { addProject } = useConsortiumWrites(consortium.id);
  const [isAdding, setIsAdding] = useState(false);
  const [form] = Form.useForm<{ title: string; goal: string; budgetWan: number; startsOn: string; endsOn: string }>();
  return (
    <Card title={t('collab.consortia.projects')} extra={consortium.canManage && <Button icon={<PlusOutlined />} onClick={() => setIsAdding(true)} data-testid="project-add">{t('collab.consortia.addProject')}</Button>}>
      <Table<JointProjectView> rowKey="id" size="small" pagination={false} dataSource={consortium.projects} data-testid="consortium-projects" columns={[
        { title: t('collab.ip.title'), dataIndex: 'title', render: (v: string, p) => <div><b>{v}</b><div style={{ color: '#888' }}>{p.goal}</div></div> },
        { title: t('collab.consortia.budget'), dataIndex: 'budgetFen', width: 130, render: (v: number) => wan(v) },
        { title: t('collab.consortia.period'), key: 'period', width: 200, render: (_: unknown, p) => `${p.startsOn} ~ ${p.endsOn}` },
        { title: t('collab.consortia.status'), dataIndex: 'status', width: 90, render: (s: string) => t(`collab.projectStatus.${s}` as MessageKey) },
        { title: t('collab.consortia.progress'), key: 'progress', width: 160, render: (_: unknown, p) => (p.milestones.length > 0 ? <Progress percent={Math.round(p.progress * 100)} size="small" /> : '—') },
      ]} />
      {isAdding && (
        <Modal open title={t('collab.consortia.addProject')} onCancel={() => setIsAdding(false)} footer={[
          <Button key="cancel" onClick={() => setIsAdding(false)}>{t('common.cancel')}</Button>,
          <Button key="ok" type="primary" loading={addProject.isPending} onClick={() => form.submit()} data-testid="project-submit">{t('common.save')}</Button>,
        ]}>
          {addProject.error ? <ProblemAlert error={addProject.error} /> : null}
          <Form form={form} layout="vertical" onFinish={async ({ budgetWan, ...values }) => {
            try {
              await addProject.mutateAsync({ ...values, budgetFen: Math.round(budgetWan * WAN) });
              setIsAdding(false);
            } catch (err) {
              applyProblemToForm(form, err, { controls: ['title', 'goal', 'startsOn', 'endsOn'] });
            }
          }}>
            <Form.Item name="title" label={t('collab.ip.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="project-title" /></Form.Item>
            <Form.Item name="goal" label={t('collab.consortia.goal')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} data-testid="project-goal" /></Form.Item>
            <Form.Item name="budgetWan" label={t('collab.consortia.budget')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} data-testid="project-budget" /></Form.Item>
            <Space>
              <Form.Item name="startsOn" label={t('collab.consortia.startsOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="2026-01-01" data-testid="project-starts" /></Form.Item>
              <Form.Item name="endsOn" label={t('collab.consortia.endsOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="2027-12-31" data-testid="project-ends" /></Form.Item>
            </Space>
          </Form>
        </Modal>
      )}
    </Card>
  );
}

function useChainOptions() {
  const chains = useChainList({}, { limit: 200 });
  return (chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
}

/** 标准与专利: standard-drafting projects, patents, and a chain's patent coverage by segment (table + bar chart). */
export function IpPage() {
  const t = useT();
  const standards = useStandards();
  const chainOptions = useChainOptions();
  const [chainId, setChainId] = useState<string | undefined>();
  const patents = usePatents({ chainId });
  const coverage = usePatentCoverage(chainId ?? chainOptions[0]?.value);
  const option = useMemo(() => {
    const segments = coverage.data?.segments ?? [];
    return {
      tooltip: { trigger: 'axis' }, legend: { top: 0, data: [t('collab.ip.leader'), t('collab.ip.sme'), t('collab.ip.total')] }, grid: { left: 20, right: 20, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: segments.map((s) => s.name), axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('collab.ip.leader'), type: 'bar', data: segments.map((s) => s.leaderPatents) },
        { name: t('collab.ip.sme'), type: 'bar', data: segments.map((s) => s.smePatents) },
        { name: t('collab.ip.total'), type: 'bar', data: segments.map((s) => s.patents) },
      ],
    };
  }, [coverage.data, t]);
  return (
    <div data-testid="ip-page">
      <PageHeader title={t('collab.menu.ip')} subTitle={t('collab.ip.subtitle')} />
      <Tabs items={[
        {
          key: 'coverage', label: t('collab.ip.coverage'), children: (
            <Card>
              <Select style={{ width: 320, marginBottom: 12 }} placeholder={t('collab.ip.pickChain')} options={chainOptions} value={chainId ?? chainOptions[0]?.value} onChange={setChainId} data-testid="coverage-chain" />
              {coverage.error ? <ProblemAlert error={coverage.error} /> : null}
              <DashboardChart option={option} height={320} data-testid="coverage-chart" />
              <Table<SegmentCoverage> rowKey="key" size="small" pagination={false} dataSource={coverage.data?.segments ?? []} data-testid="coverage-table" columns={[
                { title: t('collab.ip.segment'), dataIndex: 'name' },
                { title: t('collab.ip.total'), dataIndex: 'patents', width: 90 },
                { title: t('collab.patentType.invention'), dataIndex: 'invention', width: 80 },
                { title: t('collab.ip.leader'), dataIndex: 'leaderPatents', width: 100 },
                { title: t('collab.ip.sme'), dataIndex: 'smePatents', width: 110 },
                { title: t('collab.ip.gaps'), key: 'gaps', render: (_: unknown, s) => <Space>{s.isLeaderGap && <Tag color="red">{t('collab.ip.leaderGap')}</Tag>}{s.isSmeGap && <Tag color="orange">{t('collab.ip.smeGap')}</Tag>}</Space> },
              ]} />
              {coverage.data && coverage.data.unassigned > 0 && <div style={{ marginTop: 8, color: '#888' }}>{t('collab.ip.unassigned', { n: coverage.data.unassigned })}</div>}
            </Card>
          ),
        },
        {
          key: 'patents', label: t('collab.ip.patents'), children: (
            <Card className="table-card" extra={<Button icon={<DownloadOutlined />} href={apiUrl('/patents/export', { chainId })}>{t('collab.export')}</Button>}>
              <Table<PatentView> rowKey="id" size="small" loading={patents.isFetching} dataSource={patents.data?.items ?? []} data-testid="patent-table" columns={[
                { title: t('collab.ip.number'), dataIndex: 'number', width: 160 },
                { title: t('collab.ip.title'), dataIndex: 'title' },
                { title: t('collab.ip.type'), dataIndex: 'type', width: 90, render: (v: string) => t(`collab.patentType.${v}` as MessageKey) },
                { title: t('collab.ip.holder'), dataIndex: 'holderName' },
                { title: t('collab.ip.segment'), dataIndex: 'segmentName', width: 120, render: (v: string | null) => v ?? '—' },
                { title: t('collab.ip.filedOn'), dataIndex: 'filedOn', width: 110 },
                { title: t('collab.ip.grantedOn'), dataIndex: 'grantedOn', width: 110, render: (v: string | null) => v ?? '—' },
              ]} />
            </Card>
          ),
        },
        {
          key: 'standards', label: t('collab.ip.standards'), children: (
            <Card className="table-card">
              <Table<StandardView> rowKey="id" size="small" loading={standards.isFetching} dataSource={standards.data?.items ?? []} data-testid="standard-table" columns={[
                { title: t('collab.ip.title'), dataIndex: 'title' },
                { title: t('collab.ip.code'), dataIndex: 'code', width: 150, render: (v: string) => v || '—' },
                { title: t('collab.ip.level'), dataIndex: 'level', width: 100, render: (v: string) => t(`collab.level.${v}` as MessageKey) },
                { title: t('collab.consortia.status'), dataIndex: 'status', width: 100, render: (v: string) => t(`collab.standardStatus.${v}` as MessageKey) },
                { title: t('collab.ip.participants'), key: 'p', render: (_: unknown, s) => s.participants.map((p) => `${p.name}（${p.role === 'lead' ? '主编' : p.role === 'drafter' ? '参编' : '审查'}）`).join('、') },
              ]} />
            </Card>
          ),
        },
      ]} />
    </div>
  );
}

/** 绿色供应链: buyers' green criteria, the user's (or region's) indicators, and a chain's green level by segment. */
export function GreenPage() {
  const t = useT();
  const criteria = useGreenCriteria();
  const indicators = useIndicators();
  const chainOptions = useChainOptions();
  const [chainId, setChainId] = useState<string | undefined>();
  const green = useChainGreen(chainId ?? chainOptions[0]?.value);
  const requirement = (c: GreenCriterionView) =>
    c.kind === 'certification' ? c.certification : c.kind === 'green_factory' ? `≥ ${t(`collab.green.factory.${c.factoryLevel}` as MessageKey)}` : `≤ ${c.threshold} ${c.kind === 'carbon_intensity' ? 'tCO2e/万元' : 'tce/万元'}`;
  return (
    <div data-testid="green-page">
      <PageHeader title={t('collab.menu.green')} subTitle={t('collab.green.subtitle')} />
      {green.data && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('collab.green.levelNote', { a: green.data.thresholds.a, b: green.data.thresholds.b })} />}
      <Tabs items={[
        {
          key: 'chain', label: t('collab.green.chain'), children: (
            <Card>
              <Select style={{ width: 320, marginBottom: 12 }} placeholder={t('collab.ip.pickChain')} options={chainOptions} value={chainId ?? chainOptions[0]?.value} onChange={setChainId} data-testid="green-chain" />
              <Table rowKey="key" size="small" pagination={false} dataSource={green.data?.segments ?? []} data-testid="green-chain-table" columns={[
                { title: t('collab.ip.segment'), dataIndex: 'name' },
                { title: t('collab.green.reporting'), key: 'r', width: 110, render: (_: unknown, s: { reporting: number; members: number }) => `${s.reporting} / ${s.members}` },
                { title: t('collab.green.carbonIntensity'), dataIndex: 'carbonIntensity', width: 170, render: (v: number | null) => (v === null ? '—' : v.toFixed(3)) },
                { title: t('collab.green.energyIntensity'), dataIndex: 'energyIntensity', width: 160, render: (v: number | null) => (v === null ? '—' : v.toFixed(3)) },
                { title: t('collab.green.kind.green_factory'), dataIndex: 'greenFactories', width: 90 },
                { title: t('collab.green.levelCol'), dataIndex: 'level', width: 90, render: (v: string) => <Tag color={v === 'A' ? 'green' : v === 'B' ? 'gold' : v === 'C' ? 'red' : 'default'}>{v === 'none' ? '—' : v}</Tag> },
              ]} />
            </Card>
          ),
        },
        {
          key: 'criteria', label: t('collab.green.criteria'), children: (
            <Card className="table-card">
              <Table<GreenCriterionView> rowKey="id" size="small" dataSource={criteria.data?.items ?? []} data-testid="criteria-table" columns={[
                { title: t('collab.green.buyer'), dataIndex: 'buyerName' },
                { title: t('collab.consortia.name'), dataIndex: 'name' },
                { title: t('collab.green.kind'), dataIndex: 'kind', width: 120, render: (v: string) => t(`collab.green.kind.${v}` as MessageKey) },
                { title: t('collab.green.requirement'), key: 'req', render: (_: unknown, c) => requirement(c) },
              ]} />
            </Card>
          ),
        },
        {
          key: 'indicators', label: t('collab.green.indicators'), children: (
            <Card className="table-card">
              <Table<IndicatorView> rowKey={(i) => `${i.uscc}/${i.year}`} size="small" dataSource={indicators.data?.items ?? []} data-testid="indicator-table" columns={[
                { title: t('collab.green.enterprise'), dataIndex: 'name' },
                { title: t('collab.green.year'), dataIndex: 'year', width: 70 },
                { title: t('collab.green.energyTce'), dataIndex: 'energyTce', width: 130 },
                { title: t('collab.green.emissions'), dataIndex: 'emissionsTco2e', width: 130 },
                { title: t('collab.green.carbonIntensity'), dataIndex: 'carbonIntensity', width: 170, render: (v: number) => v.toFixed(3) },
                { title: t('collab.green.kind.certification'), dataIndex: 'certifications', render: (v: string[]) => v.join('、') || '—' },
                { title: t('collab.green.factoryLevel'), dataIndex: 'factoryLevel', width: 110, render: (v: string | null) => (v ? t(`collab.green.factory.${v}` as MessageKey) : '—') },
              ]} />
            </Card>
          ),
        },
      ]} />
    </div>
  );
}
