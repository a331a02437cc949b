import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Empty, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ChallengeView, ExpertView } from '../../../contracts/innovation';
import { CONFLICT_REASON_MAX, PANEL_NAME_MAX, type PanelMemberView, type PanelState, type PanelView } from '../../../contracts/panels';
import { isApiStatus } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RegionCascader } from '../../components/RegionCascader';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCurrentUser } from '../../queries/auth';
import { useExpertPool, type ExpertPoolFilters } from '../../queries/innovation';
import { useAdvancePanel, useDeclareConflicts, usePanel, useSavePanel } from '../../queries/panels';

const STATE_COLOR: Record<PanelState, string> = { forming: 'gold', scoring: 'blue', concluded: 'green' };
const DECLARATION_COLOR: Record<PanelMemberView['declaration'], string> = { pending: 'default', none: 'green', declared: 'red' };
const POOL_PAGE = 10;

/** 评审组 tab of the challenge page: managers form, start and conclude the panel; members declare conflicts. */
export function ReviewPanelTab({ challenge }: { challenge: ChallengeView }) {
  const t = useT();
  const panel = usePanel(challenge.id, true);
  const [isEditing, setEditing] = useState(false);
  if (panel.isLoading) return <Card loading />;
  const isMissing = isApiStatus(panel.error, 404);
  if (panel.error && !isMissing) return <ProblemAlert error={panel.error} />;
  if (!panel.data) {
    if (!challenge.canManage) return <Empty description={t('panels.notMember')} data-testid="panel-not-member" />;
    const isClosed = challenge.status === 'awarded' || challenge.status === 'cancelled';
    return (
      <div data-testid="panel-tab">
        <Alert type="info" showIcon message={t('panels.none')} style={{ marginBottom: 16 }} />
        {!isClosed && <PanelForm challenge={challenge} />}
      </div>
    );
  }
  const p = panel.data;
  return (
    <div data-testid="panel-tab">
      <PanelSummary panel={p} onEdit={() => setEditing(true)} />
      {isEditing && p.state === 'forming' && <PanelForm challenge={challenge} panel={p} onDone={() => setEditing(false)} />}
      <MemberTable panel={p} />
      {p.myExpertId && <DeclarationCard panel={p} />}
    </div>
  );
}

function PanelSummary({ panel, onEdit }: { panel: PanelView; onEdit: () => void }) {
  const t = useT();
  const lang = useLang();
  const advance = useAdvancePanel(panel.challengeId);
  // A refusal shows in the ProblemAlert above the summary.
  const run = (verb: 'start' | 'conclude') => advance.mutateAsync(verb).catch(() => undefined);
  return (
    <>
      {advance.error ? <ProblemAlert error={advance.error} /> : null}
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }} data-testid="panel-summary">
        <Descriptions.Item label={t('panels.name')}><strong data-testid="panel-name">{panel.name}</strong></Descriptions.Item>
        <Descriptions.Item label={t('panels.state')}><Tag color={STATE_COLOR[panel.state]} data-testid="panel-state">{t(`panels.state.${panel.state}`)}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('panels.chair')}>{panel.chairName}</Descriptions.Item>
        <Descriptions.Item label={t('panels.members')}>{panel.members.length}</Descriptions.Item>
        {panel.concludedAt ? <Descriptions.Item label={t('panels.concludedAt')}>{formatDateTime(lang, panel.concludedAt)}</Descriptions.Item> : null}
      </Descriptions>
      {panel.canManage && panel.state !== 'concluded' && (
        <Space style={{ marginBottom: 12 }}>
          {panel.state === 'forming' && <Button onClick={onEdit} data-testid="panel-edit">{t('panels.edit')}</Button>}
          {panel.state === 'forming' && <Button type="primary" loading={advance.isPending} onClick={() => run('start')} data-testid="panel-start">{t('panels.start')}</Button>}
          {panel.state === 'scoring' && <Button type="primary" loading={advance.isPending} onClick={() => run('conclude')} data-testid="panel-conclude">{t('panels.conclude')}</Button>}
        </Space>
      )}
    </>
  );
}

