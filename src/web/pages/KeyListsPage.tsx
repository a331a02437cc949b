import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { KEY_LIST_KINDS, type KeyListKind, type KeyListView } from '../../contracts/workbench';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { useLang, useT, type MessageKey } from '../i18n';
import { regionScope } from '../lib/access';
import { formatDateTime } from '../lib/format';
import { applyProblemToForm } from '../lib/problem';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useCreateKeyList, useKeyLists } from '../queries/workbench';

/** Message key of a list kind. */
export const keyListKindKey = (kind: KeyListKind): MessageKey => `workbench.lists.kind.${kind}`;

/** 重点企业库: the lists of the user's region and of every region below it. */
export function KeyListsPage() {
  const t = useT();
  const lang = useLang();
  const { params, setParam } = useUrlParams();
  const kind = KEY_LIST_KINDS.find((k) => k === params.get('kind'));
  const filters = useMemo(() => ({ kind }), [kind]);
  const pages = useCursorPages(JSON.stringify(filters));
  const lists = useKeyLists(filters, { cursor: pages.cursor, limit: 20 });
  const [isCreating, setCreating] = useState(false);
  return (
    <div data-testid="key-lists-page">
      <PageHeader
        title={t('workbench.lists.title')}
        subTitle={t('workbench.lists.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="key-list-create">
            {t('workbench.lists.create')}
          </Button>
        }
      />
      <Card className="filter-card" size="small">
        <Select<KeyListKind> allowClear value={kind} onChange={(v) => setParam('kind', v)} placeholder={t('workbench.lists.kind')} style={{ width: 200 }} options={KEY_LIST_KINDS.map((k) => ({ value: k, label: t(keyListKindKey(k)) }))} />
      </Card>
      <Card className="table-card">
        {lists.error ? <ProblemAlert error={lists.error} /> : null}
        <Table<KeyListView>
          data-testid="key-list-table"
          rowKey="id"
          loading={lists.isFetching}
          dataSource={lists.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('workbench.lists.empty') }}
          columns={[
            { title: t('workbench.lists.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/key-lists/${row.id}`}>{name}</Link> },
            { title: t('workbench.lists.kind'), dataIndex: 'kind', width: 140, render: (k: KeyListKind) => <Tag color="geekblue">{t(keyListKindKey(k))}</Tag> },
            { title: t('workbench.col.region'), dataIndex: 'regionName', width: 140, render: (name: string, row) => (row.isOwn ? name : <span>{name} <Tag>{t('workbench.lists.below')}</Tag></span>) },
            { title: t('workbench.lists.members'), dataIndex: 'memberCount', width: 100, align: 'right' },
            { title: t('workbench.lists.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: string) => formatDateTime(lang, at) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={lists.data?.nextCursor} isFetching={lists.isFetching} />
      </Card>
      {isCreating && <KeyListCreateModal onClose={() => setCreating(false)} />}
    </div>
  );
}

interface CreateForm {
  name: string;
  kind: KeyListKind;
  regionCode?: string;
  description?: string;
}

function KeyListCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateKeyList();
  const submit = (values: CreateForm) =>
    create.mutate(values, {
      onSuccess: ({ id }) => {
        onClose();
        void navigate(`/key-lists/${id}`);
      },
      onError: (error) => applyProblemToForm(form, error, { controls: ['name', 'kind', 'regionCode', 'description'] }),
    });
  return (
    <Modal title={t('workbench.lists.create')} open onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ 'data-testid': 'key-list-create-submit' }} destroyOnHidden>
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'specialized', regionCode: user.regionCode ?? undefined }}>
        <Form.Item name="name" label={t('workbench.lists.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input data-testid="key-list-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('workbench.lists.kind')} rules={[{ required: true }]}>
          <Select options={KEY_LIST_KINDS.map((k) => ({ value: k, label: t(keyListKindKey(k)) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('workbench.col.region')}>
          <RegionCascader scope={regionScope(user)} />
        </Form.Item>
        <Form.Item name="description" label={t('workbench.field.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <ProblemAlert error={create.error} fieldErrors={[]} />
    </Modal>
  );
}
