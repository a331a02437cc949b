import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Progress, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import { PROJECT_STATUSES, type ProjectDetailView, type ProjectStatus } from '../../contracts/projects';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useLang, useT } from '../i18n';
import { formatDateTime, formatNumber, todayInShanghai } from '../lib/format';
import { useProject, useProjectHistory, useUpdateProject } from '../queries/projects';
import { TYPE_COLOURS, projectStatusKey, projectTypeKey } from './ProjectsPage';

type Milestone = ProjectDetailView['milestones'][number];

/** One project: facts, enterprises, milestones (mark done), progress update and the timeline of changes. */
export function ProjectDetailPage() {
  const t = useT();
  const lang = useLang();
  const { id = '' } = useParams();
  const project = useProject(id);
  const history = useProjectHistory(id);
  const update = useUpdateProject(id);
  const [form] = Form.useForm<{ status: ProjectStatus; progressPct: number; note?: string }>();
  const p = project.data;
  if (project.error) return <ProblemAlert error={project.error} />;
  if (!p) return <Card loading />;
  const markDone = (index: number) =>
    update.mutate({ milestones: p.milestones.map((m, i) => ({ title: m.title, dueOn: m.dueOn, doneOn: i === index ? todayInShanghai() : m.doneOn })), note: t('workbench.projects.milestoneDone', { title: p.milestones[index].title }) });
  const describe = (value: Record<string, unknown> | null) =>
    value ? Object.entries(value).filter(([k]) => k !== 'milestones' && k !== 'enterprises').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('，') : '';
  return (
    <div data-testid="project-detail-page">
      <PageHeader title={<span>{p.name} <Tag color={TYPE_COLOURS[p.type]}>{t(projectTypeKey(p.type))}</Tag></span>} subTitle={`${p.chainName} · ${p.segmentName}`} />
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('workbench.col.region')}>{p.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.weakLink')}>{p.weakLinkKind ? t(`workbench.projects.weak.${p.weakLinkKind}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.investment')}>{formatNumber(lang, p.investmentFen / 1_000_000, 2)}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.statusLabel')}>{t(projectStatusKey(p.status))}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.startsOn')}>{p.startsOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.endsOn')}>{p.endsOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.projects.progress')} span={2}><Progress percent={p.progressPct} data-testid="project-progress" /></Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('workbench.projects.enterprises')} style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="uscc" pagination={false} dataSource={p.enterprises}
              columns={[
                { title: t('workbench.projects.enterprise'), dataIndex: 'name' },
                { title: 'USCC', dataIndex: 'uscc', width: 200 },
                { title: t('workbench.projects.role'), dataIndex: 'role', width: 100, render: (r: string) => (r === 'lead' ? <Tag color="gold">{t('workbench.projects.lead')}</Tag> : t('workbench.projects.participant')) },
              ]} />
          </Card>
          <Card size="small" title={t('workbench.projects.milestones')} style={{ marginBottom: 12 }}>
            <Table<Milestone> size="small" rowKey="title" pagination={false} dataSource={p.milestones} data-testid="project-milestones"
              columns={[
                { title: t('workbench.projects.milestone'), dataIndex: 'title' },
                { title: t('workbench.projects.dueOn'), dataIndex: 'dueOn', width: 120, render: (d: string, m) => (m.isOverdue ? <Typography.Text type="danger">{d}</Typography.Text> : d) },
                { title: t('workbench.projects.doneOn'), dataIndex: 'doneOn', width: 160, render: (d: string | null, _m, i) => d ?? <Button size="small" onClick={() => markDone(i)} loading={update.isPending}>{t('workbench.projects.markDone')}</Button> },
              ]} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('workbench.projects.update')} style={{ marginBottom: 12 }}>
            <Form form={form} layout="vertical" initialValues={{ status: p.status, progressPct: p.progressPct }} onFinish={(v) => update.mutate(v, { onSuccess: () => form.setFieldValue('note', '') })}>
              <Space wrap>
                <Form.Item name="status" label={t('workbench.projects.statusLabel')}>
                  <Select style={{ width: 130 }} data-testid="project-status" options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(projectStatusKey(s)) }))} />
                </Form.Item>
                <Form.Item name="progressPct" label={t('workbench.projects.progress')}>
                  <InputNumber min={0} max={100} addonAfter="%" data-testid="project-progress-input" />
                </Form.Item>
              </Space>
              <Form.Item name="note" label={t('workbench.projects.note')}>
                <Input.TextArea rows={2} data-testid="project-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="project-update-submit">{t('common.save')}</Button>
            </Form>
            <ProblemAlert error={update.error} />
          </Card>
          <Card size="small" title={t('workbench.projects.timeline')}>
            <Timeline
              data-testid="project-timeline"
              items={(history.data?.items ?? []).map((h) => ({
                children: (
                  <div>
                    <div><strong>{t(`workbench.projects.action.${h.action.replace('chain_project.', '') as 'create' | 'update' | 'import'}`)}</strong> · {h.actor}</div>
                    <div className="muted">{formatDateTime(lang, h.at)}</div>
                    {h.action === 'chain_project.update' && <div>{describe(h.after)}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