function MemberTable({ panel }: { panel: PanelView }) {
  const t = useT();
  return (
    <Table<PanelMemberView>
      data-testid="panel-members"
      rowKey="expertId"
      size="small"
      pagination={false}
      dataSource={panel.members}
      scroll={{ x: 900 }}
      columns={[
        { title: t('panels.member.name'), dataIndex: 'name', width: 140, render: (name: string, m) => <Space size={4}>{name}{m.isChair && <Tag color="purple">{t('panels.member.chairTag')}</Tag>}</Space> },
        { title: t('panels.member.affiliation'), dataIndex: 'affiliation', render: (v: string) => v || '—' },
        { title: t('panels.member.fields'), dataIndex: 'fields', render: (fields: string[]) => fields.map((f) => <Tag key={f}>{f}</Tag>) },
        {
          title: t('panels.member.declaration'), key: 'declaration', width: 260,
          render: (_: unknown, m) => (
            <div data-testid="panel-declaration">
              <Tag color={DECLARATION_COLOR[m.declaration]}>{t(`panels.declaration.${m.declaration}`)}</Tag>
              {m.conflicts.map((c) => <div key={c.uscc} className="muted">{c.applicantName}：{c.reason}</div>)}
            </div>
          ),
        },
        { title: t('panels.member.reviews'), key: 'reviews', width: 150, render: (_: unknown, m) => `${m.submitted} / ${m.assigned}` },
      ]}
    />
  );
}

/** Form or change the panel: name, members picked from the filtered pool, chair among them. */
function PanelForm({ challenge, panel, onDone }: { challenge: ChallengeView; panel?: PanelView; onDone?: () => void }) {
  const t = useT();
  const save = useSavePanel(challenge.id);
  const [name, setName] = useState(panel?.name ?? `${challenge.title.slice(0, 40)}评审组`);
  const [selected, setSelected] = useState<Map<string, string>>(new Map((panel?.members ?? []).map((m) => [m.expertId, m.name])));
  const [chair, setChair] = useState<string | undefined>(panel?.chairExpertId);
  const [filters, setFilters] = useState<ExpertPoolFilters>({ field: challenge.fields[0], available: 'true' });
  const set = (change: Partial<ExpertPoolFilters>) => setFilters((f) => ({ ...f, ...change }));
  const pages = useCursorPages(JSON.stringify(filters));
  const pool = useExpertPool(filters, { cursor: pages.cursor, limit: POOL_PAGE });
  const toggle = (rows: ExpertView[], isOn: boolean) => {
    const next = new Map(selected);
    for (const x of rows) {
      if (isOn) next.set(x.id, x.name);
      else next.delete(x.id);
    }
    setSelected(next);
    if (chair && !next.has(chair)) setChair(undefined);
  };
  const submit = async () => {
    await save.mutateAsync({ name: name.trim(), chairExpertId: chair ?? '', memberExpertIds: [...selected.keys()] });
    onDone?.();
  };
  return (
    <Card size="small" title={t(panel ? 'panels.form.editTitle' : 'panels.form.title')} style={{ marginBottom: 16 }} data-testid="panel-form">
      <Typography.Paragraph type="secondary">{t('panels.form.hint')}</Typography.Paragraph>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('panels.form.name')}</span>
          <Input value={name} maxLength={PANEL_NAME_MAX} onChange={(e) => setName(e.target.value)} placeholder={t('panels.form.namePlaceholder')} style={{ width: 360 }} data-testid="panel-name-input" />
        </Space>
        <Typography.Text strong>{t('panels.form.pool')}</Typography.Text>
        <Space wrap className="filter-bar">
          <Input.Search allowClear placeholder={t('talent.experts.search')} onSearch={(q) => set({ q: q || undefined })} style={{ width: 180 }} data-testid="panel-pool-search" />
          <Input.Search allowClear defaultValue={filters.field} placeholder={t('talent.experts.field')} onSearch={(field) => set({ field: field || undefined })} style={{ width: 180 }} data-testid="panel-pool-field" />
          <RegionCascader value={filters.regionCode} onChange={(regionCode) => set({ regionCode })} placeholder={t('talent.experts.region')} style={{ width: 220 }} />
          <Input.Search allowClear placeholder={t('talent.experts.affiliation')} onSearch={(affiliation) => set({ affiliation: affiliation || undefined })} style={{ width: 180 }} />
          <Space>
            <Switch checked={filters.available === 'true'} onChange={(on) => set({ available: on ? 'true' : undefined })} />
            {t('talent.experts.availableOnly')}
          </Space>
        </Space>
        <Table<ExpertView>
          data-testid="panel-pool"
          rowKey="id"
          size="small"
          loading={pool.isFetching}
          dataSource={pool.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('talent.experts.empty') }}
          rowSelection={{
            selectedRowKeys: [...selected.keys()],
            preserveSelectedRowKeys: true,
            onSelect: (x, isOn) => toggle([x], isOn),
            onSelectAll: (isOn, _rows, changed) => toggle(changed, isOn),
          }}
          columns={[
            { title: t('talent.experts.name'), dataIndex: 'name', width: 110 },
            { title: t('talent.experts.fields'), dataIndex: 'fields', render: (fields: string[]) => fields.map((f) => <Tag key={f}>{f}</Tag>) },
            { title: t('talent.experts.affiliation'), dataIndex: 'affiliation', render: (v: string) => v || '—' },
            { title: t('talent.experts.region'), dataIndex: 'regionName', width: 180 },
            { title: t('talent.experts.load'), key: 'load', width: 90, render: (_: unknown, x) => `${x.openReviews} / ${x.maxLoad}` },
          ]}
        />
        <CursorPager pages={pages} nextCursor={pool.data?.nextCursor} isFetching={pool.isFetching} />
        <Space wrap>
          <span data-testid="panel-selected">{t('panels.form.selected', { n: selected.size })}</span>
          <span>{t('panels.form.chair')}</span>
          <Select
            style={{ width: 220 }}
            value={chair}
            onChange={setChair}
            placeholder={t('panels.form.chairPlaceholder')}
            options={[...selected].map(([value, label]) => ({ value, label }))}
            data-testid="panel-chair"
          />
          <Button type="primary" loading={save.isPending} disabled={selected.size === 0 || !chair || name.trim().length < 2} onClick={() => submit().catch(() => undefined)} data-testid="panel-save">
            {t('panels.form.save')}
          </Button>
          {onDone && <Button onClick={onDone}>{t('panels.form.cancel')}</Button>}
        </Space>
      </Space>
    </Card>
  );
}

