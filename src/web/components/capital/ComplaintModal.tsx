import { App as AntApp, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useCreateComplaint } from '../../queries/capital';
import { ProblemAlert } from '../ProblemAlert';

/** 投诉: the supplier describes the late payment and lists its evidence (one item a line). */
export function ComplaintModal({ deliveryId, onClose }: { deliveryId: string | undefined; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const create = useCreateComplaint();
  const [description, setDescription] = useState('');
  const [evidence, setEvidence] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    if (!deliveryId) return;
    setError(undefined);
    try {
      await create.mutateAsync({ deliveryId, description, evidence: evidence.split('\n').map((e) => e.trim()).filter(Boolean) });
      message.success(t('capital.complaints.filed'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Modal open={Boolean(deliveryId)} title={t('capital.complaints.file')} onCancel={onClose} onOk={() => void submit()} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'complaint-submit' } as Record<`data-${string}`, string>}>
      {error ? <ProblemAlert error={error} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('capital.complaints.fileHint')}</Typography.Text>
        <Input.TextArea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} placeholder={t('capital.complaints.description')} data-testid="complaint-description" />
        <Input.TextArea rows={3} value={evidence} onChange={(e) => setEvidence(e.target.value)} placeholder={t('capital.complaints.evidence')} />
      </Space>
    </Modal>
  );
}
