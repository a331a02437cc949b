import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { CommitteeView, CreateCommitteeBody } from '../../../contracts/talent';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { applyProblemToForm } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useExperts } from '../../queries/innovation';
import { useCommittees, useCreateCommittee, useUpdateCommittee } from '../../queries/talent';
import { TalentNav } from './ConsultationPages';

/** 技术专家咨询委员会: the committees the user sees; gov users form and adjust those in their scope. */
export function CommitteeListPage() {
  const t = useT();
  const user = useCurrentUser();
  const committees = useCommittees();
  const [editing, setEditing] = useState<CommitteeView | 'new' | null>(null);
  const canForm = user.role === 'gov' || user.role === 'platform_admin';
  return (
    <div data-testid="committee-list-page">
      <TalentNav />
      <PageHeader
        title={t('talent.committees.title')}
        subTitle={t('talent.committees.subtitle')}
        extra={canForm ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="committee-create-button">{t('talent.committees.create')}</Button> : null}
      />
      <Card className="table-card">
        {committees.error ? <ProblemAlert error={committees.error} /> : null}
        <Table<CommitteeView>
          data-testid="committee-table"
          rowKey="id"
          loading={committees.isFetching}
          dataSource={committees.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('talent.committees.empty') }}
          columns={[
            { title: t('talent.committees.name'), dataIndex: 'name', render: (name: string, k) => <Space>{name}{!k.isActive && <Tag>{t('talent.committees.inactive')}</Tag>}</Space> },
            { title: t('talent.field.field'), dataIndex: 'field', width: 120 },
            { title: t('talent.committees.chair'), key: 'chair', width: 140, render: (_: unknown, k) => k.members.find((m) => m.role === 'chair')?.name ?? '—' },
            { title: t('talent.committees.members'), key: 'members', render: (_: unknown, k) => k.members.filter((m) => m.role === 'member').map((m) => m.name).join('、') || '—' },
            { title: t('talent.committees.consultations'), dataIndex: 'consultationCount', width: 100 },
            { title: '', key: 'edit', width: 90, render: (_: unknown, k) => (k.canManage ? <Button size="small" onClick={() => setEditing(k)} data-testid="committee-edit">{t('talent.committees.edit')}</Button> : null) },
          ]}
        />
      </Card>
      {editing && <CommitteeModal committee={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

type CommitteeForm = CreateCommitteeBody & { isActive?: boolean };

function CommitteeModal({ committee, onClose }: { committee: CommitteeView | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const experts = useExperts(true);
  const create = useCreateCommittee();
  const update = useUpdateCommittee();
  const [form] = Form.useForm<CommitteeForm>();
  const options = (experts.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} · ${x.affiliation || '—'} · ${x.fields.slice(0, 3).join('/')}` }));
  const error = create.error ?? update.error;
  const initial: Partial<CommitteeForm> = committee
    ? { name: committee.name, field: committee.field, description: committee.description, isActive: committee.isActive, chairExpertId: committee.members.find((m) => m.role === 'chair')?.expertId, memberExpertIds: committee.members.filter((m) => m.role === 'member').map((m) => m.expertId) }
    : { memberExpertIds: [] };
  return (
    <Modal
      open
      title={t(committee ? 'talent.committees.edit' : 'talent.committees.create')}
      onCancel={onClose}
      width={640}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="committee-submit">{t('common.save')}</Button>,
      ]}
    >
      {error ? <ProblemAlert error={error} /> : null}
      <Form<CommitteeForm>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (values) => {
          try {
            if (committee) await update.mutateAsync({ ...values, id: committee.id });
            else await create.mutateAsync(values);
            message.success(t('common.saved'));
            onClose();
          } catch (err) {
            applyProblemToForm(form, err, { controls: ['name', 'field', 'description', 'chairExpertId', 'memberExpertIds', 'regionCode'] });
          }
        }}
      >
        <Form.Item name="name" label={t('talent.committees.name')} rules={[{ required: true, min: 2 }]}><Input data-testid="committee-name" /></Form.Item>
        <Form.Item name="field" label={t('talent.field.field')} rules={[{ required: true, min: 2 }]}><Input data-testid="committee-field" /></Form.Item>
        <Form.Item name="description" label={t('talent.committees.description')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="chairExpertId" label={t('talent.committees.chair')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={experts.isLoading} data-testid="committee-chair" />
        </Form.Item>
        <Form.Item name="memberExpertIds" label={t('talent.committees.members')}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={options} loading={experts.isLoading} data-testid="committee-members" />
        </Form.Item>
        {committee && <Form.Item name="isActive" label={t('talent.committees.active')} valuePropName="checked"><Switch /></Form.Item>}
      </Form>
    </Modal>
  );
}