/** The calling member's declaration: applicants ticked with a reason, or none. */
function DeclarationCard({ panel }: { panel: PanelView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const declare = useDeclareConflicts(panel.challengeId);
  const me = panel.members.find((m) => m.expertId === panel.myExpertId);
  const [reasons, setReasons] = useState<Map<string, string>>(new Map((me?.conflicts ?? []).map((c) => [c.uscc, c.reason])));
  const submit = async () => {
    const result = await declare.mutateAsync({ conflicts: [...reasons].map(([uscc, reason]) => ({ uscc, reason: reason.trim() })) });
    message.success(result.removedReviews > 0 ? `${t('panels.declare.done')}，${t('panels.declare.removed', { n: result.removedReviews })}` : t('panels.declare.done'));
  };
  const isOpen = panel.state !== 'concluded';
  return (
    <Card size="small" title={t('panels.declare.title')} style={{ marginTop: 16, maxWidth: 760 }} data-testid="panel-declare">
      <Typography.Paragraph type="secondary">{t('panels.declare.hint')}</Typography.Paragraph>
      {declare.error ? <ProblemAlert error={declare.error} /> : null}
      {panel.applicants.length === 0 && <Empty description={t('panels.declare.noApplicants')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {panel.applicants.map((a) => (
          <Space key={a.uscc} wrap data-testid="panel-declare-applicant">
            <Checkbox
              disabled={!isOpen}
              checked={reasons.has(a.uscc)}
              onChange={(e) => {
                const next = new Map(reasons);
                if (e.target.checked) next.set(a.uscc, '');
                else next.delete(a.uscc);
                setReasons(next);
              }}
            >
              {a.name}
            </Checkbox>
            {reasons.has(a.uscc) && (
              <Input
                size="small"
                style={{ width: 320 }}
                maxLength={CONFLICT_REASON_MAX}
                value={reasons.get(a.uscc)}
                placeholder={t('panels.declare.reason')}
                onChange={(e) => setReasons(new Map(reasons).set(a.uscc, e.target.value))}
                data-testid="panel-declare-reason"
              />
            )}
          </Space>
        ))}
        {isOpen && (
          <Button type="primary" loading={declare.isPending} onClick={() => submit().catch(() => undefined)} data-testid="panel-declare-submit">
            {reasons.size > 0 ? t('panels.declare.submit') : t('panels.declare.submitNone')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
